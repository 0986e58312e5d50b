#!/bin/sh
# Install what gip needs to build, test and lint on Debian 12, and only
# what is missing.  Run as root (CI and the README's quick start do).
# libexpat1-dev, libzip-dev: gip-normalize reads DOCX; poppler-utils
# (pdftotext), antiword and catdoc: it converts PDF and old Word files;
# libxxhash-dev: xxhash.h, the hash of every table (used inline)
pkgs="gcc make libc6-dev pkg-config libpcre2-dev bats jq mandoc time python3 valgrind
    libexpat1-dev libzip-dev poppler-utils antiword catdoc libxxhash-dev"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "gip: missing packages:$missing (run 'make deps' as root)" >&2
	exit 2
fi
echo "gip: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $missing >&2
