//! Reads the rendered PDFs back in Rust, with `hayro-interpret` (the PDF reader Typst itself
//! uses for PDF images): no PDF tool on PATH is needed.
//!
//! Each page's content stream is interpreted and every glyph drawn is collected in the order
//! drawn (content-stream order), with its Unicode text from the font's `ToUnicode` map and
//! its box. The text of a page joins the glyphs, starting a new line where the baseline
//! moves and putting a space where there is a gap; its words are the runs of glyphs on one
//! baseline without a space or a gap, boxed as `pdftotext -bbox` boxes them: from the
//! origin of the first glyph to the advance of the last across, and from the font's ascent
//! to its descent (from its font descriptor) down.

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};
use std::collections::HashMap;
use std::path::Path;

/// A word of a PDF page and its box in millimetres from the top-left corner of the page.
#[derive(Debug)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// One glyph drawn, in points from the top-left corner of the page.
#[derive(Debug)]
struct Glyph {
    text: String,
    /// Where the glyph starts and ends on its baseline (its origin and its advance).
    x0: f64,
    x1: f64,
    baseline: f64,
    /// The top and bottom of the font's ascent and descent at this size.
    top: f64,
    bottom: f64,
    size: f64,
    font: Option<String>,
}

impl Glyph {
    fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A PDF parsed, panicking with the file's name if it cannot be.
fn open(path: &Path) -> Pdf {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    Pdf::new(bytes).unwrap_or_else(|e| panic!("{} is not a PDF: {e:?}", path.display()))
}

/// The glyphs of one page (0-based) in the order its content stream draws them.
fn page_glyphs(pdf: &Pdf, index: usize) -> Vec<Glyph> {
    let pages = pdf.pages();
    let page = pages
        .get(index)
        .unwrap_or_else(|| panic!("no page {} in a PDF of {} pages", index + 1, pages.len()));
    let media = page.media_box();
    let cache = InterpreterCache::new();
    let mut context = Context::new(
        Affine::IDENTITY,
        Rect::new(media.x0, media.y0, media.x1, media.y1),
        &cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    let mut collector = Collector {
        metrics: font_metrics(page),
        top: media.y1,
        left: media.x0,
        glyphs: Vec::new(),
    };
    interpret_page(page, &mut context, &mut collector);
    collector.glyphs
}

/// The ascent and descent (in em) of every font a page uses, by PostScript name without the
/// subset prefix: from the font descriptor, as poppler takes them (0.95 and -0.35 when
/// missing or absurd).
fn font_metrics(page: &Page<'_>) -> HashMap<String, (f64, f64)> {
    fn descriptor_metrics(font: &Dict<'_>) -> (f64, f64) {
        let descriptor = font.get::<Dict<'_>>("FontDescriptor").or_else(|| {
            font.get::<Array<'_>>("DescendantFonts")
                .and_then(|a| a.iter::<Dict<'_>>().next())
                .and_then(|d| d.get::<Dict<'_>>("FontDescriptor"))
        });
        let value = |key: &str| descriptor.as_ref().and_then(|d| d.get::<f64>(key));
        let ascent = value("Ascent")
            .map(|a| (a / 1000.0).abs())
            .filter(|a| *a != 0.0 && *a < 3.0)
            .unwrap_or(0.95);
        let descent = value("Descent")
            .map(|d| -(d / 1000.0).abs())
            .filter(|d| *d != 0.0 && *d > -3.0)
            .unwrap_or(-0.35);
        (ascent, descent)
    }
    fn walk(resources: &Dict<'_>, out: &mut HashMap<String, (f64, f64)>, depth: usize) {
        if let Some(fonts) = resources.get::<Dict<'_>>("Font") {
            for key in fonts.keys() {
                let Some(font) = fonts.get::<Dict<'_>>(&key) else {
                    continue;
                };
                if let Some(name) = font.get::<Name<'_>>("BaseFont") {
                    out.insert(font_name(name.as_str()), descriptor_metrics(&font));
                }
            }
        }
        if depth < 8
            && let Some(x_objects) = resources.get::<Dict<'_>>("XObject")
        {
            for key in x_objects.keys() {
                if let Some(inner) = x_objects
                    .get::<Stream<'_>>(&key)
                    .and_then(|s| s.dict().get::<Dict<'_>>("Resources"))
                {
                    walk(&inner, out, depth + 1);
                }
            }
        }
    }
    let mut out = HashMap::new();
    if let Some(resources) = page.raw().get::<Dict<'_>>("Resources") {
        walk(&resources, &mut out, 0);
    }
    out
}

/// A font's PostScript name without its subset prefix (`ABCDEF+`).
fn font_name(base_font: &str) -> String {
    match base_font.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 => rest.to_string(),
        _ => base_font.to_string(),
    }
}

