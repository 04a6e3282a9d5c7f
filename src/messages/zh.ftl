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

## Help: --help、-h 与手册页中的说明。英文为 src/cli.rs 中的文档注释，en.ftl 中记有每条中文所依据的英文；
## 文档注释改动后测试会提示重新翻译。help-<命令>-<参数> 只用于一个命令；help-arg-<参数> 用于各命令中含义相同的选项；
## help-<…>--<取值> 为可选值的说明。选项名、取值名（DATE、FILE 等）与 SPEC 的术语保持原文。
help-dunning = 根据债务人清单生成可直接打印的催收函件
help-batch = 批量生成全部函件，打包为一个可直接打印的压缩包（函件、打印文件、清单、账龄）
help-compute = 计算每封函件的金额（欠款、违约金、付款期限等），不生成函件
help-check = 检查数据与配置，每处问题按 FILE:ROW: COLUMN: message 列出
help-preview = 生成一封函件的 PDF 或 PNG（加 --watch 时每次修改后重新生成）
help-templates = 列出内置函件模板，或导出以便修改
help-templates-list = 列出各函件类型、语言及简要说明
help-templates-export = 将内置模板写入 DIR，修改后通过 --templates DIR 使用
help-init = 新建文件夹，内含示例数据、带注释的配置文件和模板
help-merge = 将 `batch --shard K/N` 生成的各分片压缩包合并为完整批次的压缩包
help-send = 将批次压缩包中的每封函件通过电子邮件发给债务人（或写成 .eml 文件）
help-completions = 输出 shell 命令补全脚本（bash、zsh、fish、powershell、elvish）
help-man = 输出手册页（roff 格式）：`dunning man > dunning.1`
help-arg-data = 债务人数据：.csv、.yaml/.yml、.xlsx/.xls/.ods，或 - 表示从标准输入读取 CSV（可给多个文件）
help-arg-encoding = 指定 CSV 输入的编码，不自动识别 UTF-8 / GBK
help-arg-encoding--gbk = GBK，按其超集 GB18030 读取
help-arg-sheet = 要读取的工作表：表名，或从 1 起算的序号（默认：第一个可见的工作表）
help-arg-config = 配置文件（默认：当前目录下的 dunning.yaml，如有）
help-arg-kind = 未注明函件类型的行所用的类型（默认：demand）
help-arg-auto = 按逾期天数从配置的催收阶梯（ladder）中为每封函件选定类型
help-arg-history = 以往批次的压缩包或 manifest.csv：ladder_interval 内不重复发函，期满后升级（可多次使用）
help-arg-force = 照发按发函记录应暂缓的函件
help-arg-as-of = 函件日期，也是违约金计算截止日，例如 2026-11-22（默认：配置时区的当天）
help-arg-templates = 模板目录，其中的文件逐个替换内置模板
help-arg-quiet = 不显示进度条
help-batch-output = 要生成的压缩包（默认：dunning-<as-of>.zip；加 --shard K/N 时为 dunning-<as-of>-K-of-N.zip）
help-batch-lang = 未注明语言的行所用的语言（默认：配置中的 lang，否则为 zh）
help-batch-skip-invalid = 只生成有效的函件，其余列入 rejects.csv，退出码为 3
help-batch-duplex = 打印文件按双面打印编排：每封函件从右页开始
help-batch-pdf-a = 函件存为 PDF/A-2b 以便归档（打印文件仍为普通 PDF）
help-batch-with-receipt = 每封函件附一页回执，供债务人签字寄回
help-batch-sms = 同时为每封函件生成一条短信，写入此 CSV（id,phone,text,segments）
help-batch-sms-format =
    excel：带 BOM 的 UTF-8，可能被当作公式的单元格前加 '（用 Excel 打开）
    gateway：不带 BOM 的 UTF-8，短信原文照写（上传短信平台）
