#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser journeys (tests/e2e).
#
# The journeys drive /usr/bin/chromium through Playwright (executable_path); Playwright's own
# browser download (`playwright install`) is not used. Safe to run again: it does nothing when
# Chromium is already there (scripts/apt-install.sh installs it otherwise).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do."
    exit 0
fi

echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package."
bash "$(dirname "$0")/apt-install.sh" ensure-chromium chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")."
