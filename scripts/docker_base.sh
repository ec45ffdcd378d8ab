#!/usr/bin/env bash
# The image's base, from the Debian mirror instead of a registry: debootstrap a minimal bookworm root
# filesystem with Python 3.11, venv and libgomp1, check it in a chroot, then `docker import` it.
#
#   scripts/docker_base.sh                    # -> image tactful-base:bookworm (needs root and a docker engine)
#   scripts/docker_base.sh --rootfs-only DIR  # stop before the import: leave the checked root filesystem in DIR
#
# MIRROR (default http://deb.debian.org/debian), SUITE (bookworm: its python3 is 3.11, as the lock's
# wheels need), BASE_IMAGE (default tactful-base:$SUITE). EXTRA_CA_DIR: a folder of *.crt to trust as well
# (a TLS-intercepting proxy's CA, e.g. /usr/local/share/ca-certificates), so that pip in `docker build` can
# reach PyPI through it. debootstrap is installed with apt-get if absent.
set -euo pipefail

SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
TAG=${BASE_IMAGE:-tactful-base:$SUITE}
KEEP=""
case "${1:-}" in
  --rootfs-only) KEEP=${2:?usage: $0 --rootfs-only DIR} ;;
  "") ;;
  *) echo "usage: $0 [--rootfs-only DIR]" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then echo "debootstrap needs root" >&2; exit 2; fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  ROOTFS=$(cd "$KEEP" && pwd)
else
  ROOTFS=$(mktemp -d /tmp/tactful-rootfs.XXXXXX)
  trap 'rm -rf "$ROOTFS"' EXIT
fi

# minbase: essential packages and apt only; then what the image needs (passwd for useradd is essential)
debootstrap --variant=minbase --include=python3,python3-venv,libgomp1,ca-certificates \
  "$SUITE" "$ROOTFS" "$MIRROR"
if [ -n "${EXTRA_CA_DIR:-}" ]; then
  cp "$EXTRA_CA_DIR"/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
  chroot "$ROOTFS" update-ca-certificates
fi
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/log/*.log

# What the Dockerfile's RUN steps rely on, checked in the root filesystem itself
chroot "$ROOTFS" python3 -c 'import sys, ensurepip, venv; assert sys.version_info[:2] == (3, 11), sys.version'
chroot "$ROOTFS" sh -c 'ldconfig -p | grep -q "libgomp\.so\.1" && command -v useradd >/dev/null && command -v seq >/dev/null'
chroot "$ROOTFS" python3 -m venv /tmp/venv-check
rm -rf "$ROOTFS/tmp/venv-check"
echo "root filesystem: $ROOTFS ($(du -sh "$ROOTFS" | cut -f1)), $(chroot "$ROOTFS" python3 --version)"

if [ -n "$KEEP" ]; then exit 0; fi
tar --numeric-owner -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$TAG"
echo "base image: $TAG"
