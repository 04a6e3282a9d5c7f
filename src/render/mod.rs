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
use typst::layout::Frame;
use typst::model::DocumentInfo;
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
