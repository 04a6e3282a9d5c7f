//! The engine benchmark (issue 17): `dunning batch` against Typst alone, on the very same
//! letters, markup and fonts.
//!
//!     cargo bench --bench engine                 # 1,000 letters, 3 rounds
//!     cargo bench --bench engine -- 1000 --rounds 5 --scale 10000 100000
//!
//! The letters: N synthetic one-page Chinese demand letters (`generate`), one item each.
//! The markup: `benches/plain/letter.typ`, a Typst function both sides call.
//! - **typst, one document**: one data-driven document (`#for r in json(...)`), N pages, one
//!   PDF — the engine's own limit for this markup.
//! - **typst, a PDF per letter**: a reused compiler (fonts, book, library and parsed sources
//!   shared; Typst's memo cache kept between letters, evicted every 64), the letters on
//!   every core, one PDF each.
//! - **dunning, plain**: `dunning batch --templates benches/plain`: per-letter PDFs, print
//!   files and the zip, from the CSV (loading, fees and checks included).
//! - **dunning, built-in**: the same rows with the built-in demand letter.
//!
//! Typst gets the letters' figures precomputed (from `dunning compute`), so it only
//! typesets. Each run is a child process: wall time, CPU time (user + system) and peak RSS
//! from `wait4`. `--scale` runs the built-in batch again at larger sizes for time and memory.
//! `--profile` records the plain and built-in batches with `perf` (if on PATH) and prints
//! where their CPU went.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const AS_OF: &str = "2026-11-23";
const BIN: &str = env!("CARGO_BIN_EXE_dunning");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--peer") {
        peer::run(&args[1], Path::new(&args[2]));
        return;
    }
    let mut n = 1000;
    let mut rounds = 3;
    let mut scale = Vec::new();
    let mut profile = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rounds" => rounds = it.next().and_then(|v| v.parse().ok()).expect("--rounds N"),
            "--profile" => profile = true,
            "--scale" => scale.extend(it.by_ref().map_while(|v| v.parse::<usize>().ok())),
            v => {
                n = v
                    .parse()
                    .expect("usage: engine [N] [--rounds R] [--scale N…] [--profile]")
            }
        }
    }
    let work = tempfile::tempdir().expect("a temporary directory");
    let dir = work.path();
    let data = generate(n, dir);
    peer::prepare(&data, dir);

    println!(
        "machine: {} cores; {n} one-page letters, {rounds} rounds\n",
        cores()
    );
    let runs: [(&str, Vec<String>); 4] = [
        (
            "typst, one document",
            vec![self_exe(), "--peer".into(), "doc".into(), path(dir)],
        ),
        (
            "typst, a PDF per letter",
            vec![self_exe(), "--peer".into(), "files".into(), path(dir)],
        ),
        ("dunning batch, plain", batch(&data, dir, true)),
        ("dunning batch, built-in", batch(&data, dir, false)),
    ];
    let mut best: Vec<Option<Measured>> = vec![None; runs.len()];
    for _ in 0..rounds {
        for (i, (_, cmd)) in runs.iter().enumerate() {
            let m = measure(cmd, dir);
            if best[i].as_ref().is_none_or(|b| m.wall < b.wall) {
                best[i] = Some(m);
            }
        }
    }
    let best: Vec<Measured> = best.into_iter().map(Option::unwrap).collect();
    println!("| run | letters | seconds | letters/s | CPU ms per letter | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|");
    for ((what, _), m) in runs.iter().zip(&best) {
        println!("{}", m.row(what, n));
    }
    let [doc, files, plain, builtin] = [&best[0], &best[1], &best[2], &best[3]];
    println!();
    println!(
        "dunning plain / typst one document (speed): {:.2}×",
        doc.wall / plain.wall
    );
    println!(
        "dunning plain / typst a PDF per letter (speed): {:.2}×",
        files.wall / plain.wall
    );
    println!(
        "built-in / plain (CPU per letter): {:.2}×",
        builtin.cpu / plain.cpu
    );
    println!("built-in / plain (wall): {:.2}×", builtin.wall / plain.wall);

    if !scale.is_empty() {
        println!("\n| built-in batch | seconds | letters/s | CPU ms per letter | peak RSS | zip |");
        println!("|---:|---:|---:|---:|---:|---:|");
        for &size in &scale {
            let sub = dir.join(format!("scale-{size}"));
            std::fs::create_dir_all(&sub).unwrap();
            let data = generate(size, &sub);
            let m = measure(&batch(&data, &sub, false), &sub);
            let zip = std::fs::metadata(sub.join("out.zip"))
                .map(|m| m.len())
                .unwrap_or(0);
            println!(
                "| {size} | {:.1} | {:.0} | {:.2} | {:.0} MB | {:.2} GB |",
                m.wall,
                size as f64 / m.wall,
                m.cpu * 1000.0 / size as f64,
                m.rss_mb,
                zip as f64 / 1e9
            );
            std::fs::remove_dir_all(&sub).ok();
        }
    }
    if profile {
        profile::report(&batch(&data, dir, true), dir, "plain");
        profile::report(&batch(&data, dir, false), dir, "built-in");
    }
}

