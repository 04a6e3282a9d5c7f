#!/usr/bin/env python3
"""Build the subset fonts embedded in `dunning`.

Run through make-fonts.sh, which installs the Debian font packages and a
pinned fontTools first.  Usage:

    python3 make_fonts.py OUTDIR

Sources (Debian 12 packages, SIL OFL 1.1):
  fonts-noto-cjk   /usr/share/fonts/opentype/noto/Noto{Serif,Sans}CJK-{Regular,Bold}.ttc
  fonts-noto-core  /usr/share/fonts/truetype/noto/NotoSerif-*.ttf,
                   /usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf

What it does:
  * CJK: picks the "Noto Serif CJK SC" / "Noto Sans CJK SC" member of each
    .ttc by its name table, subsets it to GBK + ASCII + Latin-1 + punctuation
    + a few symbol blocks (no hinting, desubroutinized CFF), then converts the
    cubic CFF outlines to quadratic TrueType `glyf` outlines (cu2qu, as in
    fontTools' Snippets/otf2ttf.py).
  * Latin: subsets Noto Serif Regular/Bold/Italic/BoldItalic (already glyf).
  * Symbols: a tiny Noto Sans Symbols 2 subset with the ballot boxes
    (U+2610..2612) and check/cross marks that Noto CJK lacks.
  * Output is deterministic: head.modified is copied from the source font,
    timestamps are never recalculated.
"""

import os
import sys
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

CJK_DIR = "/usr/share/fonts/opentype/noto"
LATIN_DIR = "/usr/share/fonts/truetype/noto"

# cu2qu tolerance in font units (the CJK fonts have 1000 units per em). 4 units is 0.017 mm
# at 12 pt, under the 0.042 mm dot of a 600 dpi printer; against 1 unit it makes the glyph
# data 12% smaller and every letter's PDF 7% smaller and 5% faster to write.
MAX_ERR = 4.0
REVERSE_DIRECTION = True  # CFF is counter-clockwise, TrueType clockwise.
POST_FORMAT = 3.0  # no glyph names (CID fonts only have "cidNNNNN" anyway)

