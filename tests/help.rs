//! `--help`, `-h`, `help`, usage errors and the man pages in the clerk's language (SPEC 10):
//! Chinese under `DUNNING_UI=zh` or a `zh` locale, English as clap writes it otherwise; every
//! command, flag and value has its Chinese words.

mod common;

use common::Workdir;
use dunning::cli::help::entries;
use dunning::messages::{Ui, text};
use std::collections::BTreeSet;

const ZH: &[(&str, &str)] = &[("DUNNING_UI", "zh"), ("COLUMNS", "100")];
const EN: &[(&str, &str)] = &[("DUNNING_UI", "en"), ("COLUMNS", "100")];

fn stdout(wd: &Workdir, args: &[&str], env: &[(&str, &str)]) -> String {
    wd.run_env(args, env).must_succeed().stdout()
}

/// The first `n` lines of `text`.
fn head(text: &str, n: usize) -> Vec<&str> {
    text.lines().take(n).collect()
}

/// The keys of a catalogue.
fn keys(catalogue: &str) -> BTreeSet<String> {
    let resource = fluent_syntax::parser::parse(catalogue.to_string())
        .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.clone()),
            _ => None,
        })
        .collect()
}

/// A new flag, command or possible value without its Chinese words fails here; so does a doc
/// comment that changed since its Chinese was written (en.ftl holds the English translated).
#[test]
fn every_command_argument_and_value_has_its_words_in_both_catalogues() {
    let entries = entries();
    assert!(entries.len() > 60, "{} texts", entries.len());
    let mut problems = Vec::new();
    for e in &entries {
        let zh = text(Ui::Zh, &e.key, &[]);
        let en = text(Ui::En, &e.key, &[]);
        if zh == e.key {
            problems.push(format!("{}: no {} in zh.ftl", e.place, e.key));
        } else if en != e.english {
            problems.push(format!(
                "{}: the help says {:?}, en.ftl's {} (what zh.ftl translates) {:?}: translate again",
                e.place, e.english, e.key, en
            ));
        } else if zh == en {
            problems.push(format!("{}: {} is not translated", e.place, e.key));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // And no words for a flag that is gone.
    let used: BTreeSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    let zh = keys(include_str!("../src/messages/zh.ftl"));
    let stale: Vec<&String> = zh
        .iter()
        .filter(|k| k.starts_with("help-") && !used.contains(k.as_str()))
        .collect();
    assert!(stale.is_empty(), "help texts for nothing: {stale:?}");
}

#[test]
fn the_top_help_is_in_chinese_under_dunning_ui_zh_and_in_english_otherwise() {
    let wd = Workdir::new();
    let zh = stdout(&wd, &["--help"], ZH);
    assert_eq!(
        head(&zh, 6),
        [
            "根据债务人清单生成可直接打印的催收函件",
            "",
            "用法: dunning <COMMAND>",
            "",
            "命令:",
            "  batch        批量生成全部函件，打包为一个可直接打印的压缩包（函件、打印文件、清单、账龄）",
        ],
        "{zh}"
    );
    for line in [
        "  help         显示本帮助或指定命令的帮助",
        "选项:",
        "  -h, --help     显示帮助",
        "  -V, --version  显示版本",
    ] {
        assert!(zh.lines().any(|l| l == line), "{line:?} missing:\n{zh}");
    }
    assert_eq!(stdout(&wd, &["-h"], ZH), zh);
    assert_eq!(stdout(&wd, &["help"], ZH), zh);

    let en = stdout(&wd, &["--help"], EN);
    assert_eq!(
        head(&en, 6),
        [
            "Turns a spreadsheet of debtors into print-ready collection letters",
            "",
            "Usage: dunning <COMMAND>",
            "",
            "Commands:",
            "  batch        Render every letter into one print-ready zip (letters, print files, manifest, aging)",
        ],
        "{en}"
    );
    assert!(
        en.lines().any(|l| l == "  -h, --help     Print help"),
        "{en}"
    );
    // The locale decides when DUNNING_UI does not.
    let locale = [
        ("DUNNING_UI", ""),
        ("LC_ALL", ""),
        ("LC_MESSAGES", ""),
        ("LANG", "zh_CN.UTF-8"),
        ("COLUMNS", "100"),
    ];
    assert_eq!(stdout(&wd, &["--help"], &locale), zh);
}

#[test]
fn a_subcommand_help_is_in_chinese_with_clap_words_too() {
    let wd = Workdir::new();
    assert_eq!(
        stdout(&wd, &["templates", "export", "--help"], ZH),
        "将内置模板写入 DIR，修改后通过 --templates DIR 使用\n\
         \n\
         用法: dunning templates export [OPTIONS] <DIR>\n\
         \n\
         参数:\n\
        \x20 <DIR>  写入的文件夹\n\
         \n\
         选项:\n\
        \x20     --force  覆盖已存在的文件\n\
        \x20 -h, --help   显示帮助\n"
    );
    assert_eq!(
        stdout(&wd, &["templates", "export", "--help"], EN),
        "Write the built-in templates into DIR, to edit and use with --templates DIR\n\
         \n\
         Usage: dunning templates export [OPTIONS] <DIR>\n\
         \n\
         Arguments:\n\
        \x20 <DIR>  Folder to write into\n\
         \n\
         Options:\n\
        \x20     --force  Overwrite files that already exist\n\
        \x20 -h, --help   Print help\n"
    );
    // -h: defaults and possible values on the flag's line, in Chinese.
    let short = stdout(&wd, &["batch", "-h"], ZH);
    for line in [
        "参数:",
        "      --print-chunk <N>      每个打印文件最多包含的函件数 [默认值：500]",
        "      --encoding <ENCODING>  指定 CSV 输入的编码，不自动识别 UTF-8 / GBK [可选值：utf-8、gbk]",
        "      --as-of <DATE>         函件日期，也是违约金计算截止日，例如 2026-11-22（默认：配置时区的当天）",
        "  -h, --help                 显示帮助（--help 显示详细说明）",
    ] {
        assert!(
            short.lines().any(|l| l == line),
            "{line:?} missing:\n{short}"
        );
    }
    // --help: the values with their help, listed as clap lists them.
    let long = stdout(&wd, &["compute", "--help"], ZH);
    let format = long
        .split("      --format <FORMAT>\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no --format in\n{long}"));
    assert!(
        format.starts_with(
            "          输出格式\n          \n          可选值：\n          - table: 终端中对齐的表格\n          - json:  每封函件一个对象（SPEC 7）\n          - csv:   供 Excel 打开（带 BOM 的 UTF-8）\n          \n          [默认值：table]\n"
        ),
        "{format}"
    );
    assert!(
        long.contains("          显示帮助（-h 只显示摘要）"),
        "{long}"
    );
    assert_eq!(stdout(&wd, &["help", "compute"], ZH), long);
    // No line runs past the 100 columns clap wraps at (a Chinese character takes two).
    for args in [
        &["batch", "-h"][..],
        &["send", "-h"],
        &["check", "-h"],
        &["batch", "--help"],
    ] {
        let help = stdout(&wd, args, ZH);
        for line in help.lines() {
            let width: usize = line
                .chars()
                .map(|c| if c > '\u{2e7f}' { 2 } else { 1 })
                .sum();
            assert!(width <= 100, "{args:?}: {width} columns: {line}");
        }
    }
}

#[test]
fn usage_errors_are_in_chinese_too() {
    let wd = Workdir::new();
    let run = wd.run_env(&["batch", "--bogus"], ZH).must_fail(2);
    assert_eq!(
        run.stderr(),
        "错误: 无法识别的参数 '--bogus'\n\
         \n\
        \x20 提示: 如要将 '--bogus' 作为值传入，请写作 '-- --bogus'\n\
         \n\
         用法: dunning batch [OPTIONS] <DATA>...\n\
         \n\
         更多信息请使用 '--help'。\n"
    );
    assert!(run.stdout().is_empty());
    let run = wd.run_env(&["sned"], ZH).must_fail(2);
    run.stderr_has("错误: 无法识别的命令 'sned'")
        .stderr_has("提示: 是否要用 'send'？");
    wd.run_env(&["batch", "d.csv", "--as-of", "2026-13-01"], ZH)
        .must_fail(2)
        .stderr_has("错误: '--as-of <DATE>' 的值 '2026-13-01' 无效：不存在 13 月");
    wd.run_env(&["batch", "d.csv", "--shard", "3/2"], ZH)
        .must_fail(2)
        .stderr_has("\"3/2\" 不是 K/N 的形式（须 1 ≤ K ≤ N，例如 2/8）");
    wd.run_env(&["send", "a.zip", "--smtp", "smtp://x", "--eml", "d"], ZH)
        .must_fail(2)
        .stderr_has("错误: 参数 '--smtp <URL>' 不能与 '--eml <DIR>' 同时使用");
    wd.run_env(&["compute", "d.csv", "--format", "xml"], ZH)
        .must_fail(2)
        .stderr_has("错误: '--format <FORMAT>' 的值 'xml' 无效\n  [可选值：table、json、csv]");
    wd.run_env(&["batch"], ZH)
        .must_fail(2)
        .stderr_has("错误: 缺少以下必需的参数：\n  <DATA>...");
    // English: clap's own words, as before.
    let run = wd.run_env(&["batch", "--bogus"], EN).must_fail(2);
    assert_eq!(
        run.stderr(),
        "error: unexpected argument '--bogus' found\n\
         \n\
        \x20 tip: to pass '--bogus' as a value, use '-- --bogus'\n\
         \n\
         Usage: dunning batch [OPTIONS] <DATA>...\n\
         \n\
         For more information, try '--help'.\n"
    );
    wd.run_env(&["batch", "d.csv", "--shard", "3/2"], EN)
        .must_fail(2)
        .stderr_has("error: invalid value '3/2' for '--shard <K/N>': \"3/2\" is not K/N with 1 ≤ K ≤ N (e.g. 2/8)");
}

#[test]
fn the_man_pages_are_in_chinese_under_a_chinese_language() {
    let wd = Workdir::new();
    let top = stdout(&wd, &["man"], ZH);
    assert!(
        top.contains(".SH NAME\ndunning \\- 根据债务人清单生成可直接打印的催收函件\n"),
        "{top}"
    );
    assert!(top.contains(r#""dunning 使用手册""#), "{top}");
    let batch = stdout(&wd, &["man", "batch"], ZH);
    // clap_mangen's section titles and ours stay as they are; what is under them is Chinese.
    for title in [
        ".SH NAME",
        ".SH OPTIONS",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
    ] {
        assert!(batch.contains(&format!("{title}\n")), "{title}\n{batch}");
    }
    for text in [
        "dunning\\-batch \\- 批量生成全部函件",
        "每个打印文件最多包含的函件数\n.br\n[默认值：500]",
        "可选值：\n.br\n\\- utf\\-8\n.br\n\\- gbk:   GBK，按其超集 GB18030 读取",
        ".TP\n\\fB3\\fR\n加 \\-\\-skip\\-invalid 时：有效的函件已生成",
        "\\fBTZ\\fR\n“今天”",
    ] {
        assert!(batch.contains(text), "{text:?} missing:\n{batch}");
    }
    assert!(
        !batch.contains("[default:") && !batch.contains("Possible values"),
        "{batch}"
    );
    // The English pages stay English.
    let en = stdout(&wd, &["man", "batch"], EN);
    assert!(
        en.contains("\\fB0\\fR\nEvery letter was written: the zip is in place.\n"),
        "{en}"
    );
    assert!(en.contains("\"dunning manual\""), "{en}");
}

/// Nothing of clap's English is left in the Chinese help and man pages.
#[test]
fn no_english_of_clap_is_left_in_chinese() {
    let wd = Workdir::new();
    wd.run_env(&["man", "--dir", "man1"], ZH).must_succeed();
    let mut texts: Vec<(String, String)> = wd
        .list("man1")
        .into_iter()
        .map(|f| {
            let page = wd.read_text(&format!("man1/{f}"));
            (f, page)
        })
        .collect();
    assert_eq!(texts.len(), 13);
    for args in [
        &["--help"][..],
        &["help", "help"],
        &["templates", "--help"],
        &["templates", "help"],
        &["batch", "--help"],
        &["send", "--help"],
        &["completions", "-h"],
    ] {
        texts.push((args.join(" "), stdout(&wd, args, ZH)));
    }
    for (what, text) in &texts {
        for english in [
            "Print help",
            "Print version",
            "Print this message",
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "[default:",
            "possible values",
            "Possible values",
        ] {
            assert!(!text.contains(english), "{what}: {english:?}\n{text}");
        }
    }
}
