"""The line classifier: labelled parts of one header line, in every listed language."""

from __future__ import annotations

import pytest

from artparse.dialects.header import header_view
from artparse.dialects.vocabulary import (
    COMMENTS,
    UNKNOWN,
    UPDATED,
    breadcrumb,
    classify_line,
    is_date,
    is_header_line,
    read_line,
)

ARABIC_1234 = "\u0661\u066c\u0662\u0663\u0664"  # 1,234 in Arabic-Indic digits and separator


def roles(line: str) -> list[tuple[str, str]]:
    return [(part.role, part.value) for part in classify_line(header_view(line))]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Written by Helen Carter | Published: 12 June 2019 | Hits: 2345",
            [("author", "Helen Carter"), ("published", "12 June 2019"), ("visits", "2345")],
        ),
        ("Published on 5 May 2022 by Newsroom", [("published", "5 May 2022"), ("author", "Newsroom")]),
        (
            "Written by: Omar K. · 12 Mar 2023 · 4 min read",
            [("author", "Omar K."), ("date", "12 Mar 2023"), ("reading_time", "4 min read")],
        ),
        ("Posted by: admin", [("author", "admin")]),
        (
            "Par Claire Dubois | Publié le 3 mars 2021 à 10h23, mis à jour le 4 mars 2021 à 08h00",
            [
                ("author", "Claire Dubois"),
                ("published", "3 mars 2021 à 10h23"),
                ("updated", "4 mars 2021 à 08h00"),
            ],
        ),
        (
            "Por Ana Ruiz | Actualizado: 03/03/2021 10:23",
            [("author", "Ana Ruiz"), ("updated", "03/03/2021 10:23")],
        ),
        (
            "Von Anna Schmidt | Veröffentlicht am 3. März 2021, 10:23 Uhr",
            [("author", "Anna Schmidt"), ("published", "3. März 2021, 10:23 Uhr")],
        ),
        ("Di Marco Rossi — 12 marzo 2022", [("author", "Marco Rossi"), ("date", "12 marzo 2022")]),
        (
            "Por Joana Lima · Atualizado em 5 de abril de 2021",
            [("author", "Joana Lima"), ("updated", "5 de abril de 2021")],
        ),
        (
            f"بقلم أحمد علي | نُشر في 3 مارس 2021 | عدد المشاهدات: {ARABIC_1234}",
            [
                ("author", "أحمد علي"),
                ("published", "3 مارس 2021"),
                ("visits", "\u0661\u066c\u0662\u0663\u0664"),
            ],
        ),
        (
            "Von Anna Schmidt, Korrespondentin in Berlin",
            [("author", "Anna Schmidt"), ("job", "Korrespondentin in Berlin")],
        ),
        (
            "Guido van Rossum guido at python.org",
            [("name", "Guido van Rossum"), ("address", "guido at python.org")],
        ),
        ("1.204 Aufrufe · 12 Kommentare", [("visits", "1.204 Aufrufe"), ("comments", "12 Kommentare")]),
        ("Tags: politics, Libya", [("tags", "politics, Libya")]),
        ("Posted in Meta | Leave a comment", [("category", "Meta"), ("comments", "")]),
    ],
)
def test_labelled_parts_are_recognised(line: str, expected: list[tuple[str, str]]) -> None:
    assert roles(line) == expected
    assert is_header_line(read_line(header_view(line)))


def test_counts_are_read_with_every_languages_separators() -> None:
    counts = [
        part.count
        for part in classify_line(
            "Views: 1,234 | vues : 1 234 | مشاهدات: \u0661\u066c\u0662\u0663\u0664 | Hits: 1.234"
        )
    ]
    assert counts == [1234, 1234, 1234, 1234]


@pytest.mark.parametrize(
    "line",
    [
        "By default, the documentation is built for every target.",
        "Date: not yet announced, officials said.",
        "Par ailleurs, le gouvernement a publié un communiqué.",
        "Von Anfang an war klar, dass die Regierung handeln muss.",
        "Di solito il governo pubblica i dati il lunedì.",
        "Por su parte, el ministerio actualizó las cifras.",
        "Views differ on whether the talks will resume.",
        "Libya and Tunisia reopen the Ras Ajdir crossing",
    ],
)
def test_sentences_with_label_words_are_not_header_lines(line: str) -> None:
    assert not is_header_line(read_line(header_view(line)))


@pytest.mark.parametrize(
    "line",
    [
        "Published reports say the minister resigned on 3 May 2021.",
        "Updated guidance was issued to schools on 12 June 2019",
        "Publié au Journal officiel, le décret entre en vigueur le 3 mars 2021.",
        "Veröffentlicht wurde der Bericht am 3. März 2021.",
        "Pubblicato dal ministero il 12 marzo 2022, il rapporto è chiaro.",
        "Actualizado cada año, el informe salió el 3 de marzo de 2021.",
        "Atualizado pelo governo em 3 de março de 2021",
    ],
)
def test_a_date_label_without_a_colon_needs_a_date_after_it(line: str) -> None:
    """A sentence that opens with a date label and holds a date further on is body text."""
    assert not any(part.role in ("published", "updated") for part in read_line(header_view(line)))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Thu Aug 1 14:35:01 EDT 2013", True),
        ("lunedì 12 marzo 2022", True),
        ("3 hours ago", True),
        ("01.11.2025", True),
        ("12 angry men", False),
        ("March for Peace", False),
    ],
)
def test_a_date_by_its_shape(text: str, date: bool) -> None:
    assert is_date(text) is date


def test_breadcrumbs() -> None:
    assert breadcrumb("Home \u203a World \u203a Africa") == ["Home", "World", "Africa"]
    assert breadcrumb("Inicio > Internacional > África") == ["Inicio", "Internacional", "África"]
    assert breadcrumb("Libya > Tunisia in exports") is None


def test_a_label_matched_only_by_ignorecase_letters_is_no_label() -> None:
    """The label patterns match the long s and the Kelvin sign for "s" and "k" (IGNORECASE), which
    folding keeps: such a "label" is not one (it raised KeyError), and the line stays unknown."""
    long_s = "\u017f"
    for text in (
        f"Actualizado a la{long_s} 10:00",
        f"Tipo: x | Actualizado a la{long_s} 10:00",
        f"12 COMENTARIO{long_s}",
    ):
        parts = read_line(text)
        assert parts and all(part.role == UNKNOWN for part in parts), (text, parts)
    assert [part.role for part in read_line("12 comentarios")] == [COMMENTS]
    assert [part.role for part in read_line("Actualizado a las 10:00")] == [UPDATED]