# (output file, source .ttc, wanted family (name ID 1), wanted subfamily, weight)
CJK_JOBS = [
    ("NotoSerifSC-Regular.ttf", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular", 400),
    ("NotoSerifSC-Bold.ttf", "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Bold", 700),
    ("NotoSansSC-Regular.ttf", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Regular", 400),
    ("NotoSansSC-Bold.ttf", "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "Bold", 700),
]

# (output file, source .ttf)
LATIN_JOBS = [
    ("NotoSerif-Regular.ttf", "NotoSerif-Regular.ttf"),
    ("NotoSerif-Bold.ttf", "NotoSerif-Bold.ttf"),
    ("NotoSerif-Italic.ttf", "NotoSerif-Italic.ttf"),
    ("NotoSerif-BoldItalic.ttf", "NotoSerif-BoldItalic.ttf"),
]

SYMBOL_JOBS = [
    ("NotoSansSymbols2-Regular.ttf", "NotoSansSymbols2-Regular.ttf"),
]

# Horizontal text only: the default fontTools feature set minus the vertical
# writing features and minus 'locl' (its only job in the SC faces is to pull in
# the Japanese/Korean/Traditional glyph variants, several thousand glyphs).
LAYOUT_FEATURES = [
    "rvrn", "ccmp", "liga", "mark", "mkmk", "rlig",
    "frac", "numr", "dnom",
    "calt", "clig", "curs", "kern", "rclt",
    "chws", "halt", "palt", "pwid", "fwid", "hwid",
    "dlig", "onum", "lnum", "pnum", "tnum", "sups", "subs", "ordn", "case",
    "smcp", "c2sc", "zero",
]


def r(a, b):
    return list(range(a, b + 1))


def gbk_chars():
    """Every character that Python's 'gbk' codec decodes from a 2-byte code."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                c = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            out.update(ord(x) for x in c)
    return out


COMMON_EXTRA = (
    r(0x0020, 0x007E)  # ASCII
    + r(0x00A0, 0x00FF)  # Latin-1 Supplement
    + r(0x0100, 0x017F)  # Latin Extended-A
    + r(0x01CD, 0x01DC)  # pinyin with caron / diaeresis (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ)
    + r(0x02B0, 0x02FF)  # Spacing Modifier Letters (ˇ ˉ ˊ ˋ ˙ ...)
    + r(0x2000, 0x206F)  # General Punctuation
    + r(0x20A0, 0x20CF)  # Currency Symbols (€ ...)
    + r(0x2100, 0x214F)  # Letterlike Symbols (№ ℃ ™ ...)
    + [0x00A5, 0xFFE5, 0x20AC, 0x2116, 0x00A3, 0x0024]  # ¥ ￥ € № £ $
)

CJK_EXTRA = COMMON_EXTRA + (
    r(0x2150, 0x218F)  # Number Forms (Ⅰ Ⅱ ⅰ ...)
    + r(0x2190, 0x21FF)  # Arrows
    + r(0x2200, 0x22FF)  # Mathematical Operators
    + r(0x2460, 0x24FF)  # Enclosed Alphanumerics (① .. ⑳ ⑴ ⒈ Ⓐ ...)
    + r(0x2500, 0x257F)  # Box Drawing
    + r(0x2580, 0x259F)  # Block Elements
    + r(0x25A0, 0x25FF)  # Geometric Shapes (□ ■ ○ ● ...)
    + r(0x2600, 0x26FF)  # Miscellaneous Symbols (☐ ☑ ☒ if present, ★ ☆ ...)
    + r(0x2700, 0x27BF)  # Dingbats (✓ ✔ ✗ ✘ if present)
    + r(0x3000, 0x303F)  # CJK Symbols and Punctuation
    + r(0x3200, 0x32FF)  # Enclosed CJK Letters and Months (㈠ ㊣ ...)
    + r(0x3300, 0x33FF)  # CJK Compatibility (㎡ ㎏ ...)
    + r(0xFE10, 0xFE1F)  # Vertical forms (︐ ...), in GBK anyway
    + r(0xFE30, 0xFE4F)  # CJK Compatibility Forms
    + r(0xFF00, 0xFFEF)  # Halfwidth and Fullwidth Forms
    + [0x5803, 0x5586, 0x73FA]  # 堃 喆 珺 (also in GBK; listed for clarity)
)

LATIN_EXTRA = COMMON_EXTRA + [
    0x2190, 0x2192,  # ← →
    0x2212, 0x00D7, 0x00F7, 0x2264, 0x2265, 0x2260, 0x2248,  # − × ÷ ≤ ≥ ≠ ≈
    0x25A1, 0x25A0, 0x2610, 0x2611, 0x2612, 0x2713, 0x2714, 0x2717, 0x2718,
    0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04,  # ff fi fl ffi ffl
]

SYMBOL_EXTRA = (
    [0x0020, 0x00A0]
    + [0x2610, 0x2611, 0x2612]  # ☐ ☑ ☒
    + [0x2713, 0x2714, 0x2715, 0x2716, 0x2717, 0x2718]  # ✓ ✔ ✕ ✖ ✗ ✘
    + r(0x25A0, 0x25FF)  # Geometric Shapes (□ ■ ▢ ▣ ...)
    + [0x2605, 0x2606]  # ★ ☆
)


def subset_options(features):
    o = subset.Options()
    o.hinting = False
    o.desubroutinize = True
    o.layout_features = features
    o.layout_scripts = ["*"]
    o.name_IDs = ["*"]
    o.name_languages = [0x0409]
    o.name_legacy = False
    o.notdef_outline = True
    o.recalc_bounds = True
    o.recalc_timestamp = False
    o.drop_tables += ["DSIG", "vhea", "vmtx", "VORG", "gasp"]
    o.glyph_names = False
    o.legacy_kern = False
    o.prune_unicode_ranges = True
    return o


def load_ttc_member(path, family, subfamily):
    coll = TTCollection(path, lazy=True)
    for i, f in enumerate(coll.fonts):
        n = f["name"]
        if n.getDebugName(1) == family and n.getDebugName(2) == subfamily:
            coll.close()
            return TTFont(path, fontNumber=i, recalcTimestamp=False), i
    raise SystemExit(f"{path}: no member named {family!r} / {subfamily!r}")


def glyphs_to_quadratic(glyph_set):
    quad = {}
    for name in glyph_set.keys():
        tt_pen = TTGlyphPen(glyph_set)
        cu2qu_pen = Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION)
        glyph_set[name].draw(cu2qu_pen)
        quad[name] = tt_pen.glyph()
    return quad


def otf_to_ttf(font):
    """CFF -> glyf, following fontTools' Snippets/otf2ttf.py."""
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    for tag in ("VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", [])) for g in glyf.glyphs.values()), default=0
    )
    maxp.compile(font)
    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def save(font, out, modified):
    # Fonts are opened with recalcTimestamp=False; also pin head.modified to
    # the source font's value so reruns give byte-identical files.
    font.recalcTimestamp = False
    font["head"].modified = modified
    font.save(out, reorderTables=True)
    font.close()


