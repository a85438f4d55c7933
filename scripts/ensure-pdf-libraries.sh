#!/usr/bin/env bash
# Make sure the system libraries WeasyPrint renders PDF reports with are installed: Pango, and
# HarfBuzz's subset library, without which WeasyPrint falls back to subsetting fonts with
# fontTools, much slower (a report in 0.7 s instead of 0.4 s on the bench machine). The
# Dockerfile installs the same packages. Safe to run again: it does nothing when they are
# there (scripts/apt-install.sh installs what is missing).
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

bash "$(dirname "$0")/apt-install.sh" ensure-pdf-libraries "${missing[@]}"
