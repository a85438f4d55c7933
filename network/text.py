"""Text folded for search and counting: lower case, no accents, single spaces.

Searches compare folded text with folded text, so that "Numérique", "numerique" and
"NUMÉRIQUE" are one word on PostgreSQL and on SQLite alike; the most cited tools and
keywords are counted by their folded form, so that "Canva" and "canva " are one tool."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()