def build_cjk(job, outdir):
    outname, src, family, subfamily, weight = job
    font, idx = load_ttc_member(os.path.join(CJK_DIR, src), family, subfamily)
    modified = font["head"].modified
    source_cmap = font.getBestCmap()
    wanted = gbk_chars() | set(CJK_EXTRA)
    present = sorted(u for u in wanted if u in source_cmap)
    sub = subset.Subsetter(subset_options(LAYOUT_FEATURES))
    sub.populate(unicodes=present)
    sub.subset(font)
    otf_to_ttf(font)
    assert font["OS/2"].usWeightClass == weight, (outname, font["OS/2"].usWeightClass)
    out = os.path.join(outdir, outname)
    save(font, out, modified)
    return f"{outname}: {src} #{idx} ({family} {subfamily}), {len(present)} code points"


def build_plain(job, outdir, extra, features):
    outname, src = job
    font = TTFont(os.path.join(LATIN_DIR, src), recalcTimestamp=False)
    modified = font["head"].modified
    cmap = font.getBestCmap()
    present = sorted(u for u in set(extra) if u in cmap)
    sub = subset.Subsetter(subset_options(features))
    sub.populate(unicodes=present)
    sub.subset(font)
    out = os.path.join(outdir, outname)
    save(font, out, modified)
    return f"{outname}: {src}, {len(present)} code points"


def run(args):
    kind, job, outdir = args
    if kind == "cjk":
        return build_cjk(job, outdir)
    if kind == "latin":
        return build_plain(job, outdir, LATIN_EXTRA, LAYOUT_FEATURES)
    return build_plain(job, outdir, SYMBOL_EXTRA, ["*"])


def report(outdir):
    gbk = gbk_chars()
    print(f"GBK: {len(gbk)} characters decode from 2-byte codes")
    for outname, *_ in CJK_JOBS:
        f = TTFont(os.path.join(outdir, outname))
        cmap = f.getBestCmap()
        missing = sorted(u for u in gbk if u not in cmap)
        n = f["name"]
        assert "glyf" in f and "CFF " not in f
        print(
            f"{outname}: family={n.getDebugName(1)!r} subfamily={n.getDebugName(2)!r} "
            f"weight={f['OS/2'].usWeightClass} glyphs={f['maxp'].numGlyphs} "
            f"cmap={len(cmap)} GBK missing={len(missing)} "
            + " ".join(f"U+{u:04X}({chr(u)})" for u in missing)
        )
    for outname, _ in LATIN_JOBS + SYMBOL_JOBS:
        f = TTFont(os.path.join(outdir, outname))
        n = f["name"]
        print(
            f"{outname}: family={n.getDebugName(1)!r} subfamily={n.getDebugName(2)!r} "
            f"weight={f['OS/2'].usWeightClass} glyphs={f['maxp'].numGlyphs} "
            f"cmap={len(f.getBestCmap())}"
        )


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_fonts.py OUTDIR")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    jobs = (
        [("cjk", j, outdir) for j in CJK_JOBS]
        + [("latin", j, outdir) for j in LATIN_JOBS]
        + [("symbols", j, outdir) for j in SYMBOL_JOBS]
    )
    workers = max(1, min(len(jobs), int(os.environ.get("FONT_JOBS", os.cpu_count() or 1))))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for line in pool.map(run, jobs):
            print(line, flush=True)
    report(outdir)


if __name__ == "__main__":
    main()
