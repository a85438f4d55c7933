"""The French translation is complete: every string the code and templates mark for translation
has a French text that is not fuzzy. `make messages` is run on a copy of the catalogue, so the
test sees the strings as they are in the code now, not as the catalogue last recorded them."""

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
# Not part of the application: what `make messages` leaves out.
SKIPPED = {
    ".git",
    ".venv",
    "locale",
    "locale_overrides",
    "var",
    "staticfiles",
    "node_modules",
    "tests",
    ".ci",
}


def _extract(tmp_path, monkeypatch, settings) -> Path:
    # makemessages writes to the catalogue beside the files it reads: it runs in a folder of
    # links to the sources with a copy of the catalogue, so the project's own stays untouched.
    for source in ROOT.iterdir():
        if source.is_dir() and source.name not in SKIPPED:
            (tmp_path / source.name).symlink_to(source, target_is_directory=True)
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command(
        "makemessages",
        locale=["fr"],
        no_obsolete=True,
        symlinks=True,
        ignore_patterns=["node_modules", "staticfiles"],
        verbosity=0,
    )
    return tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def _entries(po: Path, flag: str) -> list[str]:
    """The entries of `po` that msgattrib selects with `flag`, each as its text."""
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-location", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    # msgattrib prints the header entry (msgid "") whenever anything else matched.
    blocks = [block.strip() for block in result.stdout.split("\n\n") if block.strip()]
    return [block for block in blocks if "Project-Id-Version" not in block]


def test_every_string_has_a_french_translation(tmp_path, monkeypatch, settings):
    po = _extract(tmp_path, monkeypatch, settings)
    missing = _entries(po, "--untranslated")
    assert not missing, "Without a French text:\n\n" + "\n\n".join(missing)


def test_no_french_translation_is_fuzzy(tmp_path, monkeypatch, settings):
    po = _extract(tmp_path, monkeypatch, settings)
    fuzzy = _entries(po, "--only-fuzzy")
    assert not fuzzy, "Fuzzy (check, then remove the flag):\n\n" + "\n\n".join(fuzzy)
