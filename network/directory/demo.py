"""Demo data of the network's directory (seed_demo, after the pilot organisations): safe to
run twice. The pilots' public choices and digital themes, varied, written through the
directory's service as their admins would."""

from network.models import Organisation, Topic

from . import services

# Three or so of the diagnostic's dimensions per pilot, in the order of PILOTS.
THEMES = [
    ("tools", "data", "equipment"),
    ("communication", "skills"),
    ("security", "equipment", "tools"),
    ("data", "responsible"),
    ("communication", "tools", "skills"),
    ("strategy", "equipment"),
    ("skills", "communication"),
    ("security", "data", "strategy"),
    ("tools", "responsible"),
    ("communication", "skills", "strategy"),
    ("responsible", "equipment"),
    ("tools", "communication", "data"),
    ("strategy", "security"),
    ("skills", "tools", "communication"),
    ("communication", "data"),
]


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    from network.demo import PILOTS, enterprise_number  # network.demo calls this one

    topics = {topic.code: topic for topic in Topic.objects.all()}
    numbers = [enterprise_number(pilot[1]) for pilot in PILOTS]
    organisations = {
        o.enterprise_number: o for o in Organisation.objects.filter(enterprise_number__in=numbers)
    }
    for index, number in enumerate(numbers):
        organisation = organisations.get(number)
        if organisation is None:
            continue
        themes = [topics[code] for code in THEMES[index % len(THEMES)] if code in topics]
        services.public_profile_update(
            organisation=organisation,
            themes=themes,
            is_public=organisation.is_public,  # network's demo decided who is public
            public_social_purpose=index % 7 != 3,
            public_municipality=index % 4 != 1,
            public_website=index % 5 != 2,
            public_logo=True,
            accepts_contact=index % 3 != 1,
        )
    return []
