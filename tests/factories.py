"""Shared factory_boy factories."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from digitalees.models import User
from digitalees.roles import AGENCY_GROUP, COACH_GROUP, REVIEWER_GROUP
from network.models import CoachAssignment, Membership, Organisation
from network.text import fold


def enterprise_number(n: int) -> str:
    """A valid Belgian enterprise number (0 + 7 digits + mod-97 check) for any n."""
    body = 2_000_000 + n  # '0' + 7 digits; 0 and 1 prefixes are both valid
    check = 97 - body % 97
    return f"0{body:07d}{check:02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.be")
    first_name = factory.Faker("first_name", locale="fr_BE")
    last_name = factory.Faker("last_name", locale="fr_BE")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Verified e-mail address by default, so that the user can log in."""
        if create and extracted is not False:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


# Roles' groups come from a data migration; get_or_create because transactional tests (the
# browser journeys) empty the database after each test, groups included.
class CoachFactory(UserFactory):
    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=COACH_GROUP)[0])


class AgencyStaffFactory(UserFactory):
    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=AGENCY_GROUP)[0])


class ReviewerFactory(UserFactory):
    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"EES numéro {n}")
    slug = factory.Sequence(lambda n: f"ees-{n}")
    enterprise_number = factory.Sequence(enterprise_number)
    legal_form = Organisation.LegalForm.ASBL
    sector = Organisation.Sector.EDUCATION
    province = Organisation.Province.NAMUR
    postcode = "5000"
    municipality = "Namur"
    size_band = Organisation.SizeBand.SMALL
    social_purpose = "Former des jeunes aux métiers du numérique."
    # What network's services store (network.text.fold), so that the directory finds it.
    search_text = factory.LazyAttribute(
        lambda o: fold(" ".join((o.name, o.municipality, o.social_purpose)))
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class CoachAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachAssignment

    coach = factory.SubFactory(CoachFactory)
    organisation = factory.SubFactory(OrganisationFactory)