help-batch-sms-format--excel = 供人用 Excel 查看：带 BOM 的 UTF-8，以 = + - @ 开头的短信前加 '，只显示不执行
help-batch-sms-format--gateway = 供上传短信平台：不带 BOM 的 UTF-8，短信原文照写（加 ' 会发到债务人手机上）
help-batch-print-chunk = 每个打印文件最多包含的函件数
help-batch-shard = 只生成 N 个分片中的第 K 片：按输入顺序，序号除以 N 余 K-1 的函件
help-batch-jobs = 并行生成的函件数（默认：CPU 核数）
help-compute-format = 输出格式
help-compute-format--table = 终端中对齐的表格
help-compute-format--json = 每封函件一个对象（SPEC 7）
help-compute-format--csv = 供 Excel 打开（带 BOM 的 UTF-8）
help-check-quick =
    每个模板分支只排版一封函件（并填写短信和邮件），与 batch 开始前的检查相同，不逐封排版
    10 万行只需数秒；所有值的字体仍逐一检查
help-preview-id = 要生成的函件：其编号（案号 / 账号）
help-preview-output = 输出文件：.pdf、.png（每页一个文件）或 .typ（填好的模板）（默认：<id>-<kind>.pdf）
help-preview-watch = 数据、配置或模板有改动时自动重新生成
help-preview-with-receipt = 函件附一页回执，供债务人签字寄回
help-templates-export-dir = 写入的文件夹
help-templates-export-force = 覆盖已存在的文件
help-init-dir = 要新建的文件夹
help-merge-zips = 各分片的压缩包，N 个分片各一个（顺序不限）
help-merge-output = 要生成的压缩包（默认：dunning-<as-of>.zip）
help-send-zip = 要发送其中函件的批次压缩包（按清单的 email 列发送）
help-send-smtp =
    经此服务器发送：smtp://host:port（服务器支持时用 STARTTLS，加 ?tls=required 则必须加密）、smtps://host:port，或加 ?tls=none 经本机中继发送
    用户名写在 URL 中，密码放在 DUNNING_SMTP_PASSWORD
help-send-eml = 不发送，将每封邮件写成 DIR/<id>.eml（未给 --smtp 时默认：<ZIP 去掉 .zip>-mail/）
help-send-from = 发件人地址（默认：配置中的 mail.from，否则为 sender.email）
help-send-log = 发送记录（默认：ZIP.sent.csv）：记下已发出的邮件，下次运行时读取
help-send-only = 只发送这些函件（编号；可多次使用，或在一个 --only 后写多个）
help-send-dry-run = 试运行：每封将发出的邮件列一行，不发送也不写入任何内容
help-send-retry-failed = 同时重发被服务器拒收的函件（记录中状态为 failed）
help-send-rate = 每秒最多发送 N 封
help-send-ca = 除系统根证书外，另信任此 CA 证书（PEM），如公司自有的 CA
help-send-templates = 模板目录，其中的 mail.txt 替换内置邮件模板
help-completions-shell = 要生成补全脚本的 shell
help-man-command = 要输出其手册页的命令，例如 batch 或 templates export（默认：总手册页）
help-man-dir = 改为将全部手册页写入 DIR（dunning.1、dunning-batch.1 …）

