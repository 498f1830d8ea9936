"""German."""

from artparse.languages.language import Language, PageWords, Relative

LANGUAGE = Language(
    code="de",
    page=PageWords(
        copyright=("alle rechte vorbehalten",),
        joined=("dabei seit", "mitglied seit", "registriert seit", "registriert"),
        related=(
            *("mehr zum thema", "meistgelesen", "meistgelesene artikel", "das könnte sie auch interessieren"),
            *("weitere artikel", "verwandte artikel", "auch interessant", "lesen sie auch"),
        ),
        comments=("leserkommentare", "diskussion"),
    ),
    labels={
        "author": ("von", "geschrieben von", "verfasst von", "autor", "autorin", "autoren"),
        "published": (
            *("veröffentlicht", "veröffentlicht am", "erschienen am", "erstellt am", "publiziert am"),
            "datum:",
        ),
        "updated": (
            *("aktualisiert", "aktualisiert am", "zuletzt aktualisiert", "zuletzt aktualisiert am"),
            *("geändert am", "zuletzt geändert", "letzte änderung", "stand:"),
        ),
        "visits": ("aufrufe", "zugriffe", "seitenaufrufe"),
        "comments": ("kommentare", "kommentar", "kommentar schreiben", "keine kommentare"),
        "reading_time": ("min lesezeit", "min. lesezeit", "minuten lesezeit", "lesezeit", "lesedauer"),
        "category": ("kategorie", "kategorien", "rubrik", "ressort", "in:"),
        "tags": ("schlagwörter", "schlagworte", "stichwörter", "themen"),
        "share": ("teilen", "artikel teilen", "teilen auf"),
    },
    by=("von",),
    on=("am",),
    and_words=("und",),
    particles=("von", "van", "der", "den", "zu", "vom", "und"),
    roles=("korrespondent", "korrespondentin", "redakteur", "redakteurin", "reporterin", "autorin"),
    months=(
        ("januar", "jänner"),
        ("februar",),
        ("märz", "maerz", "mrz"),
        ("april",),
        ("mai",),
        ("juni",),
        ("juli",),
        ("august",),
        ("september",),
        ("oktober", "okt"),
        ("november",),
        ("dezember", "dez"),
    ),
    weekdays=(
        ("montag", "mo"),
        ("dienstag", "di"),
        ("mittwoch", "mi"),
        ("donnerstag", "do"),
        ("freitag", "fr"),
        ("samstag", "sonnabend", "sa"),
        ("sonntag", "so"),
    ),
    dropped=("um", "uhr"),
    relative=Relative(
        units={
            "second": ("sekunde", "sekunden"),
            "minute": ("minute", "minuten"),
            "hour": ("stunde", "stunden", "std"),
            "day": ("tag", "tagen", "tage"),
            "week": ("woche", "wochen"),
            "month": ("monat", "monaten", "monate"),
            "year": ("jahr", "jahren", "jahre"),
        },
        before=("vor",),
        numbers={
            **dict.fromkeys(("ein", "eine", "einer", "einem"), 1),
            **{
                n: i
                for i, n in enumerate(
                    ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"), 2
                )
            },
        },
        days={"heute": 0, "gestern": 1, "vorgestern": 2},
        now=("gerade eben", "soeben", "jetzt"),
        at=("um",),
    ),
    share_words=("drucken", "e-mail"),
)
