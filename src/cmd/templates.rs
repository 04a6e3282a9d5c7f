//! `dunning templates list` and `dunning templates export DIR`.

use crate::calc::LetterKind;
use crate::cli::{TemplatesArgs, TemplatesCommand};
use crate::error::Result;
use crate::letters::BUILTIN;
use crate::messages::tr;
use crate::output::table::{Align, render};
use crate::output::templates;

pub fn run(args: &TemplatesArgs) -> Result<()> {
    match &args.command {
        // The descriptions in the run's language; the kinds are names scripts use.
        TemplatesCommand::List => {
            let langs = |file: &str| -> String {
                let langs: Vec<&str> = ["zh", "en"]
                    .into_iter()
                    .filter(|l| BUILTIN.iter().any(|(n, _)| *n == format!("{l}/{file}")))
                    .collect();
                langs.join(",")
            };
            let mut rows: Vec<Vec<String>> = LetterKind::ALL
                .iter()
                .map(|k| {
                    vec![
                        k.to_string(),
                        langs(&format!("{k}.typ")),
                        tr(&format!("templates-about-{k}"), &[]).to_string(),
                    ]
                })
                .collect();
            rows.push(vec![
                "sms".into(),
                langs("sms.txt"),
                tr("templates-about-sms", &[]).to_string(),
            ]);
            rows.push(vec![
                "mail".into(),
                langs("mail.txt"),
                tr("templates-about-mail", &[]).to_string(),
            ]);
            let headers = ["kind", "languages", "description"]
                .map(|h| tr(&format!("templates-list-{h}"), &[]).to_string());
            let table = render(
                &headers.each_ref().map(String::as_str),
                &[Align::Left, Align::Left, Align::Left],
                &rows,
            );
            crate::terminal::stdout(table.as_bytes())
        }
        TemplatesCommand::Export { dir, force } => templates::export(dir, *force).map(|n| {
            let args = [("n", n.into()), ("dir", dir.display().to_string().into())];
            eprintln!("{}", crate::messages::tr("templates-exported", &args));
        }),
    }
}