/// The device that collects the glyphs drawn and ignores everything else.
struct Collector {
    metrics: HashMap<String, (f64, f64)>,
    /// The top and left edges of the media box, to measure from the top-left corner.
    top: f64,
    left: f64,
    glyphs: Vec<Glyph>,
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}

    fn set_blend_mode(&mut self, _: BlendMode) {}

    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph(
        &mut self,
        glyph: &PdfGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let text = match glyph.as_unicode() {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => '\u{fffd}'.to_string(),
        };
        let (font, advance) = match glyph {
            PdfGlyph::Outline(g) => (
                g.font_data().and_then(|d| d.postscript_name),
                g.advance_width().unwrap_or(0.0) as f64,
            ),
            PdfGlyph::Type3(_) => (None, 0.0),
        };
        let (ascent, descent) = font
            .as_deref()
            .and_then(|f| {
                self.metrics
                    .get(f)
                    .or_else(|| self.metrics.get(f.trim_end_matches("-Identity-H")))
            })
            .copied()
            .unwrap_or((0.95, -0.35));
        // Glyph space is 1000 units to the em; `full` maps it to the page (points, y up).
        let full = transform * glyph_transform;
        let origin = full * Point::new(0.0, 0.0);
        let end = full * Point::new(advance, 0.0);
        let up = full * Point::new(0.0, 1000.0);
        let size = (up - origin).hypot();
        let flip = |p: Point| Point::new(p.x - self.left, self.top - p.y);
        let (origin, end) = (flip(origin), flip(end));
        self.glyphs.push(Glyph {
            text,
            x0: origin.x.min(end.x),
            x1: origin.x.max(end.x),
            baseline: origin.y,
            top: origin.y - ascent * size,
            bottom: origin.y - descent * size,
            size,
            font,
        });
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}

    fn pop_clip_path(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// Whether `next` goes on a new line after `prev`: the baseline moved or the text went back.
fn new_line(prev: &Glyph, next: &Glyph) -> bool {
    (next.baseline - prev.baseline).abs() > 0.5 * prev.size.min(next.size)
        || next.x0 < prev.x0 - 0.2 * prev.size
}

/// Whether there is a gap between `prev` and `next` on one line (more than a tenth of an
/// em, poppler's word break).
fn gap(prev: &Glyph, next: &Glyph) -> bool {
    next.x0 - prev.x1 > 0.1 * prev.size.max(next.size)
}

/// The text of the glyphs in the order drawn: a newline where the baseline moves, a space
/// where there is a gap.
fn text_of(glyphs: &[Glyph]) -> String {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            if new_line(p, g) {
                text.push('\n');
            } else if gap(p, g) && !p.is_space() && !g.is_space() {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    text.push('\n');
    text
}

/// The text of a whole PDF, in content-stream order, pages separated by a form feed.
pub fn pdf_text(path: &Path) -> String {
    let pdf = open(path);
    (0..pdf.pages().len())
        .map(|i| text_of(&page_glyphs(&pdf, i)))
        .collect::<Vec<_>>()
        .join("\u{c}")
}

/// The text of one page (1-based), in content-stream order.
pub fn pdf_page_text(path: &Path, page: usize) -> String {
    assert!(page >= 1, "pages count from 1");
    text_of(&page_glyphs(&open(path), page - 1))
}

/// The number of pages.
pub fn pdf_pages(path: &Path) -> usize {
    open(path).pages().len()
}

/// The words of one page (1-based) in content-stream order, boxed in millimetres from the
/// top-left corner: split at spaces, gaps, new lines and changes of font or size.
pub fn pdf_words(path: &Path, page: usize) -> Vec<Word> {
    assert!(page >= 1, "pages count from 1");
    let glyphs = page_glyphs(&open(path), page - 1);
    let mm = |pt: f64| pt * 25.4 / 72.0;
    let mut words: Vec<Word> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in &glyphs {
        if g.is_space() {
            prev = None;
            continue;
        }
        let joins = prev.is_some_and(|p| {
            !new_line(p, g)
                && !gap(p, g)
                && p.font == g.font
                && (p.size - g.size).abs() < 0.05 * p.size
        });
        match words.last_mut() {
            Some(w) if joins => {
                w.text.push_str(&g.text);
                w.x0 = w.x0.min(mm(g.x0));
                w.x1 = w.x1.max(mm(g.x1));
                w.y0 = w.y0.min(mm(g.top));
                w.y1 = w.y1.max(mm(g.bottom));
            }
            _ => words.push(Word {
                text: g.text.clone(),
                x0: mm(g.x0),
                y0: mm(g.top),
                x1: mm(g.x1),
                y1: mm(g.bottom),
            }),
        }
        prev = Some(g);
    }
    words
}

/// What `pdfinfo -isodates` says of a PDF, in its form: `Pages:`, `CreationDate:` and
/// `ModDate:` (ISO 8601, from the document information dictionary) and `Metadata Stream:`
/// (whether the catalog has XMP metadata).
pub fn pdf_info(path: &Path) -> String {
    let pdf = open(path);
    let date = |d: &Option<hayro_interpret::hayro_syntax::object::DateTime>| {
        d.as_ref().map_or_else(String::new, |d| {
            let zone = if d.utc_offset_hour == 0 && d.utc_offset_minute == 0 {
                "Z".to_string()
            } else {
                format!("{:+03}:{:02}", d.utc_offset_hour, d.utc_offset_minute)
            };
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
                d.year, d.month, d.day, d.hour, d.minute, d.second
            )
        })
    };
    let metadata = pdf.metadata();
    let catalog = pdf.xref().get::<Dict<'_>>(pdf.xref().root_id());
    let xmp = catalog.is_some_and(|c| c.get::<Stream<'_>>("Metadata").is_some());
    format!(
        "CreationDate:   {}\nModDate:        {}\nMetadata Stream: {}\nPages:          {}\n",
        date(&metadata.creation_date),
        date(&metadata.modification_date),
        if xmp { "yes" } else { "no" },
        pdf.pages().len()
    )
}