/// One child process's cost.
#[derive(Clone)]
struct Measured {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
}

impl Measured {
    fn row(&self, what: &str, n: usize) -> String {
        format!(
            "| {what} | {n} | {:.2} | {:.0} | {:.2} | {:.0} MB |",
            self.wall,
            n as f64 / self.wall,
            self.cpu * 1000.0 / n as f64,
            self.rss_mb
        )
    }
}

/// Runs `cmd` in `dir`: wall seconds, CPU seconds and peak RSS of that process alone.
fn measure(cmd: &[String], dir: &Path) -> Measured {
    let start = Instant::now();
    // Reaped by wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(&cmd[0])
        .args(&cmd[1..])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", cmd[0]));
    let mut status = 0;
    // SAFETY: plain syscall on our own child; `usage` is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Measured {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
    }
}

fn batch(data: &Path, dir: &Path, plain: bool) -> Vec<String> {
    let mut cmd = vec![
        BIN.to_string(),
        "batch".into(),
        path(data),
        "--as-of".into(),
        AS_OF.into(),
    ];
    if plain {
        cmd.extend(["--templates".into(), format!("{ROOT}/benches/plain")]);
    }
    cmd.extend(["-o".into(), path(&dir.join("out.zip")), "--quiet".into()]);
    cmd
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn self_exe() -> String {
    path(&std::env::current_exe().expect("the benchmark's own path"))
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// N debtors as a clerk's CSV: a Chinese name and address, a contract, one overdue item.
/// Deterministic (a fixed xorshift sequence), so every run letters the same people.
fn generate(n: usize, dir: &Path) -> PathBuf {
    const SURNAMES: &str =
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
    const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰堃喆珺";
    const STREETS: [&str; 8] = [
        "建国路",
        "中关村大街",
        "南京西路",
        "天河路",
        "文三路",
        "中山北路",
        "解放大道",
        "人民路",
    ];
    const CITIES: [&str; 6] = [
        "北京市朝阳区",
        "上海市浦东新区",
        "广州市天河区",
        "杭州市西湖区",
        "南京市鼓楼区",
        "武汉市江汉区",
    ];
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |lo: u64, hi: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        lo + state % (hi - lo + 1)
    };
    let mut csv = String::from(
        "id,kind,name,title,address,postcode,contract_title,contract_no,contract_date,property,item,amount_due,amount_paid,due_date\n",
    );
    for i in 0..n {
        let mut name = surnames[next(0, surnames.len() as u64 - 1) as usize].to_string();
        for _ in 0..next(1, 2) {
            name.push(given[next(0, given.len() as u64 - 1) as usize]);
        }
        let title = ["先生", "女士"][next(0, 1) as usize];
        let (building, unit, room) = (next(1, 20), next(1, 4), next(101, 2802));
        let city = CITIES[next(0, 5) as usize];
        let street = STREETS[next(0, 7) as usize];
        let number = next(1, 999);
        let postcode = next(100000, 999999);
        let (cm, cd) = (next(1, 12), next(1, 28));
        let period = next(2, 6);
        let (yuan, fen) = (next(1000, 500000), next(0, 99));
        let (dm, dd) = (next(1, 10), next(1, 28));
        writeln!(
            csv,
            "B{i:07},demand,{name},{title},{city}{street}{number}号{building}号楼{unit}单元{room}室,{postcode},\
             《商品房买卖合同》,HT-2026-{i:06},2025-{cm:02}-{cd:02},{building}号楼{unit}单元{room}室,\
             第{period}期房款,{yuan}.{fen:02},0,2026-{dm:02}-{dd:02}"
        )
        .unwrap();
    }
    let path = dir.join("debtors.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// Typst alone: its own minimal `World` over the same font files and the same markup.
mod peer {
    use super::*;
    use rayon::prelude::*;
    use std::sync::Mutex;
    use typst::diag::{FileError, FileResult};
    use typst::foundations::{Bytes, Datetime, Duration, Smart};
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
    use typst::text::{Font, FontBook};
    use typst::utils::LazyHash;
    use typst::{Library, LibraryExt, World};
    use typst_layout::PagedDocument;

    /// The letters' data for Typst: each letter's figures (`dunning compute`) with its CSV
    /// row under `row`, as the template context has them.
    pub fn prepare(data: &Path, dir: &Path) {
        let out = Command::new(BIN)
            .args(["compute", &path(data), "--as-of", AS_OF, "--format", "json"])
            .output()
            .expect("dunning compute");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut letters: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let mut reader = csv::Reader::from_path(data).unwrap();
        for (letter, row) in letters.iter_mut().zip(reader.deserialize()) {
            let row: BTreeMap<String, String> = row.unwrap();
            letter["row"] = serde_json::to_value(row).unwrap();
        }
        std::fs::write(dir.join("rows.json"), serde_json::to_vec(&letters).unwrap()).unwrap();
    }

    struct Shared {
        library: LazyHash<Library>,
        book: LazyHash<FontBook>,
        fonts: Vec<Font>,
        files: HashMap<FileId, Bytes>,
        sources: Mutex<HashMap<FileId, Source>>,
    }

    struct Letter<'a> {
        shared: &'a Shared,
        main: Source,
        /// This letter's data as `/row.json` (the files peer).
        row: Option<Bytes>,
    }

    fn id(path: &str) -> FileId {
        RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
    }

    impl World for Letter<'_> {
        fn library(&self) -> &LazyHash<Library> {
            &self.shared.library
        }
        fn book(&self) -> &LazyHash<FontBook> {
            &self.shared.book
        }
        fn main(&self) -> FileId {
            self.main.id()
        }
        fn source(&self, id: FileId) -> FileResult<Source> {
            if id == self.main.id() {
                return Ok(self.main.clone());
            }
            let mut sources = self.shared.sources.lock().unwrap();
            if let Some(s) = sources.get(&id) {
                return Ok(s.clone());
            }
            let bytes = self.file(id)?;
            let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
            let source = Source::new(id, text.to_string());
            sources.insert(id, source.clone());
            Ok(source)
        }
        fn file(&self, id: FileId) -> FileResult<Bytes> {
            if let Some(row) = self
                .row
                .as_ref()
                .filter(|_| id == super::peer::id("/row.json"))
            {
                return Ok(row.clone());
            }
            self.shared
                .files
                .get(&id)
                .cloned()
                .ok_or_else(|| FileError::NotFound(PathBuf::new()))
        }
        fn font(&self, index: usize) -> Option<Font> {
            self.shared.fonts.get(index).cloned()
        }
        fn today(&self, _: Option<Duration>) -> Option<Datetime> {
            Datetime::from_ymd(2026, 11, 23)
        }
    }

    fn shared(dir: &Path) -> Shared {
        let fonts: Vec<Font> = std::fs::read_dir(format!("{ROOT}/fonts"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ttf"))
            .flat_map(|p| Font::iter(Bytes::new(std::fs::read(p).unwrap())))
            .collect();
        let letter = std::fs::read(format!("{ROOT}/benches/plain/letter.typ")).unwrap();
        let rows = std::fs::read(dir.join("rows.json")).unwrap();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            files: HashMap::from([
                (id("/letter.typ"), Bytes::new(letter)),
                (id("/rows.json"), Bytes::new(rows)),
            ]),
            sources: Mutex::default(),
        }
    }

    fn compile(shared: &Shared, name: &str, text: String, row: Option<Bytes>) -> PagedDocument {
        let world = Letter {
            shared,
            main: Source::new(id(name), text),
            row,
        };
        let doc = typst::compile::<PagedDocument>(&world).output;
        doc.unwrap_or_else(|e| panic!("typst: {:?}", e.first().map(|d| &d.message)))
    }

    /// The same PDF options as dunning's letters: fixed date and identifier, no tag tree.
    fn pdf(doc: &PagedDocument, ident: &str) -> Vec<u8> {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            timestamp: Datetime::from_ymd(2026, 11, 23).map(typst_pdf::Timestamp::new_utc),
            tagged: false,
            ..Default::default()
        };
        typst_pdf::pdf(doc, &options).expect("PDF export")
    }

    const HEAD: &str = "#import \"/letter.typ\": setup, letter\n#show: setup\n";

    pub fn run(what: &str, dir: &Path) {
        let shared = shared(dir);
        let rows: Vec<serde_json::Value> =
            serde_json::from_slice(&std::fs::read(dir.join("rows.json")).unwrap()).unwrap();
        match what {
            "doc" => {
                let text = format!(
                    "{HEAD}#for (i, r) in json(\"/rows.json\").enumerate() {{\n  if i > 0 {{ pagebreak() }}\n  letter(r)\n}}\n"
                );
                let doc = compile(&shared, "/all.typ", text, None);
                assert_eq!(doc.pages().len(), rows.len(), "one page per letter");
                std::fs::write(dir.join("all.pdf"), pdf(&doc, "all")).unwrap();
            }
            "files" => {
                let out = dir.join("typst-letters");
                std::fs::create_dir_all(&out).unwrap();
                let pool = rayon::ThreadPoolBuilder::new()
                    .stack_size(16 << 20)
                    .build()
                    .unwrap();
                pool.install(|| {
                    for chunk in (0..rows.len()).collect::<Vec<_>>().chunks(64) {
                        chunk.par_iter().for_each(|&i| {
                            let text = format!("{HEAD}#letter(json(\"/row.json\"))\n");
                            let row = Bytes::new(serde_json::to_vec(&rows[i]).unwrap());
                            let doc = compile(&shared, "/letter-main.typ", text, Some(row));
                            std::fs::write(
                                out.join(format!("{i}.pdf")),
                                pdf(&doc, &format!("letter/{i}")),
                            )
                            .unwrap();
                        });
                        typst::comemo::evict(1);
                    }
                });
            }
            _ => panic!("--peer doc|files DIR"),
        }
    }
}

/// Where a batch's CPU goes: `perf record` with call graphs, each sample assigned to the
/// first stage found walking its stack from the top (the batch's own functions).
mod profile {
    use super::*;

    /// Stages by a function on the stack, most specific first.
    const STAGES: [(&str, &[&str]); 7] = [
        ("print files (PDF export of the chunks)", &["flush_print"]),
        ("letter PDF export (krilla)", &["typst_pdf::"]),
        ("layout (Typst)", &["typst_layout::"]),
        (
            "Typst evaluation, parsing, realization",
            &["typst::compile", "typst_eval::", "typst_syntax::"],
        ),
        ("Tera (filling the template)", &["tera::"]),
        ("zip", &["zip::", "ZipOut"]),
        (
            "loading, fees, checks",
            &[
                "dunning::data",
                "dunning::calc",
                "dunning::letters::run",
                "csv::",
            ],
        ),
    ];

    pub fn report(cmd: &[String], dir: &Path, what: &str) {
        let data = path(&dir.join(format!("perf-{what}.data")));
        let mut record = vec![
            "record".to_string(),
            "-q".into(),
            "-F".into(),
            "499".into(),
            "--call-graph".into(),
            "dwarf,32768".into(),
            "-o".into(),
            data.clone(),
            "--".into(),
        ];
        record.extend(cmd.iter().cloned());
        match Command::new("perf")
            .args(&record)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
        {
            Ok(s) if s.success() => {}
            _ => {
                println!("\n(perf record failed or perf is not on PATH: no profile)");
                return;
            }
        }
        let script = Command::new("perf")
            .args(["script", "-i", &data, "-F", "ip,sym"])
            .output()
            .expect("perf script");
        let text = String::from_utf8_lossy(&script.stdout);
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut total = 0;
        for sample in text.split("\n\n").filter(|s| !s.trim().is_empty()) {
            total += 1;
            let stage = STAGES
                .iter()
                .find(|(_, marks)| sample.lines().any(|l| marks.iter().any(|m| l.contains(m))))
                .map_or("other (allocation, threads, startup)", |(name, _)| *name);
            *counts.entry(stage).or_default() += 1;
        }
        println!("\nCPU of `dunning batch` ({what}), {total} samples:");
        let mut rows: Vec<_> = counts.into_iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        for (stage, count) in rows {
            println!("  {:5.1}%  {stage}", 100.0 * count as f64 / total as f64);
        }
    }
}
