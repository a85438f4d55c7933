"""How fictional respondents answer: a profile per organisation (its maturity, its leaning
per dimension, its random draws), and the answers that a profile gives."""

import random
from dataclasses import dataclass, field

from diagnostic import scoring
from diagnostic.selectors import Structure

# Bigger organisations score a bit higher (more staff, more often an IT person).
SIZE_BOOST = {
    "0": -0.08,
    "1-4": -0.05,
    "5-9": -0.02,
    "10-19": 0.0,
    "20-49": 0.03,
    "50-99": 0.06,
    "100-249": 0.09,
    "250+": 0.12,
}


@dataclass
class Profile:
    """How one organisation answers: its maturity (0–1, the share of good practices), how it
    leans per dimension, and the random draws behind each answer. Answering twice with the
    same draws and a higher maturity gives answers at least as good, question by question."""

    maturity: float
    leaning: dict[str, float] = field(default_factory=dict)  # dimension code -> offset
    draws: dict[str, list[float]] = field(default_factory=dict)  # question code -> [0, 1)
    facts: dict[str, str] = field(default_factory=dict)  # context question -> choice code


# Context answers by size band: how many computers.
COMPUTERS = {
    "0": ["none", "up_to_5"],
    "1-4": ["up_to_5"],
    "5-9": ["up_to_5", "6_to_20"],
    "10-19": ["6_to_20"],
    "20-49": ["6_to_20", "21_to_50"],
    "50-99": ["21_to_50", "over_50"],
    "100-249": ["over_50"],
    "250+": ["over_50"],
}
SENSITIVE_SECTORS = {"social_health", "integration", "finance", "housing", "education"}


def profile_for(
    structure: Structure, rng: random.Random, *, size_band: str, sector: str
) -> Profile:
    maturity = 0.42 + SIZE_BOOST.get(size_band, 0.0) + rng.gauss(0, 0.17)
    profile = Profile(maturity=min(0.95, max(0.03, maturity)))
    profile.leaning = {d.code: rng.gauss(0, 0.1) for d in structure.dimensions}
    for question in structure.questions:
        profile.draws[question.code] = [
            rng.random() for _ in range(2 + len(structure.choices_of[question.id]))
        ]
    sensitive = rng.random() < (0.7 if sector in SENSITIVE_SECTORS else 0.3)
    website = rng.random() < 0.45 + 0.5 * profile.maturity
    profile.facts = {
        "equipment.computers": rng.choice(COMPUTERS.get(size_band, ["up_to_5"])),
        "skills.computer_share": rng.choice(
            [
                "almost_none",
                "under_quarter",
                "quarter_to_half",
                "half_to_three_quarters",
                "over_three_quarters",
            ]
        ),
        "data.sensitive": "yes" if sensitive else rng.choice(["no", "no", "unsure"]),
        "communication.website": "yes" if website else rng.choice(["no", "in_progress"]),
    }
    return profile


def answers_for(
    structure: Structure, profile: Profile, *, progress: float = 0.0
) -> dict[int, list[int]]:
    """{question id: [choice ids]} of a respondent with `profile`, `progress` (0–1) higher
    than its usual maturity. Every shown question is answered but a few (never the first of
    a dimension), as people do."""
    answers: dict[int, list[int]] = {}
    first_of = {qs[0].id for qs in structure.questions_of.values() if qs}
    by_id = {q.id: q for q in structure.questions}
    for question in structure.questions:
        parent = question.show_if_question_id
        if parent is not None:
            parent_codes = {structure.choices[c].code for c in answers.get(parent, [])}
            if parent not in by_id or not parent_codes & set(question.show_if_choices):
                continue
        choices = [structure.choices[c] for c in structure.choices_of[question.id]]
        if not choices:
            continue
        skip, spread, *items = profile.draws[question.code]
        if question.type == scoring.CONTEXT:
            code = profile.facts.get(question.code)
            chosen = next((c for c in choices if c.code == code), None)
            answers[question.id] = [(chosen or choices[int(spread * len(choices))]).id]
            continue
        if skip < 0.03 and question.id not in first_of:
            continue
        dimension = structure.dimension_of[question.code]
        p = profile.maturity + profile.leaning.get(dimension, 0.0) + progress
        p = min(1.0, max(0.0, p + (spread - 0.5) * 0.5))
        if question.type == scoring.CHECKLIST:
            plain = [c for c in choices if not c.exclusive]
            picked = [c.id for c, draw in zip(plain, items, strict=False) if draw < p]
            exclusive = [c.id for c in choices if c.exclusive]
            answers[question.id] = picked or exclusive[:1] or [plain[0].id]
        else:
            ordered = sorted(choices, key=lambda c: c.value)
            rank = min(len(ordered) - 1, int(p * len(ordered)))
            answers[question.id] = [ordered[rank].id]
    return answers


def pilot_profile(structure: Structure, organisation, *, seed: int, rng=None) -> Profile:
    """A pilot's profile, drawn from its own seed: the same on every run."""
    body = organisation.enterprise_number[:-2]
    rng = rng or random.Random(f"{seed}-{body}")
    profile = profile_for(
        structure, rng, size_band=organisation.size_band, sector=organisation.sector
    )
    profile.maturity = min(profile.maturity, 0.7)  # room to progress
    return profile
