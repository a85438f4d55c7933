"""Demo data of the network's contact (seed_demo, after the pilot organisations and their
public choices): safe to run twice. One conversation between two pilot organisations,
answered (so both addresses show), written through the services."""

from ..models import ContactThread, Membership, Organisation
from . import services

SUBJECT = "Votre expérience de la caisse en ligne"
FIRST = (
    "Bonjour,\n\nNous avons lu que vous vendez en ligne depuis l'an dernier. "
    "Notre ressourcerie voudrait faire de même pour ses meubles rénovés. Accepteriez-vous "
    "de nous raconter comment vous avez choisi votre outil et formé l'équipe ?\n\n"
    "Merci d'avance !"
)
ANSWER = (
    "Bonjour,\n\nAvec plaisir ! Nous avons comparé trois solutions avant de choisir, et la "
    "formation a pris deux demi-journées. Le plus simple est d'en parler de vive voix : "
    "je vous propose un appel la semaine prochaine."
)


def _admin(organisation: Organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    from network.demo import PILOTS, enterprise_number  # network.demo calls this one

    sender_org = Organisation.objects.filter(name="Ressourcerie du Pays de Herve").first()
    # Another pilot that may be written to (the directory's demo chose who accepts contact).
    target = (
        Organisation.objects.public()
        .filter(
            accepts_contact=True,
            enterprise_number__in=[enterprise_number(pilot[1]) for pilot in PILOTS],
        )
        .exclude(pk=getattr(sender_org, "pk", None))
        .order_by("name")
        .first()
    )
    if sender_org is None or target is None:
        return []
    sender, answerer = _admin(sender_org), _admin(target)
    if sender is None or answerer is None:
        return []
    if ContactThread.objects.filter(sender=sender, subject=SUBJECT).exists():
        return []
    thread = services.contact_thread_create(
        sender=sender,
        from_organisation=sender_org,
        to_organisation=target,
        subject=SUBJECT,
        body=FIRST,
    )
    services.contact_reply(thread=thread, author=answerer, body=ANSWER)
    stdout.write("Contact: one answered conversation between two pilot organisations.\n")
    return []