## Help: clap 自身的用语（标题、-h、-V、help、用法错误）
clap-usage = 用法
clap-commands = 命令
clap-arguments = 参数
clap-options = 选项
clap-default = [默认值：{ $value }]
clap-possible-values = [可选值：{ $values }]
clap-possible-values-heading = 可选值：
clap-help = 显示帮助
clap-help-more = 显示帮助（--help 显示详细说明）
clap-help-summary = 显示帮助（-h 只显示摘要）
clap-version = 显示版本
clap-help-command = 显示本帮助或指定命令的帮助
clap-unknown-argument = 无法识别的参数 '{ $arg }'
clap-unknown-command = 无法识别的命令 '{ $command }'
clap-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
clap-value-required = '{ $arg }' 需要一个值，但未提供
clap-bad-value = '{ $arg }' 的值 '{ $value }' 无效：{ $reason }
clap-missing-arguments = 缺少以下必需的参数：
clap-missing-command = '{ $command }' 需要一个子命令，但未提供
clap-commands-list = [可用命令：{ $commands }]
clap-used-twice = 参数 '{ $arg }' 不能多次使用
clap-conflict = 参数 '{ $arg }' 不能与 { $with } 同时使用
clap-conflict-command = 命令 '{ $arg }' 不能与 { $with } 同时使用
clap-conflict-others = 其他已给出的参数
clap-no-equals = 给 '{ $arg }' 赋值时须使用等号
clap-too-many-values = '{ $arg }' 多出了值 '{ $value }'，不需要更多的值
clap-too-few-values = '{ $arg }' 需要 { $min } 个值，只给了 { $n } 个
clap-wrong-number-of-values = '{ $arg }' 需要 { $expected } 个值，给了 { $n } 个
clap-invalid-utf8 = 参数中含有无效的 UTF-8 字符
clap-did-you-mean = 是否要用 { $list }？
clap-tip-as-value = 如要将 '{ $arg }' 作为值传入，请写作 '{ $use }'
clap-tip-exists = 可改用 '{ $use }'
clap-tip-remove-dashes = 有子命令 '{ $command }'；如要使用，请去掉它前面的 '--'
clap-more-info = 更多信息请使用 '{ $flag }'。
clap-not-in-range = { $value } 不在 { $range } 范围内
arg-shard-bad = { $value } 不是 K/N 的形式（须 1 ≤ K ≤ N，例如 2/8）
arg-rate-bad = { $value } 不是大于 0 的每秒发送封数

## Help: 手册页的 EXIT STATUS（退出码）与 ENVIRONMENT（环境变量）
man-manual = dunning 使用手册
man-exit-success = 成功。
man-exit-usage = 用法错误：未知选项、取值有误或缺少参数。
man-exit-io = 读写失败：文件存在但无法读取、文件夹不可写或磁盘已满。输出路径上不会留下不完整的文件。
man-exit-interrupted = 被 SIGINT 或 SIGTERM 中断：临时压缩包已删除，未生成任何文件。
man-exit-dunning-1 = 数据、模板或配置有误（每处问题按 FILE:ROW: COLUMN: message 列出），或某封函件超过时限：未生成任何文件。
man-exit-dunning-3 = 已生成，未通过的行列于 rejects.csv（batch --skip-invalid，以及合并此类分片的 merge）。
man-exit-dunning-130 = batch 或 merge 过程中被 SIGINT 或 SIGTERM 中断：临时压缩包已删除，未生成任何文件。
man-exit-batch-0 = 全部函件已生成，压缩包已就位。
man-exit-batch-1 = 数据、模板或配置有误，或某封函件超过时限（DUNNING_LETTER_SECONDS）：未生成任何文件。
man-exit-batch-3 = 加 --skip-invalid 时：有效的函件已生成，未通过的行列于压缩包内的 rejects.csv。
man-exit-merge-0 = 完整批次的压缩包已就位。
man-exit-merge-1 = 各分片不属于同一完整批次（缺少或重复某一分片，或 --as-of、每个打印文件的函件数、双面打印、模板不一致），或压缩包已损坏：未生成任何文件。
man-exit-merge-3 = 已生成；各分片中有未通过的行，列于 rejects.csv。
man-exit-check-0 = 未发现问题。
man-exit-check-1 = 发现问题，每处按 FILE:ROW: COLUMN: message 列出（模板为 TEMPLATE:LINE）。
man-exit-compute-0 = 已输出金额。
man-exit-compute-1 = 数据或配置有误：列出问题，不输出金额。
man-exit-preview-0 = 函件已生成。加 --watch 时命令持续运行，直到被中断；其间出错只列出错误，继续监视。
man-exit-preview-1 = 数据、模板或配置有误，找不到该 --id 的行，或函件超过时限：未生成任何文件。
man-exit-templates-2 = 用法错误，或将覆盖已有文件（templates export 未加 --force；init 的目标文件夹不为空）。
man-exit-send-0 = 全部邮件已发送（加 --eml 时为已写入；加 --dry-run 时为已列出）。
man-exit-send-1 = 压缩包有误（缺少清单，PDF 缺失或被改动）、邮箱地址或模板有误：未发送任何邮件。
man-exit-send-3 = 部分函件未发出：被拒收（failed）、没有邮箱（skipped）或延后（deferred）；详见发送记录。
man-exit-send-4 = 无法连接邮件服务器，或无法写入发送记录。
man-exit-send-130 = 在当前邮件处理完后中断；已发送的邮件见发送记录。
man-env-none = 本命令不受任何环境变量影响。
man-env-locale-note = locale 只决定本工具提示信息的语言；函件的语言依次取该行的 lang 列、--lang、配置中的 lang，均未设置时为 zh。
man-env-letter-seconds = 每封函件填写或排版允许的秒数（默认 30）。超时即停止运行，退出码为 1，指明模板和函件，不留下任何文件。
man-env-tz = “今天”（--as-of 的默认值）所用的时区（未设置时用 /etc/localtime；两者都没有时用 UTC）。
man-env-smtp-password = --smtp 中所写用户的 SMTP 密码（不得写在命令行或配置中）。
man-env-ui = zh 或 en：本工具提示信息的语言，不受 locale 影响。
man-env-locale = 以第一个已设置的变量决定提示信息的语言：以 zh 开头为中文，否则为英文。两种语言下生成的文件完全相同。
man-env-now = 以一个 RFC 3339 时刻作为当前时间（用于测试，或按原样重跑定时任务）。由配置中的 timezone: 换算为当天日期。
man-env-rayon = 未给 --jobs 时生成函件的线程数（默认：每个 CPU 核一个）。

