#!/usr/bin/env bash
# Regenerate the fonts embedded in dunning (see fonts/README.md).
#
#   bash fonts/make-fonts.sh
#
# Meant for Debian 12 (bookworm) as root: installs fonts-noto-cjk and
# fonts-noto-core with apt, fontTools (pinned) in a private venv, then writes
# the subset TrueType fonts and SHA256SUMS next to this script.  Rerunning it
# gives byte-identical files as long as the Debian font packages and the
# fontTools version are the same (the versions used are checked below).
set -euo pipefail

FONTTOOLS_VERSION=4.68.0
# Versions the committed files were made from (Debian 12).
EXPECT_NOTO_CJK="1:20220127+repack1-1"
EXPECT_NOTO_CORE="20201225-1"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${DUNNING_FONTS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/dunning-fonts/venv-fonttools-$FONTTOOLS_VERSION}"

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PYTHONHASHSEED=0
export LC_ALL=C.UTF-8

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

apt_updated=0
apt_install() {
    local missing=()
    local p
    for p in "$@"; do installed "$p" || missing+=("$p"); done
    [ "${#missing[@]}" -eq 0 ] && return 0
    # Update the package lists only when apt does not know a package yet.
    if [ "$apt_updated" -eq 0 ]; then
        for p in "${missing[@]}"; do
            if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
                as_root apt-get update
                apt_updated=1
                break
            fi
        done
    fi
    as_root apt-get install -y --no-install-recommends "${missing[@]}"
}

apt_install fonts-noto-cjk fonts-noto-core fontconfig

for pkg_ver in "fonts-noto-cjk=$EXPECT_NOTO_CJK" "fonts-noto-core=$EXPECT_NOTO_CORE"; do
    pkg="${pkg_ver%%=*}"
    want="${pkg_ver#*=}"
    have="$(dpkg-query -W -f='${Version}' "$pkg")"
    if [ "$have" != "$want" ]; then
        echo "warning: $pkg is $have, the committed fonts were made from $want;" \
             "output will differ from fonts/SHA256SUMS" >&2
    fi
done

# fontTools in its own venv (Debian's python3 refuses system-wide pip installs).
if [ ! -x "$venv/bin/python" ] \
   || ! "$venv/bin/python" -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    if ! python3 -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
    "$venv/bin/python" -m pip install --quiet "fonttools==$FONTTOOLS_VERSION"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$venv/bin/python" "$here/make_fonts.py" "$tmp"

# Independent check with fontconfig: every file loads, is TrueType, right style.
for f in "$tmp"/*.ttf; do
    fc-query -f '%{file}: %{family} / %{style} / weight %{weight} / %{fontformat}\n' "$f" \
        | sed "s|$tmp/||"
    [ "$(fc-query -f '%{fontformat}' "$f")" = TrueType ] || { echo "not TrueType: $f" >&2; exit 1; }
done

mv -f "$tmp"/*.ttf "$here"/
(cd "$here" && sha256sum -- *.ttf > SHA256SUMS && cat SHA256SUMS)
echo "fonts written to $here"
