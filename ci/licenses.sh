#!/usr/bin/env bash
# THIRD-PARTY-LICENSES.md: the licence of every crate built into the release binary
# (cargo-about with about.toml and about.hbs), then the NOTICE files those crates ship.
# Run after every change to Cargo.lock; needs `cargo install --locked --features cli cargo-about`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=THIRD-PARTY-LICENSES.md
targets=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu) # as in about.toml

cargo about generate --frozen -o "$out.tmp" about.hbs

# The crates of the binary (normal dependencies only), as cargo-about sees them.
target_args=()
for t in "${targets[@]}"; do target_args+=(--target "$t"); done
cargo tree --frozen -e normal "${target_args[@]}" --prefix none --format '{p}' |
  sed 's/ (\*)$//' | sort -u > "$out.crates"
cargo metadata --frozen --format-version 1 | python3 -c '
import json, pathlib, sys
crates = set(l.split(" (")[0].strip() for l in open(sys.argv[1]) if l.strip())
meta = json.load(sys.stdin)
print("## NOTICE files\n")
print("Apache-2.0 section 4(d): the NOTICE files of the crates above, as they ship them.\n")
for p in sorted(meta["packages"], key=lambda p: (p["name"], p["version"])):
    if p["name"] + " v" + p["version"] not in crates or p["name"] == "dunning":
        continue
    root = pathlib.Path(p["manifest_path"]).parent
    for f in sorted(root.glob("NOTICE*")):
        text = f.read_text(encoding="utf-8", errors="replace").rstrip()
        name, version = p["name"], p["version"]
        print(f"### {name} {version}: {f.name}\n\n```text\n{text}\n```\n")
' "$out.crates" >> "$out.tmp"
rm "$out.crates"
mv "$out.tmp" "$out"
echo "wrote $out"
