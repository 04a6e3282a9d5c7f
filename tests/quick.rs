//! `check --quick` (issue 17): only the first letter of each template branch is typeset,
//! as `batch` does before it starts, yet it finds the same data, font and template
//! problems as `check` and ends with the same summary line.

mod common;

use common::*;

/// Two individuals, then a company whose name the fonts cannot print (its letter is not
/// typeset, so the next company letter is the one of that branch), a row without a name,
/// two companies, and last the only letter without a late fee (due on the as-of date).
const DATA: &str = "id,name,title,kind,lang,item,amount_due,amount_paid,due_date\n\
    P1,张三,先生,demand,zh,货款,1000,0,2026-10-01\n\
    P2,李四,女士,demand,zh,货款,2000,0,2026-10-01\n\
    F1,上海😀公司,,demand,zh,货款,3000,0,2026-10-01\n\
    X1,,,demand,zh,货款,10,0,2026-10-01\n\
    C1,上海甲公司,,demand,zh,货款,3000,0,2026-10-01\n\
    C2,上海乙公司,,demand,zh,货款,4000,0,2026-10-01\n\
    C3,上海丁公司,,demand,zh,货款,5000,0,2026-11-23\n";

/// A work directory with `d.csv` and the templates exported to `tpl/`, `file` of them
/// with `line` appended.
fn broken(file: &str, line: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("d.csv", DATA);
    wd.run(&["templates", "export", "tpl"]).must_succeed();
    let mut text = wd.read_text(&format!("tpl/{file}"));
    text.push_str(line);
    text.push('\n');
    wd.write(&format!("tpl/{file}"), text);
    wd
}

/// `check` and `check --quick` on `d.csv` with `tpl/`: both fail with exit 1 and print
/// the same report, which is returned.
fn same_report(wd: &Workdir) -> String {
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "d.csv", "--as-of", AS_OF, "--templates", "tpl"];
        args.extend_from_slice(extra);
        let run = wd.run(&args).must_fail(1);
        assert_eq!(run.stderr(), "", "{}", run.describe());
        run.stdout()
    };
    let full = check(&[]);
    assert_eq!(
        check(&["--quick"]),
        full,
        "check --quick differs from check"
    );
    full
}

/// The lines every report has besides the template error: the font and the data problem.
fn assert_data_and_font_problems(out: &str) {
    assert!(
        out.contains("d.csv:4: name: \"上海😀公司\": character U+1F600 (😀) is not covered"),
        "{out}"
    );
    assert!(
        out.contains("d.csv:5: name: the debtor's name is required"),
        "{out}"
    );
}

#[test]
fn quick_check_finds_an_error_in_the_company_branch_of_a_letter() {
    let wd = broken("zh/demand.typ", "{% if is_company %}#bad({% endif %}");
    let out = same_report(&wd);
    assert_data_and_font_problems(&out);
    assert!(out.contains("tpl/zh/demand.typ:"), "{out}");
    assert_eq!(
        out.lines().last(),
        Some("3 problems in 1 file; 6 letters ready"),
        "{out}"
    );
}

#[test]
fn quick_check_finds_an_error_in_a_branch_of_the_text_message_and_the_email() {
    for (file, line) in [
        (
            "zh/sms.txt",
            "{% if is_company %}{{ no_such_value }}{% endif %}",
        ),
        (
            "zh/mail.txt",
            "{% if fee == \"0.00\" %}{{ no_such_value }}{% endif %}",
        ),
    ] {
        let wd = broken(file, line);
        let out = same_report(&wd);
        assert_data_and_font_problems(&out);
        assert!(out.contains(&format!("tpl/{file}:")), "{file}:\n{out}");
        assert!(out.contains("no_such_value"), "{file}:\n{out}");
    }
}

#[test]
fn quick_check_on_good_data_says_ok_like_check() {
    let wd = Workdir::new();
    wd.write(
        "d.csv",
        DATA.replace("上海😀公司", "上海丙公司")
            .replace("X1,,", "X1,王五,"),
    );
    for extra in [&[][..], &["--quick"]] {
        let mut args = vec!["check", "d.csv", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        let run = wd.run(&args).must_succeed();
        assert_eq!(
            run.stdout(),
            "ok: 7 letters in 1 file, no problems\n",
            "{extra:?}"
        );
    }
}
