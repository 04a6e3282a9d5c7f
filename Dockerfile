# syntax=docker/dockerfile:1
# The image for the scheduled job (README: "A scheduled job" and "Container image"): the
# binary, the shared libraries it links, and busybox for the CronJob's shell line (sh, mv, ln,
# date), on an empty base. Fonts are embedded in the binary; no time zone data: "today" is UTC.
# Build: docker build -t dunning .
# What can be tested without pulling a base image: ci/container-test.sh (README).

# The compiler the test suite runs with (Cargo.toml's rust-version, 1.92, is the minimum).
FROM docker.io/library/rust:1.95-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends busybox-static \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
 && ci/rootfs.sh /rootfs target/release/dunning \
 && mkdir -p /rootfs/usr/share/doc/dunning /rootfs/usr/share/doc/busybox-static \
 && cp LICENSE-MIT LICENSE-APACHE THIRD-PARTY-LICENSES.md fonts/LICENSE-OFL.txt /rootfs/usr/share/doc/dunning/ \
 && cp /usr/share/doc/busybox-static/copyright /rootfs/usr/share/doc/busybox-static/

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/usr/bin:/bin
# No /etc/passwd: a numeric user, as Kubernetes' runAsNonRoot requires.
USER 65532:65532
WORKDIR /srv/collections
ENTRYPOINT ["/usr/bin/dunning"]
LABEL org.opencontainers.image.title="dunning" \
      org.opencontainers.image.description="Turns a spreadsheet of debtors into print-ready collection letters" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
