"""Demo data of the network's experiences (seed_demo, after the pilot organisations): safe to run
twice. Eight published experiences of pilot organisations, two awaiting moderation and one
sent back with remarks, written through the services as members and the agency would."""

from digitalees.models import User
from network.models import Experience, Membership, Organisation, Topic

from . import services

PUBLISHED, PENDING, RETURNED = "published", "pending", "returned"

# (title, why, story, difficulties, tips, phases, tools, keywords, themes, outcome)
EXPERIENCES = [
    (
        "De la fiche papier au logiciel de caisse : notre ressourcerie en ligne",
        "Nos bénévoles passaient des heures à recopier les ventes. Le numérique nous a rendu "
        "ce temps pour l'accueil et la formation des personnes en insertion.",
        "<p>Tout a commencé par le <strong>diagnostic</strong> : nous pensions manquer "
        "d'outils, nous manquions surtout d'une méthode.</p><p>Nous avons choisi un "
        "logiciel de caisse libre, puis ouvert une petite boutique en ligne.</p>",
        ["Le temps pour se former", "La peur de perdre des données", "Un wifi faible"],
        ["Former par petits groupes", "Sauvegarder chaque semaine", "Commencer par un seul dépôt"],
        ["Le diagnostic", "Le choix des outils", "La formation de l'équipe"],
        ["Odoo", "Nextcloud", "Canva"],
        ["Patience", "Écoute", "Méthode"],
        ["tools", "skills"],
        PUBLISHED,
    ),
    (
        "Un agenda partagé pour nos maraîchers",
        "Les plannings de récolte circulaient par SMS et se perdaient. Digitaliser, c'était "
        "d'abord mieux nous coordonner pour mieux former.",
        "<p>Nous avons testé trois agendas avant d'en garder un. Le plus simple a gagné.</p>",
        ["Des horaires éclatés", "Des smartphones anciens", "Des habitudes bien ancrées"],
        ["Choisir un outil simple", "Désigner une personne de référence", "Fêter les progrès"],
        ["L'inventaire des besoins", "Le test de trois outils", "Le déploiement"],
        ["Nextcloud", "Signal", "Framaforms"],
        ["Simplicité", "Coopération", "Patience"],
        ["tools", "communication"],
        PUBLISHED,
    ),
    (
        "Sécuriser nos données sans service informatique",
        "Nous traitons des données sensibles de travailleurs. Un incident nous a convaincus "
        "que la sécurité n'est pas réservée aux grandes entreprises.",
        "<p>Après une tentative d'hameçonnage, nous avons revu nos mots de passe, activé la "
        "double authentification et formé toute l'équipe.</p>",
        ["Des mots de passe partagés", "Aucune sauvegarde testée", "Le coût perçu"],
        ["Un gestionnaire de mots de passe", "Tester la restauration", "Demander un audit"],
        ["L'état des lieux", "Les mesures urgentes", "La formation continue"],
        ["Bitwarden", "Nextcloud", "Microsoft 365"],
        ["Vigilance", "Formation", "Confiance"],
        ["security", "data"],
        PUBLISHED,
    ),
    (
        "Notre coopérative d'énergie parle enfin à ses membres",
        "Nos coopérateurs voulaient suivre les projets : une lettre d'information et un site "
        "clair ont changé notre relation avec eux.",
        "<p>Nous avons refait le site, lancé une lettre mensuelle et ouvert des "
        "<em>webinaires</em> pour les assemblées.</p>",
        ["Un site vieillissant", "Peu de temps pour écrire", "Des membres peu connectés"],
        ["Un calendrier éditorial", "Réutiliser les contenus", "Garder le papier pour certains"],
        ["Les objectifs de communication", "La refonte du site", "La lettre mensuelle"],
        ["WordPress", "Canva", "Brevo"],
        ["Régularité", "Transparence", "Écoute"],
        ["communication", "strategy"],
        PUBLISHED,
    ),
    (
        "Former nos travailleurs aux outils numériques de base",
        "Nos travailleurs en situation de handicap étaient exclus des démarches en ligne. "
        "Les former, c'est renforcer leur autonomie.",
        "<p>Des ateliers courts, deux fois par semaine, avec des tablettes prêtées.</p>",
        ["Des niveaux très différents", "La peur de mal faire", "Le matériel insuffisant"],
        ["Des ateliers courts", "Le binôme entre collègues", "Des supports illustrés"],
        ["L'évaluation des compétences", "Les ateliers", "Le suivi individuel"],
        ["Canva", "Google Workspace", "Moodle"],
        ["Bienveillance", "Patience", "Autonomie"],
        ["skills", "responsible"],
        PUBLISHED,
    ),
    (
        "Un tableau de bord pour piloter notre crèche",
        "Nous décidions à l'intuition. Des chiffres simples, mis à jour chaque mois, nous "
        "aident à défendre nos projets auprès des pouvoirs subsidiants.",
        "<p>Un tableur bien pensé a suffi avant d'envisager un outil plus lourd.</p>",
        ["Des données éparpillées", "Des définitions floues", "La crainte du contrôle"],
        ["Définir cinq indicateurs", "Automatiser la collecte", "Partager les résultats"],
        ["Le choix des indicateurs", "La collecte", "La lecture en équipe"],
        ["LibreOffice", "Odoo", "Metabase"],
        ["Clarté", "Méthode", "Partage"],
        ["data", "strategy"],
        PUBLISHED,
    ),
    (
        "Moins de papier, plus de temps pour nos locataires",
        "Notre agence immobilière sociale croulait sous les dossiers papier. Numériser nous "
        "a permis de répondre plus vite aux locataires.",
        "<ul><li>Numérisation des dossiers</li><li>Signature électronique</li>"
        "<li>Un espace locataire</li></ul>",
        ["Des archives énormes", "Le respect du RGPD", "La résistance au changement"],
        ["Numériser au fil de l'eau", "Consulter un juriste", "Impliquer l'équipe dès le début"],
        ["Le plan de classement", "La numérisation", "L'espace locataire"],
        ["Nextcloud", "Odoo", "Yousign"],
        ["Persévérance", "Confiance", "Méthode"],
        ["data", "tools"],
        PUBLISHED,
    ),
    (
        "Un numérique plus responsable dans notre entreprise de travail adapté",
        "Nous voulions réduire notre empreinte : prolonger la vie du matériel fait partie de "
        "notre mission sociale autant qu'environnementale.",
        "<p>Nous avons reconditionné nos ordinateurs avec une ressourcerie partenaire.</p>",
        ["Un parc informatique ancien", "Des logiciels gourmands", "Le manque de repères"],
        ["Reconditionner plutôt que racheter", "Choisir des logiciels libres", "Mesurer"],
        ["L'inventaire du matériel", "Le reconditionnement", "Les bonnes pratiques"],
        ["Linux Mint", "Nextcloud", "LibreOffice"],
        ["Sobriété", "Coopération", "Patience"],
        ["responsible", "equipment"],
        PUBLISHED,
    ),
    (
        "La vente en ligne de nos paniers bio",
        "Nos clients commandaient par téléphone aux heures de bureau. Une boutique en ligne "
        "nous ouvre à de nouveaux publics.",
        "<p>Nous venons d'ouvrir la boutique, les premiers retours sont encourageants.</p>",
        ["La logistique des livraisons", "Les frais de paiement", "Mettre les stocks à jour"],
        ["Commencer petit", "Un seul point de retrait", "Des photos soignées"],
        ["Le choix de la plateforme", "Le catalogue", "Le lancement"],
        ["WooCommerce", "Canva", "Odoo"],
        ["Ténacité", "Écoute", "Simplicité"],
        ["tools", "communication"],
        PENDING,
    ),
    (
        "Nos bénévoles s'inscrivent en ligne",
        "Coordonner quatre-vingts bénévoles par téléphone épuisait l'équipe.",
        "<p>Un formulaire et un agenda partagé ont remplacé les appels.</p>",
        ["Des bénévoles âgés", "Des changements de dernière minute", "Les doublons"],
        ["Garder une permanence téléphonique", "Des rappels automatiques", "Un référent"],
        ["Le recensement des besoins", "Le formulaire", "Le suivi"],
        ["Framaforms", "Nextcloud", "Signal"],
        ["Accompagnement", "Patience", "Confiance"],
        ["tools", "skills"],
        PENDING,
    ),
    (
        "Le télétravail dans notre service d'aide à domicile",
        "Pour garder nos coordinatrices, nous devions leur permettre de travailler à distance.",
        "<p>Nous avons équipé l'équipe et revu nos procédures.</p>",
        ["L'équipement à domicile", "La confidentialité", "La cohésion d'équipe"],
        ["Une charte du télétravail", "Un VPN", "Des réunions régulières"],
        ["La charte", "L'équipement", "Le bilan"],
        ["Microsoft 365", "Bitwarden", "Jitsi"],
        ["Confiance", "Organisation", "Écoute"],
        ["equipment", "security"],
        RETURNED,
    ),
]

