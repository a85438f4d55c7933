#!/usr/bin/env bash
# Make sure the system libraries WeasyPrint renders PDF reports with are installed: Pango, and
# HarfBuzz's subset library, without which WeasyPrint falls back to subsetting fonts with
# fontTools, much slower (a report in 0.7 s instead of 0.4 s on the bench machine). The
# Dockerfile installs the same packages. Safe to run again: it does nothing when they are
# there. Runs as root (containers, CI) or, failing that, through sudo.
set -euo pipefail

# shared library (as ldconfig names it) -> Debian package
declare -A PACKAGES=(
    [libpango-1.0.so.0]=libpango-1.0-0
    [libpangoft2-1.0.so.0]=libpangoft2-1.0-0
    [libharfbuzz-subset.so.0]=libharfbuzz-subset0
)

missing=()
for library in "${!PACKAGES[@]}"; do
    if ! /sbin/ldconfig -p 2>/dev/null | grep -q "^[[:space:]]*$library "; then
        missing+=("${PACKAGES[$library]}")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "ensure-pdf-libraries: Pango and HarfBuzz's subset library are installed; nothing to do."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-pdf-libraries: missing ${missing[*]}, and apt-get is not available." >&2
    echo "ensure-pdf-libraries: install them with your system's package manager." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "ensure-pdf-libraries: installing ${missing[*]} needs root, and sudo is not available." >&2
    exit 1
fi

echo "ensure-pdf-libraries: installing ${missing[*]} with apt-get."
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "ensure-pdf-libraries: installed ${missing[*]}."
