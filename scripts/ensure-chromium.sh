#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser journeys (tests/e2e).
#
# The journeys drive /usr/bin/chromium through Playwright (executable_path); Playwright's own
# browser download (`playwright install`) is not used. Safe to run again: it does nothing when
# Chromium is already there. Runs as root (containers, CI) or, failing that, through sudo.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available." >&2
    echo "ensure-chromium: install Chromium with your system's package manager so that it is at $CHROMIUM," >&2
    echo "ensure-chromium: or point CHROMIUM_PATH at an existing Chromium binary." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "ensure-chromium: installing Chromium needs root, and sudo is not available." >&2
    exit 1
fi

echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package with apt-get."
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")."