RETURN_REMARKS = (
    "Merci pour ce retour ! Pourriez-vous préciser comment vous avez protégé les données "
    "des bénéficiaires en télétravail, et développer un peu le récit ?"
)


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    # The pilot organisations: those with a member of the demo's domain.
    organisations = list(
        Organisation.objects.filter(memberships__user__email__endswith="@digitalees.test")
        .distinct()
        .order_by("created_at", "pk")
    )
    agency = User.objects.filter(email="agence@digitalees.test").first()
    if not organisations or agency is None:
        return []
    created = 0
    for index, data in enumerate(EXPERIENCES):
        title, why, story, difficulties, tips, phases, tools, keywords, themes, outcome = data
        organisation = organisations[index % len(organisations)]
        if Experience.objects.filter(organisation=organisation, title=title).exists():
            continue
        admin = (
            Membership.objects.filter(organisation=organisation)
            .order_by("role", "created_at")  # "admin" first
            .select_related("user")
            .first()
        )
        author = admin.user if admin else None
        experience = services.experience_create(
            organisation=organisation,
            author=author,
            title=title,
            why=why,
            story=story,
            items={
                "difficulty": difficulties,
                "tip": tips,
                "phase": phases,
                "tool": tools,
                "keyword": keywords,
            },
            topics=list(Topic.objects.filter(code__in=themes)),
        )
        experience = services.experience_submit(experience=experience, by=author)
        if outcome == PUBLISHED:
            services.experience_publish(experience=experience, by=agency)
        elif outcome == RETURNED:
            services.experience_return(experience=experience, by=agency, remarks=RETURN_REMARKS)
        created += 1
    if created:
        stdout.write(f"Experiences: {created} written (published, pending and sent back).\n")
    return []
