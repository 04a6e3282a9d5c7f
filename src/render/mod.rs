//! Documents: Typst as a library — one sandboxed `World` (`world`), the embedded fonts and
//! their coverage (`fonts`), compiling, PDF and PNG export — and the worker pool that lays
//! documents out in parallel ([`parallel`]). Generic: it knows no fees and no rows.

mod fonts;
pub mod parallel;
mod world;

pub use fonts::Fonts;
pub use world::{Engine, LetterWorld};

use chrono::{Datelike, NaiveDate};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Content;
use typst::foundations::{Datetime, Smart};
use typst::introspection::Tag;
use typst::layout::{Frame, FrameItem};
use typst::model::{Destination, DocumentInfo, HeadingElem};
use typst::pdf::AttachElem;
use typst::syntax::FileId;
pub use typst_layout::{Page, PagedDocument};

/// A Typst error located in a template: `TEMPLATE:LINE:COL: message`, with the line shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending source line.
    pub excerpt: String,
}

impl std::fmt::Display for TypstError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if !self.excerpt.is_empty() {
            write!(f, "\n    | {}", self.excerpt)?;
        }
        Ok(())
    }
}

/// Lays out one letter. `source` is the Tera output for the template at `main`.
pub fn compile(
    engine: &Engine,
    main: FileId,
    source: String,
    today: NaiveDate,
) -> Result<PagedDocument, Vec<TypstError>> {
    let world = engine.world(main, source, today);
    let result = typst::compile::<PagedDocument>(&world);
    result.output.map_err(|errors| {
        errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| locate(&world, d))
            .collect()
    })
}

/// Exports a laid-out letter to PDF: fixed timestamp (the letter date) and a per-letter
/// identifier, so the same input gives byte-identical output. `pdf_a`: PDF/A-2b for archives.
pub fn pdf(
    doc: &PagedDocument,
    ident: &str,
    date: NaiveDate,
    pdf_a: bool,
) -> Result<Vec<u8>, String> {
    let timestamp = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .map(typst_pdf::Timestamp::new_utc);
    let standards = if pdf_a {
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .map_err(|e| e.message().to_string())?
    } else {
        typst_pdf::PdfStandards::default()
    };
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("dunning".to_string())),
        timestamp,
        standards,
        // Letters go to print: an accessibility tag tree costs ~10% of the batch time.
        tagged: false,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The PDF identifier of a letter: the same whichever run, shard or chunk renders it.
pub fn letter_ident(id: &str, kind: &str) -> String {
    format!("dunning/{id}/{kind}")
}

/// One print file from the pages of letters already laid out: no second layout.
pub fn print_document(pages: Vec<Page>, title: &str) -> PagedDocument {
    let info = DocumentInfo {
        title: Some(title.into()),
        ..DocumentInfo::default()
    };
    PagedDocument::new(pages.into_iter().collect(), info)
}

/// A letter's pages as a print file keeps them until the file is written: without the tags
/// that mark where each element starts and ends — they hold the letter's whole content tree,
/// most of a laid-out page's memory, for up to a chunk of letters. Untagged PDF export reads
/// tags only for headings (outline, named destinations), attached files and internal links:
/// a letter that has one keeps its tags, so the print file's bytes are the same either way.
pub fn print_pages(pages: &[Page]) -> Vec<Page> {
    if pages.iter().any(|p| introspected(&p.frame)) {
        return pages.to_vec();
    }
    pages
        .iter()
        .cloned()
        .map(|mut page| {
            untag(&mut page.frame);
            page
        })
        .collect()
}

/// Whether a PDF export of `frame` reads its tags.
fn introspected(frame: &Frame) -> bool {
    frame.items().any(|(_, item)| match item {
        FrameItem::Group(group) => introspected(&group.frame),
        FrameItem::Tag(Tag::Start(content, _)) => {
            content.is::<HeadingElem>() || content.is::<AttachElem>()
        }
        FrameItem::Link(Destination::Location(_), _) => true,
        _ => false,
    })
}

fn untag(frame: &mut Frame) {
    frame.retain(|item| match item {
        FrameItem::Group(group) => {
            untag(&mut group.frame);
            true
        }
        FrameItem::Tag(_) => false,
        _ => true,
    });
}

/// An empty page the size of `page`, to start the next letter on a right-hand page.
pub fn blank_like(page: &Page) -> Page {
    Page {
        frame: Frame::hard(page.frame.size()),
        bleed: page.bleed,
        fill: page.fill.clone(),
        numbering: None,
        supplement: Content::empty(),
        number: page.number + 1,
    }
}

/// Renders every page to PNG at `dpi`.
pub fn png_pages(doc: &PagedDocument, dpi: f32) -> Result<Vec<Vec<u8>>, String> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: f64::from(dpi / 72.0).into(),
        render_bleed: false,
    };
    doc.pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Where a diagnostic points, as template file, line and column (1-based).
fn locate(world: &LetterWorld, d: &SourceDiagnostic) -> TypstError {
    let mut message = d.message.to_string();
    // Typst's hints speak of its own command line (`--root`…), which dunning does not have.
    for hint in d.hints.iter().filter(|h| !h.v.contains("--")) {
        message.push_str(&format!(" (hint: {})", hint.v));
    }
    let located = d.span.id().and_then(|id| {
        let source = world.source_of(id)?;
        let range = world.range(d.span)?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let excerpt = source
            .text()
            .lines()
            .nth(line)
            .unwrap_or("")
            .trim_end()
            .to_string();
        Some(TypstError {
            file: id.get().vpath().get_without_slash().to_string(),
            line: line + 1,
            column: column + 1,
            message: message.clone(),
            excerpt,
        })
    });
    located.unwrap_or(TypstError {
        file: "(document)".into(),
        line: 0,
        column: 0,
        message,
        excerpt: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn tags(frame: &Frame) -> usize {
        frame
            .items()
            .map(|(_, item)| match item {
                FrameItem::Group(group) => tags(&group.frame),
                FrameItem::Tag(_) => 1,
                _ => 0,
            })
            .sum()
    }

    fn laid_out(source: &str) -> PagedDocument {
        let engine = Engine::new(HashMap::new(), None, HashMap::new()).unwrap();
        let main = Engine::file_id("/letter.typ").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        compile(&engine, main, source.into(), today).unwrap()
    }

    fn print_pdf(pages: Vec<Page>) -> Vec<u8> {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        pdf(&print_document(pages, "print-001"), "print", today, false).unwrap()
    }

    /// The tags go and the print file's bytes stay; a letter whose export reads its tags
    /// (a heading makes an outline) keeps them.
    #[test]
    fn print_pages_drop_tags_only_where_the_pdf_does_not_read_them() {
        let plain = laid_out(
            "#set text(font: \"Noto Serif SC\")\n张三先生：\n\n#block[请于 2026-11-26 前付款。]\n",
        );
        let pages = plain.pages();
        assert!(tags(&pages[0].frame) > 0, "a laid-out page has tags");
        let kept = print_pages(pages);
        assert_eq!(tags(&kept[0].frame), 0);
        assert_eq!(print_pdf(kept), print_pdf(pages.to_vec()));

        let headed = laid_out("= 催款函\n\n张三先生：\n");
        let kept = print_pages(headed.pages());
        assert_eq!(tags(&kept[0].frame), tags(&headed.pages()[0].frame));
    }
}
