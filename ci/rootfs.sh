#!/bin/sh
# ci/rootfs.sh ROOT BINARY: the runtime root of the container image, as the Dockerfile and
# ci/container-test.sh both build it: the binary (stripped) at /usr/bin/dunning, the shared
# libraries `ldd` lists for it, and a static busybox for the shell line of the scheduled job
# (sh, mv, ln, date). Nothing else: no /etc, no time zone data, no fonts (they are embedded).
set -eu
root=$1
bin=$2
[ ! -e "$root" ] || [ -z "$(ls -A "$root")" ] || { echo "ci/rootfs.sh: $root is not empty" >&2; exit 1; }
mkdir -p "$root/usr/bin" "$root/bin" "$root/srv/collections"

if command -v strip >/dev/null 2>&1; then
  strip --strip-all -o "$root/usr/bin/dunning" "$bin"
else
  cp "$bin" "$root/usr/bin/dunning"
fi

# Every library the dynamic loader maps, under the path ldd names (the loader included).
ldd "$bin" | awk '/=> \//{print $3} /^[[:space:]]*\//{print $1}' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

busybox=$(command -v busybox) || { echo "ci/rootfs.sh: busybox (Debian: busybox-static) is needed" >&2; exit 1; }
if ldd "$busybox" >/dev/null 2>&1; then
  echo "ci/rootfs.sh: $busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi
cp "$busybox" "$root/bin/busybox"
for applet in sh mv ln date; do ln -s busybox "$root/bin/$applet"; done
