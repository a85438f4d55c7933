"""Check the questionnaire content (v1.json) and the starter resource library (resources.json).

Run from the project root:  python diagnostic/questionnaire/check.py [path/to/vN.json]
Pure standard library. Prints a summary and exits with code 1 if any rule is broken.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

DIMENSIONS = [
    ("strategy", "digital_business_strategy"),
    ("equipment", "digital_readiness"),
    ("skills", "human_centric_digitalisation"),
    ("data", "data_management"),
    ("security", "data_management"),
    ("tools", "automation_ai"),
    ("communication", "digital_readiness"),
    ("responsible", "green_digitalisation"),
]
DMA_VALUES = {
    "digital_business_strategy",
    "digital_readiness",
    "human_centric_digitalisation",
    "data_management",
    "automation_ai",
    "green_digitalisation",
}
TYPES = ("scale", "checklist", "yesno", "context")
SCORED = {"scale", "checklist", "yesno"}
SLUG = re.compile(r"^[a-z0-9_]+$")
DIM_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
RESOURCE_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {"guide", "tool", "training", "template", "video"}
# Column sizes of diagnostic.models (Question.code 80, Choice.code 40, Choice.label 300,
# Dimension.code 40, titles 200).
MAX_QUESTION_CODE, MAX_CHOICE_CODE, MAX_LABEL, MAX_TITLE = 80, 40, 300, 200

errors: list[str] = []


def error(where: str, message: str) -> None:
    errors.append(f"{where}: {message}")


def check_text(where: str, value, max_len: int | None = None) -> None:
    """A bilingual text: {"fr": ..., "en": ...}, both non-empty, no outer spaces."""
    if not isinstance(value, dict):
        error(where, "must be an object with 'fr' and 'en'")
        return
    extra = set(value) - {"fr", "en"}
    if extra:
        error(where, f"unexpected languages {sorted(extra)}")
    for lang in ("fr", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            error(where, f"'{lang}' missing or empty")
            continue
        if text != text.strip():
            error(where, f"'{lang}' has leading or trailing spaces")
        if "  " in text:
            error(where, f"'{lang}' has a double space")
        if max_len and len(text) > max_len:
            error(where, f"'{lang}' longer than {max_len} characters")
        if lang == "fr":
            FR_TEXTS.append((where, text))


FR_TEXTS: list[tuple[str, str]] = []


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def check_french_typography() -> None:
    """Apostrophes consistent (all straight or all typographic); a non-breaking space
    before high punctuation, used the same way everywhere."""
    straight = sum(text.count("'") for _, text in FR_TEXTS)
    curly = sum(text.count("\u2019") for _, text in FR_TEXTS)
    if straight and curly:
        error("French texts", f"mixes straight ({straight}) and typographic ({curly}) apostrophes")
    for where, text in FR_TEXTS:
        if re.search(r"\w[?!;]", text) or re.search(r"\w:(\s|$)", text):
            error(where, "French: missing space before ? ! ; or :")
        if re.search(r" [?!;:»]", text) or "« " in text:
            error(where, "French: use a non-breaking space around ? ! ; : « »")


def check_choices(where: str, qtype: str, choices) -> None:
    if not isinstance(choices, list) or not choices:
        error(where, "choices must be a non-empty list")
        return
    codes = [c.get("code") for c in choices]
    if len(codes) != len(set(codes)):
        error(where, "duplicate choice codes")
    for i, c in enumerate(choices):
        cw = f"{where}.choices[{i}]"
        code = c.get("code")
        if not isinstance(code, str) or not SLUG.match(code) or len(code) > MAX_CHOICE_CODE:
            error(cw, f"invalid choice code {code!r}")
        check_text(f"{cw}.label", c.get("label"), MAX_LABEL)
        if qtype != "checklist" and ("weight" in c or "exclusive" in c):
            error(cw, "'weight' and 'exclusive' are only for checklist choices")
    if qtype == "scale":
        if codes != ["0", "1", "2", "3", "4"]:
            error(where, f"scale needs exactly the codes 0-4 in order, got {codes}")
        labels = [c.get("label", {}).get("fr") for c in choices]
        if len(set(labels)) != len(labels):
            error(where, "scale levels must be different")
    elif qtype == "yesno":
        if codes != ["yes", "partly", "no"]:
            error(where, f"yesno needs exactly yes, partly, no, got {codes}")
        expected = [("Oui", "Yes"), ("En partie", "Partly"), ("Non", "No")]
        got = [(c.get("label", {}).get("fr"), c.get("label", {}).get("en")) for c in choices]
        if got != expected:
            error(where, f"yesno labels must be {expected}")
    elif qtype == "checklist":
        if not 4 <= len(choices) <= 8:
            error(where, f"checklist needs 4 to 8 choices, got {len(choices)}")
        exclusive = [c for c in choices if c.get("exclusive")]
        if len(exclusive) > 1:
            error(where, "at most one exclusive choice")
        for c in exclusive:
            if c.get("weight") != 0:
                error(where, f"exclusive choice {c.get('code')!r} must have weight 0")
        for c in choices:
            if not c.get("exclusive") and c.get("weight") not in (1, 2):
                error(where, f"choice {c.get('code')!r}: weight must be 1 or 2")
            if "exclusive" in c and not isinstance(c["exclusive"], bool):
                error(where, f"choice {c.get('code')!r}: exclusive must be true or false")
        if len([c for c in choices if not c.get("exclusive")]) < 3:
            error(where, "checklist needs at least 3 scored practices")
    elif qtype == "context" and not 2 <= len(choices) <= 6:
        error(where, f"context needs 2 to 6 choices, got {len(choices)}")


def check_questionnaire(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        error(str(path), f"cannot load: {exc}")
        return {}
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        error("version", "must be a positive integer")
    check_text("title", data.get("title"), MAX_TITLE)
    check_text("intro", data.get("intro"))

    dims = data.get("dimensions") or []
    got = [(d.get("code"), d.get("dma")) for d in dims]
    if got != DIMENSIONS:
        error("dimensions", f"expected {DIMENSIONS}, got {got}")

    seen_questions: dict[str, dict] = {}  # code -> question, in order
    all_codes: set[str] = set()
    type_counts: Counter = Counter()
    per_dim: dict[str, Counter] = {}
    conditional = 0
    total = 0

    for d in dims:
        dcode = d.get("code", "?")
        where = f"dimension {dcode}"
        if not isinstance(dcode, str) or not DIM_CODE.match(dcode) or len(dcode) > 40:
            error(where, "code must be a lowercase slug")
        if dcode in all_codes:
            error(where, "duplicate dimension code")
        all_codes.add(dcode)
        if d.get("dma") is not None and d.get("dma") not in DMA_VALUES:
            error(where, f"unknown dma {d.get('dma')!r}")
        check_text(f"{where}.title", d.get("title"), MAX_TITLE)
        check_text(f"{where}.description", d.get("description"))
        for lang in ("fr", "en"):
            n = sentences(d.get("description", {}).get(lang, ""))
            if not 1 <= n <= 2:
                error(f"{where}.description", f"'{lang}' should be 1-2 sentences, has {n}")

        recs = d.get("recommendations") or []
        if [r.get("below") for r in recs] != [40, 70]:
            error(where, "needs exactly 2 recommendations: below 40, then below 70")
        for i, r in enumerate(recs):
            check_text(f"{where}.recommendations[{i}]", r.get("text"))
            for lang in ("fr", "en"):
                n = sentences(r.get("text", {}).get(lang, ""))
                if not 2 <= n <= 4:
                    error(
                        f"{where}.recommendations[{i}]",
                        f"'{lang}' should be 2-3 sentences, has {n}",
                    )

        questions = d.get("questions") or []
        counts = per_dim.setdefault(dcode, Counter())
        for q in questions:
            total += 1
            qcode = q.get("code", "?")
            qw = f"question {qcode}"
            m = re.match(r"^([a-z][a-z0-9_]*)\.([a-z0-9_]+)$", qcode or "")
            if not m or m.group(1) != dcode or len(qcode) > MAX_QUESTION_CODE:
                error(qw, f"code must be '{dcode}.<slug>' (lowercase letters, digits, _)")
            if qcode in all_codes:
                error(qw, "duplicate code")
            all_codes.add(qcode)
            qtype = q.get("type")
            if qtype not in TYPES:
                error(qw, f"unknown type {qtype!r}")
            type_counts[qtype] += 1
            counts[qtype] += 1
            check_text(f"{qw}.text", q.get("text"))
            check_text(f"{qw}.help", q.get("help"))
            check_choices(qw, qtype, q.get("choices"))

            show_if = q.get("show_if")
            if show_if is not None:
                conditional += 1
                counts["conditional"] += 1
                target = seen_questions.get(show_if.get("question"))
                if target is None:
                    error(
                        qw,
                        f"show_if refers to {show_if.get('question')!r}, not an earlier question",
                    )
                else:
                    if target.get("type") == "checklist":
                        error(qw, "show_if must refer to a single-choice question")
                    valid = {c.get("code") for c in target.get("choices", [])}
                    values = show_if.get("in")
                    if not isinstance(values, list) or not values:
                        error(qw, "show_if.in must be a non-empty list")
                    elif not set(values) <= valid:
                        error(qw, f"show_if.in {values} not among {sorted(valid)}")
                if set(show_if) != {"question", "in"}:
                    error(qw, "show_if has exactly the keys 'question' and 'in'")
            elif qtype in SCORED:
                counts["unconditional_scored"] += 1
            seen_questions[qcode] = q

        n = len(questions)
        scored = sum(counts[t] for t in SCORED)
        if not 4 <= n <= 6:
            error(where, f"needs 4 to 6 questions, has {n}")
        if scored < 3:
            error(where, f"needs at least 3 scored questions, has {scored}")
        if counts["unconditional_scored"] < 3:
            error(where, "needs at least 3 scored questions that are always shown")

    if not 36 <= total <= 42:
        error("questions", f"36 to 42 questions needed, got {total}")
    for qtype, minimum in (("scale", 18), ("checklist", 5), ("yesno", 5)):
        if type_counts[qtype] < minimum:
            error("questions", f"at least {minimum} {qtype} questions, got {type_counts[qtype]}")
    if not 3 <= type_counts["context"] <= 5:
        error("questions", f"3 to 5 context questions, got {type_counts['context']}")

    # The website question and what hangs on it.
    website = seen_questions.get("communication.website")
    if website is None or website.get("type") not in ("context", "yesno"):
        error("communication.website", "must exist as a context or yesno question")
    else:
        codes = {c.get("code") for c in website.get("choices", [])}
        if not {"yes", "no"} <= codes:
            error("communication.website", "choices must include 'yes' and 'no'")
    on_website = [
        q
        for q in seen_questions.values()
        if q.get("code", "").startswith("communication.")
        and q.get("show_if") == {"question": "communication.website", "in": ["yes"]}
    ]
    if len(on_website) < 2:
        error(
            "communication",
            "at least 2 questions must be shown only if communication.website is 'yes'",
        )
    others = [
        q
        for q in seen_questions.values()
        if q.get("show_if") and q["show_if"].get("question") != "communication.website"
    ]
    if not others:
        error("show_if", "at least one conditional question besides the website ones")

    return {
        "total": total,
        "types": type_counts,
        "per_dim": per_dim,
        "conditional": conditional,
        "dims": dims,
    }


def check_resources(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        error(str(path), f"cannot load: {exc}")
        return {}
    if not isinstance(data, list):
        error("resources", "must be a list")
        return {}
    if not 24 <= len(data) <= 32:
        error("resources", f"24 to 32 resources needed, got {len(data)}")
    dim_codes = {code for code, _ in DIMENSIONS}
    by_dim: Counter = Counter()
    kinds: Counter = Counter()
    slugs: set[str] = set()
    external = 0
    for i, r in enumerate(data):
        slug = r.get("slug")
        where = f"resource {slug or i}"
        if not isinstance(slug, str) or not RESOURCE_SLUG.match(slug):
            error(where, "slug must be lowercase words joined by '-'")
        if slug in slugs:
            error(where, "duplicate slug")
        slugs.add(slug)
        check_text(f"{where}.title", r.get("title"), MAX_TITLE)
        check_text(f"{where}.summary", r.get("summary"))
        url = r.get("url", "missing")
        if url is not None:
            if not isinstance(url, str) or not re.match(
                r"^https://[a-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9/_-]*)?$", url
            ):
                error(where, f"url must be an https address or null, got {url!r}")
            else:
                external += 1
        if r.get("kind") not in KINDS:
            error(where, f"kind must be one of {sorted(KINDS)}")
        kinds[r.get("kind")] += 1
        if r.get("language") not in ("fr", "en"):
            error(where, "language must be 'fr' or 'en'")
        dims = r.get("dimensions")
        if (
            not isinstance(dims, list)
            or not dims
            or not set(dims) <= dim_codes
            or len(set(dims)) != len(dims)
        ):
            error(
                where,
                f"dimensions must be a non-empty list of distinct dimension codes, got {dims}",
            )
        else:
            by_dim.update(dims)
        # The platform's own guides and templates (no address elsewhere) open their page:
        # its content in both languages.
        if r.get("body") is not None or url is None:
            check_text(f"{where}.body", r.get("body"))
        extra = set(r) - {
            "slug",
            "title",
            "summary",
            "url",
            "kind",
            "dimensions",
            "language",
            "body",
        }
        if extra:
            error(where, f"unexpected keys {sorted(extra)}")
    for code in dim_codes:
        if by_dim[code] < 3:
            error("resources", f"dimension {code} needs at least 3 resources, has {by_dim[code]}")
    return {"total": len(data), "by_dim": by_dim, "kinds": kinds, "external": external}


def main(argv: list[str]) -> int:
    qpath = Path(argv[1]) if len(argv) > 1 else HERE / "v1.json"
    rpath = HERE / "resources.json"
    q = check_questionnaire(qpath)
    r = check_resources(rpath)
    check_french_typography()

    if q:
        print(
            f"{qpath.name}: {q['total']} questions, {len(q['dims'])} dimensions, "
            f"{q['conditional']} conditional"
        )
        print("  types: " + ", ".join(f"{t} {q['types'][t]}" for t in TYPES))
        header = (
            f"  {'dimension':<14} {'dma':<29} {'n':>2} "
            + " ".join(f"{t:>9}" for t in TYPES)
            + "  cond"
        )
        print(header)
        for d in q["dims"]:
            c = q["per_dim"].get(d.get("code"), Counter())
            n = sum(c[t] for t in TYPES)
            print(
                f"  {d.get('code', '?'):<14} {str(d.get('dma')):<29} {n:>2} "
                + " ".join(f"{c[t]:>9}" for t in TYPES)
                + f"  {c['conditional']:>4}"
            )
    if r:
        print(
            f"{rpath.name}: {r['total']} resources ({r['external']} with a url, "
            f"{r['total'] - r['external']} internal guides)"
        )
        print("  kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(r["kinds"].items(), key=str)))
        print(
            "  per dimension: " + ", ".join(f"{code} {r['by_dim'][code]}" for code, _ in DIMENSIONS)
        )

    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print("\nOK: all rules pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
