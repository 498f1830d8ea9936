"""French."""

from artparse.languages.language import Language, PageWords, Relative

LANGUAGE = Language(
    code="fr",
    page=PageWords(
        copyright=("tous droits réservés",),
        joined=("inscrit le", "membre depuis", "inscription"),
        related=(
            *("sur le même sujet", "à lire aussi", "a lire aussi", "lire aussi", "les plus lus"),
            *("articles récents", "articles similaires", "dans la même rubrique", "voir aussi"),
        ),
        comments=("réagir", "vos réactions"),
    ),
    labels={
        "author": ("par", "écrit par", "publié par", "rédigé par", "auteur", "auteure", "autrice", "auteurs"),
        "published": (
            *("publié le", "publié", "publiée le", "mis en ligne le", "mis en ligne", "paru le"),
            *("date de publication", "date:", "créé le"),
        ),
        "updated": (
            *("mis à jour le", "mis à jour", "mise à jour le", "mise à jour", "modifié le", "actualisé le"),
            *("dernière mise à jour", "dernière modification"),
        ),
        "visits": ("vues", "lectures", "visites", "consultations"),
        "comments": ("commentaires", "commentaire", "réactions", "laisser un commentaire"),
        "reading_time": ("min de lecture", "minutes de lecture", "temps de lecture", "lecture"),
        "category": ("catégorie", "catégories", "rubrique", "classé dans", "dans:", "section:"),
        "tags": ("mots-clés", "mots clés", "étiquettes", "tags", "thèmes"),
        "share": ("partager", "partagez", "partager sur", "partager cet article"),
    },
    by=("par",),
    on=("le",),
    and_words=("et",),
    particles=("de", "du", "des", "la", "le", "d'", "et"),
    roles=(
        *("correspondant", "correspondante", "envoyé spécial", "envoyée spéciale", "journaliste"),
        *("rédacteur", "rédactrice", "reporter", "chroniqueur", "chroniqueuse"),
    ),
    months=(
        ("janvier", "janv"),
        ("février", "fevrier", "févr", "fevr", "fév", "fev"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout"),
        ("septembre",),
        ("octobre",),
        ("novembre",),
        ("décembre", "decembre", "déc"),
    ),
    weekdays=(("lundi",), ("mardi",), ("mercredi",), ("jeudi",), ("vendredi",), ("samedi",), ("dimanche",)),
    dropped=("le", "à"),
    relative=Relative(
        units={
            "second": ("seconde", "secondes"),
            "minute": ("minute", "minutes", "min"),
            "hour": ("heure", "heures"),
            "day": ("jour", "jours"),
            "week": ("semaine", "semaines"),
            "month": ("mois",),
            "year": ("an", "ans", "année", "années", "annee", "annees"),
        },
        before=("il y a",),
        numbers={"un": 1, "une": 1},
        days={"aujourd'hui": 0, "hier": 1, "avant-hier": 2},
        now=("à l'instant", "a l'instant", "maintenant"),
        at=("à",),
    ),
    share_words=("imprimer", "courriel", "envoyer"),
)
