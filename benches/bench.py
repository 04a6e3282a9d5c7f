#!/usr/bin/env python3
"""Benchmark `dunning batch` against Typst rendering the same letters without dunning.

    cargo build --release
    pip install typst==0.15.2          # the Typst compiler as a Python package
    python3 benches/bench.py 1000 10000

For every N: synthetic one-page Chinese demand letters (benches/gen_debtors.py), then
`dunning batch` (per-letter PDFs + print files + zip) timed, with the peak RSS of the process.
For the first N also the Typst baseline on the very same letters (each letter's Typst source
is what `dunning preview -o X.typ` writes): one PDF per letter with a reused compiler, and
one combined N-page document for printing. Prints a Markdown table.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "dunning")
AS_OF = "2026-11-23"


def run_measured(cmd, cwd):
    """Runs cmd; returns (seconds, peak RSS in MB) of that process alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def generate(n, work):
    path = os.path.join(work, "debtors.csv")
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_debtors.py"), str(n)], stdout=out, check=True)
    return path


def bench_dunning(n, work, data):
    seconds, rss = run_measured([BIN, "batch", data, "--as-of", AS_OF, "-o", "out.zip", "--quiet"], work)
    return {"what": f"dunning batch: letters + print files + zip", "n": n, "s": seconds, "rss": rss}


def bench_typst(n, work, data):
    import typst

    ids = [line.split(",", 1)[0] for line in open(data, encoding="utf-8").read().splitlines()[1:]]
    src = os.path.join(work, "typst")
    os.makedirs(os.path.join(src, "letters"), exist_ok=True)
    os.makedirs(os.path.join(src, "out"), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "templates", "base.typ"), src)

    def export(i):
        subprocess.run([BIN, "preview", data, "--id", i, "--as-of", AS_OF, "-o", os.path.join(src, "letters", f"{i}.typ")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(export, ids))
    fonts = [os.path.join(ROOT, "fonts")]
    rows = []

    compiler = typst.Compiler(root=src, font_paths=fonts, ignore_system_fonts=True)
    start = time.perf_counter()
    for i in ids:
        compiler.compile(input=os.path.join(src, "letters", f"{i}.typ"), output=os.path.join(src, "out", f"{i}.pdf"))
    per_letter = time.perf_counter() - start
    rows.append({"what": "typst: one PDF per letter (reused compiler)", "n": n, "s": per_letter, "rss": None})

    with open(os.path.join(src, "all.typ"), "w", encoding="utf-8") as main:
        main.write("\n#pagebreak()\n".join(f'#include "letters/{i}.typ"' for i in ids))
    compiler = typst.Compiler(root=src, font_paths=fonts, ignore_system_fonts=True)
    start = time.perf_counter()
    compiler.compile(input=os.path.join(src, "all.typ"), output=os.path.join(src, "all.pdf"))
    combined = time.perf_counter() - start
    rows.append({"what": "typst: one combined document", "n": n, "s": combined, "rss": None})
    rows.append({"what": "typst: both outputs", "n": n, "s": per_letter + combined, "rss": None})
    return rows


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} not found: run `cargo build --release` first")
    rows = []
    # dunning first, for every size: a child's peak RSS counts the parent's pages it was
    # forked from, and this process grows once the Typst baseline has run in it.
    for n in sizes:
        with tempfile.TemporaryDirectory() as work:
            rows.append(bench_dunning(n, work, generate(n, work)))
    with tempfile.TemporaryDirectory() as work:
        try:
            rows.extend(bench_typst(sizes[0], work, generate(sizes[0], work)))
        except ImportError:
            print("(pip install typst==0.15.2 for the Typst baseline)", file=sys.stderr)
    print(f"machine: {os.cpu_count()} cores\n")
    print("| run | letters | seconds | letters/s | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        rss = f"{r['rss']:.0f} MB" if r["rss"] else "–"
        print(f"| {r['what']} | {r['n']} | {r['s']:.1f} | {r['n'] / r['s']:.0f} | {rss} |")


if __name__ == "__main__":
    main()
