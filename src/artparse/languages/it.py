"""Italian."""

from artparse.languages.language import Language, PageWords, Relative

LANGUAGE = Language(
    code="it",
    page=PageWords(
        copyright=("tutti i diritti riservati",),
        joined=("iscritto dal", "membro dal", "registrato"),
        related=("leggi anche", "i più letti", "più letti", "articoli correlati", "potrebbe interessarti"),
        comments=("lascia il tuo commento",),
    ),
    labels={
        "author": ("di", "scritto da", "pubblicato da", "autore", "autrice", "autori", "a cura di"),
        "published": ("pubblicato", "pubblicato il", "pubblicata il", "data:", "data di pubblicazione"),
        "updated": (
            "aggiornato",
            "aggiornato il",
            "aggiornato alle",
            "ultimo aggiornamento",
            "modificato il",
        ),
        "visits": ("visite", "visualizzazioni", "letture"),
        "comments": ("commenti", "commento", "lascia un commento"),
        "reading_time": ("min di lettura", "minuti di lettura", "tempo di lettura"),
        "category": ("categoria", "categorie", "sezione", "archiviato in", "in:"),
        "tags": ("tag", "parole chiave", "argomenti"),
        "share": ("condividi", "condividi su"),
    },
    by=("di", "da"),
    on=("il",),
    and_words=("e", "ed"),
    particles=("di", "de", "della", "del", "da", "dei", "degli", "lo", "la", "e"),
    roles=("corrispondente", "inviato", "inviata", "giornalista", "redattore", "redattrice"),
    months=(
        ("gennaio", "gen"),
        ("febbraio",),
        ("marzo",),
        ("aprile",),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "sett", "set"),
        ("ottobre", "ott"),
        ("novembre",),
        ("dicembre", "dic"),
    ),
    weekdays=(
        ("lunedì", "lunedi"),
        ("martedì", "martedi"),
        ("mercoledì", "mercoledi"),
        ("giovedì", "giovedi"),
        ("venerdì", "venerdi"),
        ("sabato",),
        ("domenica",),
    ),
    dropped=("alle", "ore", "il"),
    relative=Relative(
        units={
            "second": ("secondo", "secondi"),
            "minute": ("minuto", "minuti"),
            "hour": ("ora", "ore"),
            "day": ("giorno", "giorni"),
            "week": ("settimana", "settimane"),
            "month": ("mese", "mesi"),
            "year": ("anno", "anni"),
        },
        after=("fa",),
        numbers={
            **dict.fromkeys(("un", "uno", "una"), 1),
            **{
                n: i
                for i, n in enumerate(
                    ("due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci"), 2
                )
            },
        },
        days={"oggi": 0, "ieri": 1, "l'altro ieri": 2, "altro ieri": 2},
        now=("proprio ora", "adesso"),
        at=("alle",),
    ),
    share_words=("stampa",),
)