## 配置文件（dunning.yaml）、YAML 文件、利率文件与日历文件
# $expected 以英文逗号分隔，$list 以顿号分隔，供各语言选用。
quoted = { $value }: { $why }
io = { $path }: { $error }
io-not-found = 文件不存在
io-permission-denied = 没有读写权限
io-other = { $error }
yaml-unknown-field = 无法识别的键 `{ $field }`；此处可用的键：{ $list }
yaml-unknown-field-near = 无法识别的键 `{ $field }`，是否应为 `{ $near }`？此处可用的键：{ $list }
yaml-missing-field = 缺少必填的键 `{ $field }`
yaml-duplicate-key = 键 `{ $key }` 重复出现
yaml-expected-value = 此处应填写单个值，不能是列表或键值对
yaml-expected-list = 此处应为列表（如 [30, 60, 90]）
yaml-expected-mapping = 此处应为键值对（键: 值）
yaml-not-integer = 不是有效的整数
yaml-not-number = 不是有效的数字
yaml-not-boolean = 不是有效的布尔值（应为 true 或 false）
yaml-other = YAML 格式有误：{ $message }
config-not-utf8 = 配置文件不是 UTF-8 编码的文本
lang-unknown = 无法识别的语言 { $value }（应为 zh 或 en）
kind-unknown = 无法识别的函件类型 { $value }（可用类型：{ $known }）
config-kind = 无法识别的函件类型 { $value }
config-years = { $value } 不是 1 至 30 之间的年数
config-days = { $value } 不是有效的天数
config-payments = { $value } 无效：应为 principal（先抵本金）或 costs_first（先抵费用）
config-calendar-unreadable = 无法读取日历文件 { $path }：{ $error }（应为 cn、none 或日历文件路径）
config-aging = { $value } 不是有效的天数，或未大于前一个分段
config-timezone = 无法识别的时区 { $value }：应为 IANA 时区名，如 Asia/Shanghai
config-column = { $header } 对应的列 { $column } 不存在
config-fee-method = { $value } 无效：应为 daily（按日）、annual（按年）、lpr（按市场报价利率）或 none（不计）
config-rate-over-100 = { $value } 超过 100%
config-day-count = { $value } 无效：一年只能按 365 天或 360 天计
config-cap = { $value } 不是 0 至 100 之间的百分比
config-tenor = { $value } 无效：期限应为 1y（一年期）或 5y（五年期以上）
config-multiplier = { $value } 无效：倍数须大于 0 且不超过 10
config-spread = { $value } 无效：加点须为 -100 至 100 之间的年百分点（如 0.5）
config-rate-at = { $value } 无效：应为 each_day（逐日适用当期利率）或 first_day（按起算日利率）
config-rates-unreadable = 无法读取利率文件 { $path }：{ $error }
config-workdays = workdays（工作日）：{ $value } 不是有效的天数
config-deadline-days = days（自然日）：{ $value } 不是有效的天数
config-deadline-one = workdays: N（工作日）与 days: N（自然日）须填写且只能填写一项
config-ladder-order = 起始天数 from { $from } 大于截止天数 to { $to }
mailbox-control = { $value } 不是有效的电子邮箱地址：含有换行符或控制字符
mailbox-empty = 电子邮箱地址为空
mailbox-bad = { $value } 不是有效的电子邮箱地址（{ $error }）
rates-empty = 文件为空（首行应为表头 { $expected }）
rates-header = 表头 { $header } 不符合要求，应为 { $expected }
rates-values = 应有 { $n } 个值（{ $header }），实有 { $found } 个：{ $line }
rates-date-twice = { $date } 重复出现（另见第{ $line }行）
rates-date-order = { $date } 早于第{ $line }行的 { $previous }：日期须逐行递增
rates-none = 表头之后没有利率数据
rates-percent = { $value } 不是有效的年利率百分数（应写作 3.45 等）
rates-over-100 = { $value } 超过年利率 100%
calendar-file = { $at }{ $why }
calendar-date-form = `{ $value }` 不是 YYYY-MM-DD 格式的日期
calendar-date-bad = `{ $value }` 不是实际存在的日期
calendar-unknown-key = 无法识别的键（可用：base、years、holidays、workdays）
calendar-base = `{ $value }` 无效：应为 `cn` 或 `none`
calendar-year = `{ $value }` 不是四位数的年份
calendar-year-not-listed = { $date } 属于 { $year } 年，但该年既未列在 `years` 中，也不在 base 的范围内
calendar-both = { $date } 同时列在 `holidays` 中（第{ $line }行）
for-id = { $id }：{ $why }
option-value = { $option }：{ $why }
mail-no-sender = 未设置发件地址：请在配置文件中填写 mail.from（或 sender.email），或使用 --from 指定
mail-sender-email = sender.email：{ $why }
mail-no-subject = 第一行（邮件主题）为空

