# 本工具的中文用语。每条消息在 en.ftl 中都有对应（测试会检查）。
# 变量写作 { $name }；「文件:行: 列:」的格式在两种语言中保持不变。

## 输出前缀
prefix-error = 错误
prefix-warning = 警告
prefix-hint = 提示

## 错误与提示
invalid-hint = 共发现 { $n } 处问题，未生成任何文件。运行 `dunning check` 可列出全部问题。
rejected = 共 { $problems } 处问题，{ $letters } 封函件未生成：详见压缩包内的 rejects.csv
interrupted = 已中断：未生成任何文件
timed-out = { $what }：超过 { $seconds } 秒仍未完成，已停止（模板中可能有死循环，或文档多达数千页）
timed-out-hint = 未生成任何文件。一封函件通常不到一秒即可完成；时限可通过 { $setting } 设置
internal = 内部错误：{ $what }（程序缺陷，请报告）
unknown-ui = DUNNING_UI={ $value } 既不是 zh 也不是 en：以英文显示

## 数据
no-such-file = 文件不存在
name-required = 缺少债务人名称
due-date-required = 有金额的款项须填写到期日
no-id-column = 表头中没有编号列（编号 / id）
title-rows = 表头上方的 { $rows } 行视为标题而非债务人，已跳过：{ $text }
totals-row = 此行为合计行（{ $word }），不是债务人，已跳过

## 汇总与进度条
check-ok = 检查通过：{ $files } 个文件，共 { $letters } 封函件，未发现问题
check-problems = { $files } 个文件中发现 { $problems } 处问题；{ $letters } 封函件可以生成
batch-wrote = 已生成 { $zip }：函件 { $letters } 封，共 { $pages } 页，打印文件 { $prints } 个；欠款合计 { $outstanding }，违约金 { $fee }；用时 { $seconds } 秒（每秒 { $rate } 封）
batch-skipped = { $n } 位债务人本次未发函（冻结、催收阶梯或已发过）：详见压缩包内的 skipped.csv
progress = 封函件

## dunning send（电子邮件发送）
send-summary = 已发送 { $sent } 封，失败 { $failed } 封，跳过 { $skipped } 封，延后 { $deferred } 封（此前已发送：{ $already } 封）；发送记录：{ $log }
send-no-address = { $id }：没有电子邮箱，已跳过
send-refused = { $id }：邮件服务器拒收 { $email }：{ $reply }
send-deferred = { $id }：暂未发出，稍后重试：{ $reply }
send-eml-wrote = 已将 { $written } 封邮件写入 { $dir }，跳过 { $skipped } 封（没有电子邮箱）；未发送任何邮件
send-eml-dry-run = 试运行：将有 { $written } 封邮件写入 { $dir }，跳过 { $skipped } 封（没有电子邮箱）；未写入任何文件
send-dry-run = 试运行：将发送 { $would } 封，跳过 { $skipped } 封（没有电子邮箱），已发送过 { $already } 封，此前失败 { $held } 封（加 --retry-failed 可重发）；未发送也未写入任何内容
send-undelivered = 失败 { $failed } 封，跳过 { $skipped } 封（没有电子邮箱），延后 { $deferred } 封：详见 { $log }
send-interrupted = 已中断：{ $done }
send-hint-deferred = 再次运行同一命令即可发送延后的邮件
send-hint-failed = 请更正被拒收的邮箱地址，再加 --retry-failed 重发
send-hint-skipped = 没有电子邮箱的函件请邮寄（见压缩包内的 mailing.csv）
send-hint-nothing-sent = 未发送任何邮件
send-hint-some-sent = 已发出 { $sent } 封（见发送记录）；再次运行同一命令即可发送其余邮件

## 数据单元格
value-too-long = { $start }…：共 { $n } 个字符，超过单个值上限 { $max } 个字符（导出文件是否损坏？）
id-required = 缺少编号（案号 / 账号）
id-control = { $id }：编号中不得含有控制字符
amount-due-required = 款项须填写应付金额
paid-over-due = 已付 { $paid } 元，超过应付的 { $due } 元
not-a-payment-field = 不是付款字段（付款只有 date 日期、amount 金额两项）
payment-incomplete = 付款须同时填写日期和金额

## 金额、利率与日期
amount-required = 须填写金额
amount-negative = 金额不得为负数
amount-bad = 不是有效金额（应写作 1234.50 或 1,234.50）
amount-grouping = 千位分隔符“,”位置不对（应写作 1,234.50）
amount-decimals = 小数超过两位（金额以元、分计）
amount-too-large = 金额过大
rate-bad = 不是有效利率（应写作 0.0005 或 0.05%）
rate-over-100 = 利率不得超过 100%（即 1）
date-bad = 不是有效日期（应写作 2026-11-22、2026/11/22 或 2026年11月22日）
date-year = 年份 { $year } 超出范围（1900–2999）
date-month = 不存在 { $month } 月
date-day = { $month } 没有 { $day } 日
