"""Property: a header built from any language's vocabulary, in any order and layout, round-trips.

The header is made of the language's own labels (any of them, for each role), a name, a date
written with the language's month names, a counter with its thousands separator and tags; its
parts are put in any order, on one line between separators or on lines of their own, as
"LABEL NAME on DATE" or "LABEL DATE by NAME". The record must give back exactly what the header
was built from, and the body every line it was given, even lines that open with a label word.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import parse_text
from artparse.languages import LANGUAGES, Language

settings.register_profile("vocabulary", deadline=None, max_examples=300)

NAMES = {
    "en": ("Helen Carter", "Omar K. Benali", "Sam Lee"),
    "fr": ("Claire Dubois", "Jean de la Fontaine", "Léa Martin"),
    "es": ("Ana Ruiz", "José Luis del Río", "Marta Gil"),
    "de": ("Anna Schmidt", "Jonas von Weber", "Lena Vogel"),
    "it": ("Marco Rossi", "Giulia De Luca", "Luca Bianchi"),
    "pt": ("Joana Lima", "João da Silva", "Rita Sousa"),
    "ar": ("أحمد علي", "سالم بن عمر", "ليلى حداد"),
}
TAGS = ("ports", "Tripoli", "energy", "trade", "Misrata")
SEPARATORS = (" | ", " · ", " • ", " — ", " - ")
THOUSANDS = {"en": ",", "fr": " ", "es": ".", "de": ".", "it": ".", "pt": ".", "ar": "\u066c"}
TITLE = "Port of Misrata adds a second crane"
BODY_SENTENCES = (
    "The crane arrived on Sunday and was assembled in four days.",
    "Officials said the terminal would handle twice as many ships.",
    "Trucks queued outside the gate until late in the evening.",
)


def labelled(label: str, value: str, with_colon: bool) -> str:
    """`Label value` as sites write it: capitalised, with the label's colon when it needs one."""
    label = label[0].upper() + label[1:]
    if label.endswith(":") or not with_colon:
        return f"{label} {value}"
    return f"{label}: {value}"


def written_date(language: Language, day: date) -> str:
    month = language.months[day.month - 1][0]
    if language.code == "de":
        return f"{day.day}. {month.capitalize()} {day.year}"
    return f"{day.day} {month} {day.year}"


def count(language: Language, number: int) -> str:
    return f"{number:,}".replace(",", THOUSANDS[language.code])


@st.composite
def headers(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    language = draw(st.sampled_from(LANGUAGES))
    labels = language.labels
    name = draw(st.sampled_from(NAMES[language.code]))
    day = draw(st.dates(date(1995, 1, 1), date(2035, 12, 31)))
    when = written_date(language, day)
    visits = draw(st.integers(0, 10**7))
    tags = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))
    colon = draw(st.booleans())
    author = draw(
        st.sampled_from([label for label in labels["author"] if " " in label or not label.endswith(":")])
    )
    published = draw(st.sampled_from(labels["published"]))
    counter = draw(st.sampled_from(labels["visits"]))
    tag_label = draw(st.sampled_from(labels["tags"] + labels["category"]))
    form = draw(st.sampled_from(["parts", "name on date", "date by name"]))
    if form == "parts":
        who_when = [labelled(author, name, colon), labelled(published, when, colon)]
    elif form == "name on date":
        who_when = [labelled(author, f"{name} {language.on[0]} {when}", colon)]
    else:
        who_when = [labelled(published, f"{when} {language.by[0]} {name}", colon)]
    counted = (
        labelled(counter, count(language, visits), True)
        if draw(st.booleans())
        else f"{count(language, visits)} {counter.rstrip(':')}"
    )
    parts = [*who_when, counted, labelled(tag_label, ", ".join(tags), True)]
    parts = draw(st.permutations(parts))
    layout = draw(st.sampled_from(["one line", "lines", "two lines"]))
    if layout == "one line":
        lines = [draw(st.sampled_from(SEPARATORS)).join(parts)]
    elif layout == "lines":
        lines = list(parts)
    else:
        lines = [" | ".join(parts[:2]), " | ".join(parts[2:])]
    if draw(st.booleans()):
        lines.insert(0, TITLE)
    fields = {"author": name, "published": day.isoformat(), "visits": visits, "tags": tags}
    return "\n".join(lines), fields


@settings(settings.get_profile("vocabulary"))
@given(
    built=headers(),
    body=st.lists(st.sampled_from(BODY_SENTENCES), min_size=1, max_size=3),
    blank=st.booleans(),
)
def test_a_vocabulary_built_header_round_trips(
    built: tuple[str, dict[str, object]], body: list[str], blank: bool
) -> None:
    header, fields = built
    text = header + ("\n\n" if blank else "\n") + "\n".join(body) + "\n"
    record = parse_text(text).to_dict()
    assert {key: record[key] for key in fields} == fields, text
    assert record["body"] == "\n".join(body), text
    assert record["warnings"] == [], text


@settings(settings.get_profile("vocabulary"))
@given(
    language=st.sampled_from(LANGUAGES),
    role=st.sampled_from(
        ["author", "published", "updated", "visits", "comments", "tags", "category", "share"]
    ),
    data=st.data(),
)
def test_a_sentence_that_opens_with_a_label_word_stays_body(
    language: Language, role: str, data: st.DataObject
) -> None:
    label = data.draw(st.sampled_from(language.labels[role])).rstrip(":")
    sentence = f"{label[0].upper()}{label[1:]} the end of the week, 3 trucks had crossed the border."
    text = f"{sentence}\n{BODY_SENTENCES[0]}\n"
    record = parse_text(text).to_dict()
    assert (record["dialect"], record["body"]) == (None, text.strip())