## 模板、排版、字体与函件金额
templates-not-a-folder = 不是模板文件夹
template-missing = 没有此类函件的模板
too-many-pages = 函件共 { $pages } 页，超过单封函件 { $max } 页的上限（模板中是否有循环？）
timed-filling = 使用 { $template } 填充函件 { $id }
timed-layout = 按 { $template } 排版函件
typst-error = 排版出错：{ $message }
font-uncovered = 字符 { $code }（{ $char }）不在函件所用字体中，打印时将显示为空白方框
image-not-an-image = { $name }：不是图片文件（应为 png、jpg 或 svg）
image-unreadable = 无法读取 { $path }：{ $error }
template-unreadable = 无法读取模板：{ $error }
template-syntax = 模板语法有误：{ $reason }
template-render = 模板填充出错：{ $reason }
template-macro = 函件模板中不得使用 Tera 宏（宏若调用自身将导致程序崩溃）；请改用 Typst 函数：#let name(args) = …
filter-not-amount = 应为金额，实为 { $value }
filter-date-not-text = date 过滤器只接受日期文字
filter-not-date = 不是日期：{ $value }
fee-paid-over-due = 已付金额 { $paid } 超过应付金额 { $due }
fee-overpaid = { $date } 付款 { $amount } 元，超出尚欠金额 { $excess } 元
payment-after-as-of = { $date } 付款 { $amount } 元，晚于计算基准日（--as-of）{ $as_of }，未予计入
rates-fix-file = 补充到 { $file }（fees.rates，CSV 格式：date,rate）
rates-fix-none = 补充到利率文件中（fees: { "{" } rates: rates.csv { "}" }，CSV 格式：date,rate）
rates-stale = { $tenor } 利率表截至 { $last }：此后超过 { $days } 天的部分按最后一期利率计算；请将更新的报价利率{ $fix }
rates-before-first = { $tenor } 利率表始于 { $first }：此前的日期按第一期利率计算；请将更早的利率{ $fix }
deadline-out-of-range = 付款期限超出所支持的最后日期 { $max }
calendar-not-covered = 工作日日历未包含 { $year } 年：该年仅按周一至周五计算工作日
limitation-item-due = 到期日为 { $due } 的款项
limitation-item = 款项 { $item }
limitation-ended = { $what }的诉讼时效已于 { $last } 届满：再发催款函不能使时效中断，只有债务人签字确认的回执（--with-receipt）才有此效力
limitation-ends = { $what }的诉讼时效将于 { $last } 届满，距今 { $days } 天

