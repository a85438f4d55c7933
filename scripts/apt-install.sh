#!/usr/bin/env bash
# Install Debian packages for a set-up step: `apt-install.sh NAME PACKAGE...` (NAME prefixes
# its messages). Runs as root (containers, CI) or, failing that, through sudo; says what to
# do where apt-get is not available. The ensure-*.sh scripts call it for what is missing.
set -euo pipefail

name=$1
shift

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$name: missing $*, and apt-get is not available." >&2
    echo "$name: install them with your system's package manager." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "$name: installing $* needs root, and sudo is not available." >&2
    exit 1
fi

echo "$name: installing $* with apt-get."
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
echo "$name: installed $*."
