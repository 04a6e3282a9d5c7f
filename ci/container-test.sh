#!/usr/bin/env bash
# ci/container-test.sh [BINARY]: runs the release binary the way the container image runs it,
# without pulling a base image (none can be pulled on these machines). As root:
#   - the image's root built by ci/rootfs.sh (binary, the libraries ldd lists, busybox);
#   - sample data in /srv/collections, no /etc (no localtime, no passwd), no fonts, no /tmp,
#     no /proc, no /dev;
#   - a mount namespace (unshare -m) where that root is bind-mounted read-only and only
#     /srv/collections/out is writable (a tmpfs), chroot into it as uid/gid 65532 (the image's
#     USER), an empty environment (env -i);
#   - `dunning batch` by hand, then the README's CronJob line through busybox sh;
#   - the zips checked with python3's zipfile; nothing written anywhere else.
# With --podman, also builds an image FROM scratch from the same root with podman (Debian's
# package; no base image is pulled) and runs `batch` in it read-only with no network.
set -euo pipefail
cd "$(dirname "$0")/.."
podman=false
if [ "${1:-}" = --podman ]; then podman=true; shift; fi
bin=${1:-${CARGO_TARGET_DIR:-target}/release/dunning}
[ "$(id -u)" = 0 ] || { echo "container-test: run as root (unshare, mount, chroot)" >&2; exit 1; }
[ -x "$bin" ] || { echo "container-test: no binary at $bin (cargo build --release --locked)" >&2; exit 1; }

work=$(mktemp -d /tmp/dunning-container-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
ci/rootfs.sh "$root" "$bin"
cp samples/debtors.csv samples/dunning.yaml "$root/srv/collections/"
mkdir "$root/srv/collections/out"

echo "== the root (no /etc, no fonts):"
(cd "$root" && find . -mindepth 1 | sort | sed 's/^/   /')
if [ -e "$root/etc" ] || [ -n "$(find "$root" \( -iname '*.ttf' -o -iname '*.otf' -o -iname '*.ttc' \) -print -quit)" ]; then
  echo "container-test: the root has /etc or font files" >&2
  exit 1
fi
before=$(cd "$root" && find . -printf '%p %s %T@\n' | sort)

# Inside a private mount namespace: the root read-only, out/ a tmpfs owned by 65532.
# Each step runs as `env -i chroot --userspec=65532:65532 ROOT …`: nothing inherited.
unshare --mount --fork bash -euo pipefail -c '
root=$1
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root" "$root"
mount -t tmpfs -o size=256m,uid=65532,gid=65532,mode=0755 tmpfs "$root/srv/collections/out"
in_root() { env -i /usr/sbin/chroot --userspec=65532:65532 "$root" "$@"; }

echo "== environment inside (busybox env, nothing expected):"
[ -z "$(in_root /bin/busybox env)" ] || { echo "container-test: the environment is not empty" >&2; exit 1; }
echo "   (empty)"
echo "== the root is read-only:"
if in_root /bin/busybox touch /srv/collections/x 2>/dev/null; then
  echo "container-test: / is writable" >&2; exit 1
fi
echo "   touch /srv/collections/x fails"

echo "== by hand: dunning batch (absolute paths, cwd /):"
set +e
in_root /usr/bin/dunning batch /srv/collections/debtors.csv --config /srv/collections/dunning.yaml \
  -o /srv/collections/out/first.zip
code=$?
set -e
echo "   exit $code"
[ "$code" = 0 ] || exit 1
in_root /bin/ln -s first.zip /srv/collections/out/last.zip

echo "== the README CronJob line, through /bin/sh in /srv/collections:"
set +e
in_root /bin/sh -c "cd /srv/collections && dunning batch debtors.csv --auto --history out/last.zip -o out/new.zip --quiet && mv out/new.zip \"out/\$(date +%F).zip\" && ln -sfn \"\$(date +%F).zip\" out/last.zip"
code=$?
set -e
echo "   exit $code"
[ "$code" = 0 ] || exit 1

echo "== out/ (a tmpfs, gone when this namespace ends; copied out to check):"
in_root /bin/busybox ls -l /srv/collections/out | sed "s/^/   /"
cp -a "$root/srv/collections/out" "$root/../out"
' bash "$root"

after=$(cd "$root" && find . -printf '%p %s %T@\n' | sort)
[ "$before" = "$after" ] || { echo "container-test: the root changed" >&2; diff <(echo "$before") <(echo "$after") >&2; exit 1; }
echo "== the root is unchanged"

today=$(date -u +%F)
python3 - "$work/out" "$today" <<'PY'
import csv, io, os, sys, zipfile
out, today = sys.argv[1], sys.argv[2]
def check(name):
    path = os.path.join(out, name)
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        assert bad is None, f"{name}: {bad} is damaged"
        names = z.namelist()
        manifest = list(csv.DictReader(io.StringIO(z.read("manifest.csv").decode("utf-8-sig"))))
        letters = [n for n in names if n.startswith("letters/") and n.endswith(".pdf")]
        assert len(letters) == len(manifest), (name, len(letters), len(manifest))
        for n in letters:
            assert z.read(n).startswith(b"%PDF-"), n
        dates = {row["as_of"] for row in manifest}
        assert dates <= {today}, f"{name}: as_of {dates}, expected {today} (UTC)"
        print(f"   {name}: {len(names)} entries, {len(letters)} letters, as_of {sorted(dates) or '-'}, CRCs ok")
        return len(letters)
first = check("first.zip")
assert first > 0, "first.zip has no letter"
second = f"{today}.zip"
assert os.readlink(os.path.join(out, "last.zip")) == second, os.readlink(os.path.join(out, "last.zip"))
check(second)
assert not any(n.endswith(".tmp") for n in os.listdir(out)), os.listdir(out)
print(f"   last.zip -> {second}; no temporary file left")
PY

if $podman; then
  echo "== podman: an image FROM scratch with the same root, run read-only with no network"
  # The Dockerfile's runtime stage, with the root built here instead of in its build stage.
  sed -n '/^FROM scratch/,$p' Dockerfile | sed 's|^COPY --from=build /rootfs/ /$|COPY root/ /|' > "$work/Containerfile"
  grep -qx 'COPY root/ /' "$work/Containerfile" || { echo "container-test: Dockerfile's runtime stage not found" >&2; exit 1; }
  podman build -q -t localhost/dunning:container-test -f "$work/Containerfile" "$work" >/dev/null
  # This VM: crun refuses its hybrid cgroup layout and neither runtime may raise the
  # default rlimits, so runc (if installed) and limits within the current ones.
  runtime=()
  if command -v runc >/dev/null 2>&1; then runtime=(--runtime "$(command -v runc)"); fi
  mkdir "$work/pout" && chown 65532:65532 "$work/pout"
  set +e
  podman "${runtime[@]}" run --rm --read-only --read-only-tmpfs=false --unsetenv-all --network=none \
    --ulimit "nofile=$(ulimit -Sn):$(ulimit -Hn)" --ulimit nproc=4096:4096 \
    -v "$work/pout:/srv/collections/out" localhost/dunning:container-test \
    batch debtors.csv -o out/podman.zip
  code=$?
  set -e
  podman rmi -f localhost/dunning:container-test >/dev/null
  echo "   exit $code"
  [ "$code" = 0 ] || exit 1
  python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("   podman.zip:", len(z.namelist()), "entries, CRCs ok")' "$work/pout/podman.zip"
fi
echo "container-test: ok"