## dunning send：命令行、连接与中断
send-only-unknown = --only { $id }：{ $zip } 中没有此函件
send-done-eml = 已有 { $written } 封邮件写入 { $dir }
send-done-log = 已发送的邮件见发送记录 { $log }
smtp-url = --smtp { $url }：{ $why }
smtp-url-bad = 不是有效的网址（{ $error }）
smtp-scheme = { $scheme }:// 无效：应为 smtp:// 或 smtps://
smtp-no-host = 缺少邮件服务器地址
smtp-tls-conflict = smtps:// 与 tls=none 相互矛盾：只能选择其一
smtp-clear-text = tls=none 以明文发送，仅限本机中继（localhost、127.0.0.1、::1）使用，不能用于 { $host }
smtp-tls-value = tls={ $value } 无效：应为 required 或 none
smtp-parameter = 无法识别的参数 { $name }（只支持 tls=…）
smtp-password-in-url = 写在网址中的密码会出现在进程列表和命令历史中：请改用环境变量 { $env } 设置密码
smtp-no-password = 已指定用户 { $user }，但未设置环境变量 { $env }
smtp-ca-not-pem = --ca { $path }：不是 PEM 格式的证书：{ $error }
smtp-connect = 无法连接邮件服务器 { $server }：{ $error }
smtp-starttls = 与 { $server } 建立 STARTTLS 加密连接失败：{ $error }
smtp-no-starttls = { $server } 不支持 STARTTLS，而 tls=required 不允许以明文发送
smtp-login = { $server } 拒绝登录：{ $error }
smtp-no-connection = 未建立连接
smtp-went-away = { $reply }（发送过程中与服务器的连接中断）
send-no-manifest = 没有 manifest.csv：不是 `dunning batch` 生成的压缩包
send-sha256-mismatch = { $file } 与其 sha256 校验值不符（压缩包已被改动）
send-file-missing = 压缩包中没有 { $file }
manifest-unreadable = 无法读取：{ $error }
manifest-no-email = 缺少 { $columns } 列（压缩包生成于 `dunning send` 推出之前：请重新运行 batch）
manifest-missing = 缺少 { $columns } 列（不是 `dunning batch` 生成的清单）
manifest-bad-row = 此行无法读取：{ $error }
log-unreadable = 无法读取发送记录：{ $error }
log-not-a-log = 不是 `dunning send` 的发送记录（表头不是 { $header }）
log-bad-line = 此行无法读取：{ $error }
log-other-zip-id = 压缩包中没有此函件：此发送记录属于另一个压缩包（请用 --log 为本压缩包另行指定）
log-other-zip-message = { $found } 不是本压缩包的邮件（应为 { $expected }）：此发送记录属于另一个压缩包（请用 --log 为本压缩包另行指定）
zip-not-a-zip = 不是有效的 zip 压缩包：{ $error }

## 读取数据：文件、编码、CSV、电子表格及其单元格类型、YAML
file-empty = 文件为空
data-is-a-directory = 是文件夹，不是数据文件
data-unknown-type = 无法识别的文件类型：应为 .csv、.yaml/.yml、.xlsx、.xls 或 .ods（或以 - 表示从标准输入读取 CSV）
sheet-without-spreadsheet = --sheet 用于选择电子表格（.xlsx、.xls、.ods）中的工作表，但所给数据文件均非电子表格
text-bad-utf16 = 不是有效的 UTF-16 文本
text-binary = 不是文本文件（第 { $offset } 字节处为 NUL）；请将电子表格另存为 CSV（UTF-8 或 GBK）
text-bad-utf8 = 不是有效的 UTF-8 文本（可尝试 --encoding gbk）
text-bad-gbk = 不是有效的 GBK/GB18030 文本
text-unknown-encoding = 既不是 UTF-8 也不是 GBK 文本；请将文件另存为 CSV（UTF-8），或用 --encoding 指定编码
csv-unreadable = CSV 无法读取：{ $error }
csv-cells = 此行有 { $cells } 个单元格，而表头有 { $header } 列（是否多了逗号或引号？）
value-no-header = 值 { $value } 所在的列没有表头
no-header-row = { $what ->
    [sheet] 工作表
   *[file] 文件
}没有表头行
no-data-rows = { $what ->
    [sheet] 工作表
   *[file] 文件
}只有表头，没有数据行
header-twice = 两个表头（{ $header } 和另一个）都对应 { $column } 列
rows-disagree = 此处为 { $value }，而 { $first } 为 { $first_value }（同一编号的各行须一致）
kind-needs-items = { $kind } 类函件至少须有一笔填写了应付金额和到期日的款项
kind-needs-documents = { $kind } 类函件须填写资料截止日期 documents_due（合同约定的资料提交期限）
not-an-item-field = 不是款项字段（款项只有 { $fields } 几项）
not-whole-days = 不是整数天数
not-a-hold-flag = 不是有效的暂停标记（填 1、yes、true 或 是；不暂停则留空）
sheet-reader-failed = 读取程序无法处理此文件
sheet-unreadable = 不是可读取的 .{ $ext } 工作簿（{ $why }）；请在 Excel 中打开后重新保存，或将工作表另存为 CSV
sheet-password = 工作簿设有密码：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后保存，或将工作表另存为 CSV
sheet-no-worksheets = 工作簿中没有工作表
sheet-not-found = 没有工作表 { $sheet }（--sheet 可填写表名或从 1 起的序号）；现有工作表：{ $list }
sheet-unreadable-sheet = 无法读取工作表 { $sheet }：{ $error }
sheet-empty = 工作表为空
cell-not-a-number = { $value }：不是数字
cell-more-than-cents = 单元格中的数值为 { $value }，精确到分以下：按 { $cents } 读取
cell-duration = { $value }：是时长，不是日期
cell-bool = { $value }：是逻辑值（TRUE/FALSE）单元格，不能用于此列
cell-error-passed = { $value }：公式出错；此列按空值传递
cell-error = { $value }：公式出错；请修正公式或直接填写数值
cell-number-not-date = { $value }：是数字，不是日期；请将单元格格式设为日期，或填写 2026-11-22
cell-date-range = { $value }：超出 Excel 可显示的日期范围
cell-time = { $value }：是时刻，不是日期
cell-date-unreal = { $value }：不是实际存在的日期
cell-not-date = { $value }：不是日期
yaml-no-records = 文件中没有任何记录
yaml-top-key = 无法识别的顶层键 `{ $key }`（应为 `debtors:`）
yaml-no-debtors = 缺少 `debtors:` 列表

## 未发函的原因：暂停、催收阶梯、发函记录
skipped-line = 未发函: { $id }: { $reason }
skip-hold = 暂停：此行设有催收暂停标记
ladder-no-rule = 逾期 { $days } 天，催收阶梯中没有适用的规则
ladder-below-min = 欠款 { $outstanding } 元，低于催收阶梯第{ $level }级的最低金额 min_amount { $min } 元
ladder-top-sent = 催收阶梯的最后一级（{ $kind }）已于 { $date } 发出
already-sent = 已发过：{ $kind } 已于 { $date } 发出（{ $days } 天前，发函间隔 ladder_interval 为 { $interval } 天）；如需再次发出，请加 --force
now-env-bad = { $env }={ $value }：不是 RFC 3339 格式的时刻，应如 2026-11-30T22:30:00Z（{ $error }）
history-bad-zip = 不是可读取的 zip 压缩包：{ $error }
history-no-manifest = 压缩包中没有 manifest.csv：不是 dunning 批量生成的压缩包
history-not-a-manifest = 不是 dunning 的函件清单（须有 id、kind、as_of 三列）
history-bad-row = 此行无法读取：{ $error }
history-bad-value = { $value } 在此处无效

## 各命令的其他用语：batch、preview、merge、init、templates、分片、短信
pdf-failed = PDF 导出失败：{ $error }
pdf-failed-file = PDF 导出失败：{ $error }
png-failed = PNG 导出失败：{ $error }
sms-no-message = { $id }：{ $reason }，未生成短信
sms-no-phone = 没有电话号码
sms-no-text = 短信模板对此函件未生成任何文字
sms-wrote = 已生成 { $file }：短信 { $messages } 条，共 { $segments } 个计费段{ $without ->
    [0] {""}
   *[other] ；另有 { $without } 封函件未生成短信，详见压缩包内的 { $list }
}
preview-watching = 正在监视文件变动（按 Ctrl-C 停止）…
preview-wrote = 已生成 { $files }
preview-no-letter = 没有编号为 { $id } 的函件
preview-other-problems = 其他行中共有 { $n } 处问题；运行 `dunning check` 可列出全部问题
preview-output-type = { $output }：输出文件须以 .pdf、.png 或 .typ 结尾
init-not-empty = { $dir } 不是空文件夹；请另选一个新文件夹
init-created = 已创建 { $dir }：debtors.csv、debtors.yaml、dunning.yaml、templates/
init-next = 接下来：
templates-list-kind = 类型
templates-list-languages = 语言
templates-list-description = 说明
templates-about-demand = 催款函：欠付金额、违约金及每日增加额、付款期限、逾期后果
templates-about-mortgage-reminder = 催补按揭资料函：按揭资料未在 documents_due 前交齐，重新限期补交
templates-about-termination-mortgage = 终止合同通知书（按揭）：因未补交按揭资料终止合同，附退房申请书
templates-about-termination = 终止合同通知书（非按揭）：因逾期付款终止合同，附退房申请书
templates-about-fax-cover = 传真：应付、已付及逾期金额，提出异议的期限
templates-about-reminder = 温馨提示函：即将到期的款项、金额与日期、付款方式
templates-about-statement = 对账单：逐笔款项与付款、余额；请核对后签回或提出异议
templates-about-lawyer-letter = 律师函：律师事务所（配置 lawyer:）受债权人委托主张债权
templates-about-sms = 每封函件一条短信（batch --sms FILE.csv）：金额、期限、发函单位及电话
templates-about-mail = 每封函件一封电子邮件（dunning send）：首行为主题，其后为正文，附 PDF
templates-exported = 已将 { $n } 个模板文件导出到 { $dir }
templates-exist = { $file } 已存在（另有 { $more } 个）；如需覆盖，请加 --force
merge-wrote = 已生成 { $zip }：由 { $shards } 个分片合并函件 { $letters } 封，打印文件 { $prints } 个；用时 { $seconds } 秒
shard-none = 未指定任何分片压缩包
shard-missing-entry = 缺少 { $entry }：不是 `dunning batch --shard` 生成的分片压缩包
shard-unreadable = { $entry } 无法读取
shard-other-run = 与 { $first } 不属于同一次运行（分片数、--as-of、打印设置或 --pdf-a 不同）
shard-incomplete = 须有 1/{ $n } 至 { $n }/{ $n } 的全部分片且各一份，实际为 { $have }
shard-files-differ = { $file } 在各分片中不一致：使用了不同的模板
shard-source-not-utf8 = 函件的模板源文件不是 UTF-8 编码
shard-unknown-kind = 无法识别的函件类型
workers-failed = 无法启动 { $jobs } 个工作线程：{ $error }
