"""Fast paths of the parse core hold to the slow readings they stand in for, on generated input."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from artparse import dates, patterns
from artparse.dialects.header import Header
from artparse.zones import site_zone

settings.register_profile("artparse", deadline=None, max_examples=200)
settings.load_profile("artparse")

_DIGITS = st.text(st.sampled_from("0123456789"), min_size=1, max_size=4)
_ISO_PIECES = st.lists(
    st.sampled_from(["-", ":", " ", "T", ".", "Z", "+", "00", "01", "12", "19", "23", "24", "29", "31", "60"])
    | _DIGITS,
    max_size=14,
).map("".join)


def _outcome(read: Callable[[re.Match[str]], object], match: re.Match[str]) -> tuple[object, ...]:
    """What `read` gives, with its type (a date is not a datetime), or why it cannot."""
    try:
        value = read(match)
    except dates._Unreadable as error:
        return ("unreadable", str(error))
    return (type(value), value)


@given(
    st.sampled_from(["2021-03-04", "2024-02-29", "2023-02-29", "0000-01-01", "1999-12-31", "2021-13-01"])
    | st.builds("{}-{}-{}".format, _DIGITS, _DIGITS, _DIGITS),
    _ISO_PIECES,
)
def test_the_plain_iso_reader_reads_what_the_parts_give(day: str, rest: str) -> None:
    text = day + rest
    match = dates._iso_like().fullmatch(text)
    if match is None:
        return
    assert _outcome(dates._from_iso_like, match) == _outcome(dates._iso_from_parts, match), text


def test_the_plain_iso_reader_is_taken() -> None:
    match = dates._iso_like().fullmatch("2021-03-04 10:23")
    assert match is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?", match[0])
    assert dates._plain_iso(match[0], timed=True) == dates._iso_from_parts(match)


@given(
    st.lists(
        st.sampled_from(
            ["Visits", "views", "READS", "threads", ":", " ", "  ", "5", "1,234", "x", "|", "é", "\u017f"]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_visits_search_starts_where_its_first_label_is(text: str) -> None:
    from artparse.dialects.posted_by import _VISITS, _first_visits_label

    at = _first_visits_label(text)
    whole = _VISITS.search(text)
    found = _VISITS.search(text, at) if at >= 0 else None
    assert (found and (found.span(), found.groupdict())) == (whole and (whole.span(), whole.groupdict()))


@given(st.text(st.characters(max_codepoint=127)))
def test_plain_leaves_ascii_text_as_it_is(text: str) -> None:
    import unicodedata

    from artparse.languages.spelling import _PLAIN, plain

    assert plain(text) == unicodedata.normalize("NFC", text).translate(_PLAIN) == text
    assert all(code > 127 for code in _PLAIN)


@given(
    st.lists(
        st.sampled_from(
            ["|", "·", "•", "\u2014", "\u2013", "-", "--", " ", "  ", "\t", "\u00a0", "x", "By", "3"]
        ),
        max_size=12,
    ).map("".join)
)
def test_the_separator_scan_starts_where_no_match_is_missed(view: str) -> None:
    from artparse.dialects.vocabulary import _SEPARATOR, _separator_cuts

    every = [cut for found in _SEPARATOR.finditer(view) for cut in found.span()]
    assert _separator_cuts(view) == every


_DATE_OPTIONS = [
    dates.DateOptions(),
    dates.DateOptions(dayfirst=True),
    dates.DateOptions(mail_zones=True),
    dates.DateOptions(zone=site_zone("America/New_York")),
    dates.DateOptions(zone=site_zone("Europe/London"), utc=True),
]
_moments = st.datetimes(datetime(1990, 1, 1), datetime(2099, 12, 31)).map(lambda m: m.replace(microsecond=0))


def _reading(read: Callable[..., object], text: str, options: dates.DateOptions) -> tuple[object, ...]:
    """What a date reader gives for `text`, its type and its warnings, or why it cannot."""
    warnings: list[str] = []
    try:
        value = read(text, options, "date", text, warnings)
    except dates._Unreadable as error:
        return ("unreadable", str(error))
    return (type(value), value, warnings)


@given(
    _moments,
    st.sampled_from(["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%-I:%M %p"]),
    st.sampled_from(["", " EST", " GMT", " BST", " CET", " EDT", " UT", " XYZ", " est"]),
    st.sampled_from([", ", " "]),
    st.sampled_from(["{d} %B %Y", "%A, {d} %B %Y", "%A {d} %B %Y", "%b {d}, %Y", "%B {d}, %Y", "{d} %b %Y"]),
    st.sampled_from(range(len(_DATE_OPTIONS))),
)
def test_a_time_before_its_date_reads_as_dateutil_reads_it(
    moment: datetime, clock: str, zone: str, between: str, day: str, option: int
) -> None:
    text = moment.strftime(clock) + zone + between + moment.strftime(day.format(d=moment.day))
    options = _DATE_OPTIONS[option]
    fast = _reading(dates._from_time_first, text, options)
    month_after_time = not zone and day.startswith(("%b", "%B"))  # "00:00 Jan 1": "Jan" a zone?
    if zone in ("", " EST", " GMT", " BST", " CET", " EDT", " UT") and not month_after_time:
        assert fast[0] is not type(None), text  # the fast path is taken
    if fast[0] is not type(None):
        assert fast == _reading(dates._from_dateutil, text, options), text


@given(
    st.sampled_from(["2021-03-04", "2024-02-29", "2023-02-29", "0000-01-01", "1989-12-31", "2099-12-31"])
    | st.sampled_from(["2021-03-05", "2021-03-06", "\u0662021-03-04", "2021-03-0\u0664", "2021/03/04"])
    | st.builds("{}-{}-{}".format, _DIGITS, _DIGITS, _DIGITS),
    st.sampled_from(["", " 10:23", "T10:23:11", " 23:59:59", " 24:00", " 10:60", " 00:00:60", " 9:05", "T1"])
    | st.sampled_from(
        ["t10:23", "t10:23:11", "x10:23", " 10:2\u0663", " 10:23:", " 10:23 ", "T10:23:11.5", "Z"]
    ),
    st.sampled_from(range(len(_DATE_OPTIONS))) | st.just(-1) | st.just(-2),
)
def test_a_plain_iso_date_reads_as_the_steps_read_it(day: str, clock: str, option: int) -> None:
    text = day + clock
    now = (
        datetime(2021, 3, 4, 12) if option == -1 else datetime(2021, 3, 4, 12, tzinfo=site_zone("Asia/Tokyo"))
    )
    options = _DATE_OPTIONS[option] if option >= 0 else dates.DateOptions(now=now)
    plain = dates._usual_date(text, options, "published")
    if text in ("2021-03-04", "2021-03-04 10:23", "2021-03-04t10:23:11") and options.zone is None:
        assert plain is not None  # the quick reading is taken
    if plain is not None:
        assert plain == dates._normalized(text, options, "published"), text


_NAMED_DAYS = st.sampled_from(["1", "01", "9", "29", "30", "31", "0", "00", "32", "123", "", "x1", "\u0661"])
_NAMED_MONTHS = st.sampled_from(
    ["Nov", "November", "NOV", "nOvEmBeR", "Feb", "Sept", "Sep", "Fe", "Nov.", "Mon"]
)
_NAMED_YEARS = st.sampled_from(
    ["2025", "2024", "2023", "1989", "2021", "0000", "0999", "202", "20255", "2025,"]
)
_NAMED_CLOCKS = st.sampled_from(["", " 4:23", " 04:23", " 04:23:00", " 23:59:59", " 24:00", " 12:60", " 4:2"])
_NAMED_CLOCKS |= st.sampled_from(
    [" 04:23:0", " 004:23", " 4:23:00:01", " 4:23am", ", 4:23", " :23", " 4:\u0662\u0663"]
)
_HALVES = st.sampled_from(
    ["", " AM", " PM", " am", " pm", " Am", " pM", " a.m.", " EST", " PM EST", " AM AM", " M"]
)


@settings(max_examples=2000)
@given(
    _NAMED_DAYS,
    _NAMED_MONTHS,
    _NAMED_YEARS,
    st.booleans(),
    _NAMED_CLOCKS,
    _HALVES,
    st.sampled_from(range(len(_DATE_OPTIONS))) | st.sampled_from([-1, -2, -3]),
)
def test_a_usual_named_month_date_reads_as_the_steps_read_it(
    day: str, month: str, year: str, month_first: bool, clock: str, half: str, option: int
) -> None:
    text = (f"{month} {day}, {year}" if month_first else f"{day} {month} {year}") + clock + half
    nows = {-1: datetime(2025, 11, 2, 12), -2: datetime(2024, 3, 1, tzinfo=site_zone("Asia/Tokyo"))}
    if option == -3:
        options = dates.DateOptions(now=datetime(2025, 11, 1, 23, tzinfo=UTC), min_date=date(2025, 6, 1))
    else:
        options = _DATE_OPTIONS[option] if option >= 0 else dates.DateOptions(now=nows[option])
    usual = dates._usual_date(text, options, "updated")
    if usual is not None:
        assert usual == dates._normalized(text, options, "updated"), text


def test_the_usual_dates_are_read_the_quick_way() -> None:
    """The usual shapes are read by _usual_date, before and after now, with their warnings."""
    near = dates.DateOptions(now=datetime(2025, 11, 1, 12, tzinfo=UTC), min_date=date(2025, 6, 1))
    for options in (dates.DateOptions(), near, dates.DateOptions(dayfirst=True, utc=True)):
        for text in (
            *("2025-11-01 04:23:00", "2025-11-04 04:23", "2021-03-04", "1 November 2025 04:23"),
            *("Nov 01, 2025 04:23 AM", "Dec 15, 2025 12:28 pm", "18 May 2022", "Jun 16, 2022 01:27:09 PM"),
        ):
            usual = dates._usual_date(text, options, "published")
            assert usual is not None, text
            assert usual == dates._normalized(text, options, "published"), text
    assert dates._usual_date("2025-11-04 04:23", near, "published") != dates._usual_date(
        "2025-11-04 04:23", dates.DEFAULT_OPTIONS, "published"
    )  # the future's warning is given


_ZONES = st.sampled_from([None, UTC, site_zone("Asia/Tokyo"), site_zone("America/New_York")]) | st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)),
    st.integers(-24 * 60 + 1, 24 * 60 - 1) | st.sampled_from([-24 * 60 + 1, 24 * 60 - 1]),  # the extremes too
)
_NEAR = st.integers(-4 * 24 * 60, 4 * 24 * 60).map(lambda minutes: timedelta(minutes=minutes))


def _stated_as(kind: int, moment: datetime, zone: tzinfo | None) -> dates.Stated:
    """`moment` as a reader states it: a time in `zone` (naive for None), a day, a month, a year."""
    return [moment.replace(tzinfo=zone), moment.date(), moment.strftime("%Y-%m"), moment.strftime("%Y")][kind]


@settings(max_examples=3000)  # quick, and the dates that are near the bound are few
@given(st.datetimes(datetime(1990, 1, 1), datetime(2999, 1, 1)), _NEAR, _ZONES, _ZONES, st.integers(0, 3))
def test_a_date_told_apart_from_the_future_by_its_day_is_not_in_it(
    moment: datetime, later: timedelta, zone: tzinfo | None, now_zone: tzinfo | None, kind: int
) -> None:
    stated, now = _stated_as(kind, moment, zone), (moment + later).replace(tzinfo=now_zone)
    if not dates._may_be_after(stated, now):
        assert not dates._after_now(stated, now)


def test_a_date_a_day_before_now_is_told_apart_by_its_day() -> None:
    now = datetime(2021, 3, 4, 12, tzinfo=UTC)
    assert not dates._may_be_after(datetime(2021, 3, 2, 23, 59), now)
    assert dates._may_be_after(datetime(2021, 3, 3, 0, 0), now)
    extreme = timezone(timedelta(hours=-23, minutes=-59))  # 2021-03-03 23:00 there is 03-04 22:59 UTC
    stated, tokyo = (
        datetime(2021, 3, 3, 23, 0, tzinfo=extreme),
        datetime(2021, 3, 4, 0, tzinfo=site_zone("Asia/Tokyo")),
    )
    assert dates._after_now(stated, tokyo)
    assert dates._may_be_after(stated, tokyo)


def _window_line_by_line(lines: list[str]) -> list[str]:
    """header_window as it was read before its one-call sum: line by line against the budget."""
    from artparse.dialects.header import MAX_HEADER_CHARS, MAX_HEADER_LINES, WINDOW_END

    budget = MAX_HEADER_CHARS
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        budget -= len(line) + 1
        if budget < 0:
            return [*lines[:index], WINDOW_END]
    return lines if len(lines) <= MAX_HEADER_LINES else [*lines[:MAX_HEADER_LINES], WINDOW_END]


@given(
    st.lists(st.integers(0, 70_000), max_size=6),
    st.sampled_from([0, 1, 3, 500, 994, 999, 1000, 1001, 1200]),
    st.sampled_from([0, 1, 63, 64, 65, 66]),
)
def test_the_header_window_fits_as_it_does_line_by_line(sizes: list[int], short: int, width: int) -> None:
    from artparse.dialects.header import header_window

    lines = ["x" * size for size in sizes] + ["y" * width] * short
    assert list(header_window(lines)) == _window_line_by_line(lines)


def _usual_or(usual: list[str], others: list[str]) -> st.SearchStrategy[str]:
    """One of the usual texts half of the time, else any of the others."""
    return st.sampled_from(usual) | st.sampled_from(others)


def _usual_header(lines: list[str]) -> Header | None:
    from artparse.dialects import posted_by

    posted = posted_by._usual_posted_line(lines)
    return None if posted is None else posted_by._usual_header(lines, *posted)


_POSTED_WORDS = _usual_or(
    ["Posted by"], ["posted by", "POSTED BY", "Posted by:", "Posted  by", "Posted byline"]
)
_NAMES = _usual_or(
    ["AI", "Sara Ali", "Ahmed on Behalf of LANA"],
    [
        "the end of the week,",
        "",
        "Ali on",
        "O'Neil",
        "Posted",
        "Omar | Ali",
        "Omar Updated",
        "Omar - Ali",
        "Share: X",
        *("on Sara", "Sara ON Behalf of X", "ON", "Ali on x on", "\tAli", "Ali\x1c"),
    ],
)
_WHENS = _usual_or(
    ["2025-11-01 04:23:00", "1 November 2025 04:23", "Dec 15, 2025 5:28 AM"],
    [
        *("", "on", "2025-11-01 - 5 views", "Monday", "2025-11-01 Tags: ports", "2025-11-01 \u2014 5 views"),
        *("2025-11-01  04:23", "24 minutes ago", "2025-11-01 | 5 views"),
        *("Monday On 2025-11-01", "x ON y", "2025-11-01 ", "on 2025-11-01", "Updated"),
    ],
)
_UPDATED_PARTS = _usual_or(
    ["", " | Last Updated by {who} on {when}", " | Updated by {who} on {when}"],
    [
        *(
            " Last Updated by {who} on {when}",
            " | Last Updated: {when}",
            " |",
            " | ",
            " | Share: X",
            " | 5 views",
        ),
        *(" | last updated by {who} on {when} | updated by x", " | Tags: ports", " \u00b7 Updated by {who}"),
        *(
            " | LAST UPDATED BY {who} ON {when}",
            " | Last Updated by {who} on {when} updated",
            " | updated by {who}",
        ),
        *(" | Last updated by{who}", "| Visits: 3", " | Last Updated by {who} updated on {when}"),
        *(
            " updated by {who} on {when}",
            " Share: Email Visits: 3",
            " | Last Updated by {who} on {when} Share: X",
        ),
        *(
            " | Last Updated by {who} on {when} | Tags: x",
            " | Last Updated by {who} on {when} Updated by x on y",
        ),
        *(
            " | Last Updated by {who}",
            " |Last Updated by {who} on {when}",
            " | LAST updated BY {who} on {when}",
        ),
        *(
            " | Updated by on {when}",
            " | Updated by on {who} on {when}",
            " | Updated by {who} on on {when}",
            " | Updated  by {who} on {when}",
        ),
    ],
)
_SHARE_LINES = (
    *(
        "Share: X Reads Visits: 5",
        "Share: Views X Visits: 5",
        "Share: a | | b Visits: 7",
        "Share: X Visits: 5 6",
    ),
    *("Share: |X| Visits: 01,234", "Share: X  Visits: 5", "Share: X Visits:5", "Share: Visits: 3"),
    *(
        "Share: X VISITS: 1,000,000",
        "Share: X\tVisits: 5",
        "Share: X Visits: 5 Visits: 6",
        "Share: X, Y Visits: 2",
    ),
    *(
        "Share: X visits: ",
        "Share: X visits",
        "Share: Xvisits: 4",
        "Share: X | Y |Visits: 12.345",
        "Share: | Visits: x",
    ),
)
_FOLLOWING = _usual_or(
    ["Share: Facebook | Twitter | Whatsapp Visits: 1,234", "The talks resume next week.", "x" * 1001],
    [
        *(
            "Share: Facebook",
            "Share:",
            "Share: ",
            "Visits: 5",
            "Share: " + "x" * 1000,
            "",
            "  ",
            "\u00a0",
            "\u200b",
        ),
        *(
            "Tags: ports, oil",
            "The talks go on",
            "Share this: Email",
            "SHARE: X",
            "Share:  Email,  X  Visits: 12",
        ),
        *(
            "Share: X Views: 1.234.567",
            "Share: \u017fx",
            "Share: X | Visits: many",
            "2 comments",
            "Share: X.",
        ),
        *("Last Updated by AI on 2025-12-15", "\u00e9t\u00e9."),
        *_SHARE_LINES,
    ],
)
_TITLE_LINES = _usual_or(
    ["Ports Reopen At Tripoli"],
    [
        *(
            "",
            "Ports Reopen At Tripoli",
            "Published: 3 May 2021",
            "Posted by AI on 2021",
            "Category: News",
            "  ",
        ),
        *(
            "BREAKING",
            "12 killed in crash",
            "\u017fhare",
            "By Sara Ali",
            "Libya Review \u2014 Politics",
            "x" * 1001,
        ),
    ],
)


def _posted_line(posted: str, who: str, when: str, updated: str, updater: str, updated_when: str) -> str:
    """A Posted line of the drawn parts; `updated` is a template of the Updated part."""
    return (
        f"{posted} {who}" + (f" on {when}" if when else "") + updated.format(who=updater, when=updated_when)
    )


@settings(max_examples=1000)  # many shapes of header
@example(
    [], "Posted by", "Omar Updated", "2025-11-01", " |", "AI", "2025-11-02", []
)  # "updated" before a bar
@given(
    st.lists(_TITLE_LINES, max_size=2),
    _POSTED_WORDS,
    _NAMES,
    _WHENS,
    _UPDATED_PARTS,
    _NAMES,
    _WHENS,
    st.lists(_FOLLOWING, max_size=5),
)
def test_the_usual_posted_by_header_reads_as_any_header_does(
    titles: list[str],
    posted: str,
    who: str,
    when: str,
    updated: str,
    updater: str,
    updated_when: str,
    following: list[str],
) -> None:
    from artparse.dialects import posted_by

    line = _posted_line(posted, who, when, updated, updater, updated_when)
    lines = [*titles, line, *following]
    expected = posted_by._any_header(lines)
    assert repr(posted_by.parse(lines)) == repr(expected), lines
    usual = _usual_header(lines)
    assert usual is None or repr(usual) == repr(expected), lines


_FIRST_LINES = _usual_or(
    ["Ports Reopen At Tripoli"], ["---", "+++", "{", "-", "+1 for this", "{x}", " Ports", "\ufeff"]
)
_BODY_LINES = _usual_or(
    ["The talks resume next week.", "Engineers repaired two turbines"],
    [
        *("", " ", "\t", "\u00a0", "\u2028", "\x1c", " indented.", "trailing. ", "x" * 1001),
        *("Share: X Visits: 3", "Posted by AI on 2025-11-01", "Tags: ports", "---", "+++", "\u00e9t\u00e9."),
    ],
)

_USUAL_TOP = ([], "Posted by", "AI", "2025-11-01", "", "AI", "")
"""The titles, Posted line and Updated part of the examples below: no title, the usual words."""


@settings(max_examples=1000)  # many shapes of header and body
@example(["+++"], "Posted by", "AI", "2025-11-01", "", "AI", "", ["The talks.", "+++"], "\n", "", "\n")
@example(*_USUAL_TOP, ["Share: A", "", "Share: B", "Share: C", "x" * 1001], "\n", "", "")
@example(*_USUAL_TOP, ["Share: A", "", " ", "Share: C", "x" * 1001], "\n", "", "")
@example(*_USUAL_TOP, ["Share: A", "", "", "Share: C", "x" * 1001], "\n", "", "")
@given(
    st.lists(_FIRST_LINES | _TITLE_LINES, max_size=1),
    _POSTED_WORDS,
    _NAMES,
    _WHENS,
    _UPDATED_PARTS,
    _NAMES,
    _WHENS,
    st.lists(_FOLLOWING | _BODY_LINES, max_size=12),
    st.sampled_from(["\n", "\n", "\r\n", "\r"]),
    st.sampled_from(["", "", "\ufeff"]),
    st.sampled_from(["", "\n", "\n", "\n\n", " ", "\n \n", "\u2028"]),
)
def test_the_usual_posted_by_file_reads_as_detection_reads_it(
    titles: list[str],
    posted: str,
    who: str,
    when: str,
    updated: str,
    updater: str,
    updated_when: str,
    following: list[str],
    newline: str,
    mark: str,
    end: str,
) -> None:
    """The header and body of the usual posted-by file, told from its first lines and sliced
    from its text, are what detection over the header window and _body give; any other file
    is left to them."""
    from artparse import extract
    from artparse.dialects import posted_by

    line = _posted_line(posted, who, when, updated, updater, updated_when)
    text = mark + newline.join([*titles, line, *following]) + end
    general = extract.ParseOptions()
    object.__setattr__(general, "posted_by_first", False)  # its cached value: the quick way off
    expected = extract.parse_article(text, general, source="a.txt")
    assert extract.parse_article(text, extract.DEFAULT_PARSE, source="a.txt") == expected, text
    plain = extract._plain_breaks(text)
    top = posted_by.usual_top(plain)
    usual = extract._usual_posted_by(plain, top) if top and plain[:1] not in "-+{" else None
    if usual is not None:  # read the quick way: the same header (its texts), before the record's build
        name, header, body = usual
        assert (name, header.title, header.author, header.published_raw) == (
            expected.dialect,
            expected.title,
            expected.author,
            expected.published_raw,
        )
        assert (header.updated_raw, header.updated_by, header.share, header.visits, body) == (
            expected.updated_raw,
            expected.updated_by,
            list(expected.share),
            expected.visits,
            expected.body,
        )


@pytest.mark.parametrize(
    "text",
    [
        "Posted by AI on 2025-11-01 04:23:00 | Last Updated by AI on 2025-12-15 05:28:33\n"
        "Share: Facebook | Twitter | Whatsapp | Linkedin Visits: 5\nIn a significant development.\n",
        "Ports Reopen At Tripoli\r\nPosted by Sara Ali on Dec 15, 2025 5:28 AM\r\n\r\nThe body.",
        "\ufeffPosted by AI on 1 November 2025 04:23\nShare: X\n\nThe talks.\nGo on.",
    ],
)
def test_the_usual_posted_by_file_is_read_the_quick_way(text: str) -> None:
    from artparse import extract
    from artparse.dialects import posted_by

    plain = extract._plain_breaks(text)
    top = posted_by.usual_top(plain)
    assert top is not None
    usual = extract._usual_posted_by(plain, top)
    assert usual is not None
    assert usual[1].author and usual[1].published_raw and usual[2]
    assert extract.DEFAULT_PARSE.posted_by_first


def test_the_quick_way_is_taken_only_where_detection_tries_posted_by_first() -> None:
    """Rules are tried before every dialect, and a forced dialect alone."""
    from artparse import extract
    from artparse.rules import load_rules

    assert extract.ParseOptions(dialect="posted-by").posted_by_first
    assert not extract.ParseOptions(dialect="byline").posted_by_first
    assert not extract.ParseOptions(dialect="front-matter").posted_by_first
    rules = load_rules("[[rule]]\nname = 'v'\nlines = ['Views: (?P<visits>.+)']\n")
    assert not extract.ParseOptions(rules=tuple(rules)).posted_by_first


@pytest.mark.parametrize(
    "header",
    [
        "Posted by AI on 2025-11-01 04:23:00 | Last Updated by AI on 2025-12-15 05:28:33\n"
        "Share: Facebook | Twitter | Whatsapp | Linkedin Visits: 5",
        "Ports Reopen At Tripoli\nPosted by Ahmed on Behalf of LANA on Dec 15, 2025 5:28 AM\n"
        "Share: Email Visits: 1,234",
        "Posted by Sara Ali on 1 November 2025 04:23 | Updated by Omar on 2 November 2025 10:00\n"
        "\nShare: X\n",
    ],
)
def test_the_usual_posted_by_header_is_read_the_quick_way(header: str) -> None:
    from artparse.dialects import posted_by

    lines = [*header.split("\n"), "The talks resume next week."]
    usual = _usual_header(lines)
    assert usual is not None
    assert usual.author and usual.published_raw and usual.share
    assert repr(usual) == repr(posted_by._any_header(lines))


@pytest.mark.parametrize(
    "header",
    [
        "Posted by AI on 2025-11-01 \u2014 5 views",
        "Posted by AI on 2025-11-01 " + "x" * 1000,
        "Ports\nPosted by AI on 2025-11-01 " + "x" * 1000,
        "Posted by AI on 2025-11-01 | Last Updated by AI on 2025-11-02 | Tags: ports",
        "Posted by AI on 2025-11-01 | Last Updated by AI updated on 2025-11-02",
        "Posted by AI on 2025-11-01 Share: Email Visits: 3",
        "Posted by AI on 2025-11-01 | Last Updated by AI on 2025-11-02 Share: Email",
        "Posted by AI on 2025-11-01 - 5 views",
        "Posted by the end of the week, the talks",
        "Ports\nPosted by AI on 2025-11-01\nShare: " + "x" * 1000,
        "Published: 3 May 2021\nPosted by AI on 2025-11-01",
        "Posted by AI on 2025-11-01\n\u200b\nTags: ports",
        "Posted by AI on 2025-11-01\n\nShare: X\n\u00a0\nViews: 3",
    ],
)
def test_an_unusual_posted_by_header_reads_as_any_header_does(header: str) -> None:
    from artparse.dialects import posted_by

    lines = [*header.split("\n"), "The talks resume next week."]
    expected = posted_by._any_header(lines)
    assert repr(posted_by.parse(lines)) == repr(expected)
    usual = _usual_header(lines)
    assert usual is None or repr(usual) == repr(expected)


@settings(max_examples=1000)
@given(
    st.lists(
        st.sampled_from(["Share: ", "X", "Email", " ", "  ", "|", " | ", ",", "Visits", "visits: ", "VISITS"])
        | st.sampled_from([" Visits: ", "views", "Reads", ":", "1,234", "5", "12.345", "x", "\t", "\u00e9"]),
        max_size=10,
    ).map("".join)
    | st.sampled_from(_SHARE_LINES)
)
def test_the_usual_share_line_reads_as_the_share_reader_reads_it(text: str) -> None:
    from artparse.dialects.header import header_view
    from artparse.dialects.posted_by import _read_share, _read_usual_share

    line = "Share: " + text.removeprefix("Share: ")
    if header_view(line) is not line:
        return  # the usual reader is given a line that is its own view only
    usual, expected = Header(0), Header(0)
    _read_share(line[len("Share: ") :], expected)
    if _read_usual_share(line, usual):
        assert repr(usual) == repr(expected), line
    else:
        assert repr(usual) == repr(Header(0)), line  # it read nothing


def test_the_usual_share_line_is_read_the_quick_way() -> None:
    from artparse.dialects.posted_by import _read_share, _read_usual_share

    for line in (
        "Share: Facebook | Twitter | Whatsapp Visits: 12,345",
        "Share: Email Visits: 5",
        "Share: Visits: 3",
    ):
        usual, expected = Header(0), Header(0)
        assert _read_usual_share(line, usual), line
        _read_share(line[len("Share: ") :], expected)
        assert repr(usual) == repr(expected) and usual.visits is not None, line


@given(
    st.lists(
        st.sampled_from(
            ["x", "Posted", " ", "  ", "\t", "\n", "\x1c", "\x0b", "\x7f", "\u00a0", "\u200b", "é", "|"]
        ),
        max_size=8,
    ).map("".join)
)
def test_a_header_view_is_the_collapsed_line(line: str) -> None:
    from artparse.dialects.header import _INVISIBLE, header_view

    assert header_view(line) == " ".join(line.translate(_INVISIBLE).split())


def _posted_line_by_top_views(lines: list[str]) -> tuple[str | None, int, str] | None:
    """posted_by._find_posted_line as it was written, over header.top_views."""
    from artparse.dialects.header import top_views
    from artparse.dialects.posted_by import TOP_LINES, _is_header_line, _is_posted_line

    title = None
    for index, view in top_views(lines, TOP_LINES):
        if not view:
            continue
        if _is_posted_line(view):
            return None if title is not None and _is_header_line(title) else (title, index, view)
        if title is not None:
            return None
        title = view
    return None


@given(
    st.lists(
        _TITLE_LINES | _FOLLOWING | st.sampled_from(["Posted by AI on 2025-11-01", " posted  by x"]),
        max_size=10,
    )
)
@example(["x" * 1001, "Posted by AI on 2025-11-01"])
def test_the_posted_line_is_found_as_over_the_top_views(lines: list[str]) -> None:
    from artparse.dialects.posted_by import _find_posted_line

    assert _find_posted_line(lines) == _posted_line_by_top_views(lines)


_MONTH_WORDS = st.sampled_from(
    ["May", "may", "MAY", "Sept", "September", "Sep.", "Ju", "Junes", "Monat", "mon"]
)
_DAY_WORDS = st.sampled_from(["1", "18", "018", "x", ""])
_YEAR_WORDS = st.sampled_from(["2022", "2022,", "2022.", "1999", "22", "20222"])
_TIME_WORDS = st.sampled_from(
    ["11:03", "1:03", "11:03:22", "11:3", "111:03", "11:03:2", "11:03am", "11:03a.m.", "11:03x", "11:03:22PM"]
)
_HALF_WORDS = st.sampled_from(["AM", "am", "p.m.", "P.M", "pm.", "a", "p", "amx", "pmt", "a.m", "a.", "m"])
_ZONE_WORDS = st.sampled_from(["EST", "est", "GMT", "x", "ABCDEF", "am", "E5T"])
_SEPARATORS = st.sampled_from([" ", ", ", ",", "  ", ". "])
_named_dates = st.one_of(
    st.builds("{} {}{}{}".format, _DAY_WORDS, _MONTH_WORDS, _SEPARATORS, _YEAR_WORDS),
    st.builds(
        "{}{}{}{}".format, _MONTH_WORDS, st.sampled_from([" ", ". ", "  "]), _DAY_WORDS, _SEPARATORS
    ).flatmap(lambda head: _YEAR_WORDS.map(lambda year: head + year)),
    st.builds(  # dates the pattern reads, for the time parts to be tried on
        "{} {}{} {}".format,
        st.sampled_from(["18", "1"]),
        st.sampled_from(["May", "SEPT"]),
        st.sampled_from(["", ".", ",", ".,"]),
        st.sampled_from(["2022", "2022,"]),
    ),
    st.builds(
        "{}{} {}{} {}".format,
        st.sampled_from(["May", "dec"]),
        st.sampled_from(["", "."]),
        st.sampled_from(["18", "1"]),
        st.sampled_from(["", ","]),
        st.sampled_from(["2022", "2022,"]),
    ),
)
_named_clocks = st.tuples(_TIME_WORDS, st.lists(_HALF_WORDS | _ZONE_WORDS | _TIME_WORDS, max_size=2)).map(
    lambda parts: " ".join([parts[0], *parts[1]])
)


@settings(max_examples=1000)
@given(
    _named_dates,
    st.sampled_from([" ", ", ", ",", "  "]),
    _named_clocks,
    st.sampled_from(["", "", "", "Sun, ", "Monday ", "mon "]),
)
def test_the_plain_month_name_reader_gives_the_patterns_groups(
    day: str, separator: str, clock: str, weekday: str
) -> None:
    for text in (weekday + day, weekday + day + separator + clock):
        plain = dates._plain_named_month(text)
        match = dates._named_month().fullmatch(text)
        if plain is not None:  # else the pattern decides
            assert match is not None, text
            assert plain == match.groups(), text
        assert dates._named_month_parts(text) == (None if match is None else match.groups())


@given(st.text(st.sampled_from("0123456789 ,.:aAmMpPyeEsStTx"), max_size=24))
def test_the_plain_month_name_reader_never_reads_what_the_pattern_does_not(text: str) -> None:
    plain = dates._plain_named_month(text)
    match = dates._named_month().fullmatch(text)
    assert plain is None or (match is not None and plain == match.groups())


def test_the_plain_month_name_reader_gives_the_patterns_groups_at_its_edges() -> None:
    for clock in ("a", "p", "a.m", "a.", "amx", "pmt", "am am", "PM EST", "EST am", "am.", "x y"):
        for text in (f"May 18, 2022 11:03 {clock}", f"18 May 2022, 11:03:22{clock}"):
            plain = dates._plain_named_month(text)
            match = dates._named_month().fullmatch(text)
            assert plain is None or (match is not None and plain == match.groups()), text


def test_the_plain_month_name_reader_is_taken() -> None:
    """The usual shapes are read without the pattern (a one-file run does not compile it)."""
    for text in (
        "May 18, 2022 11:03 AM",
        "18 May 2022",
        "October 08, 2024 07:26 AM EST",
        "Dec 15, 2025 5:28 AM EST",
        "1 November 2025 04:23",
        "3 Mar. 2021, 10:23:11 p.m.",
        "Jun 16, 2022 01:27am",
    ):
        plain = dates._plain_named_month(text)
        match = dates._named_month().fullmatch(text)
        assert plain is not None and match is not None and plain == match.groups(), text


def test_first_uses_is_true_for_its_first_calls_then_false() -> None:
    early = patterns.first_uses(3)
    assert [early() for _ in range(5)] == [True, True, True, False, False]
    assert patterns.first_uses(0)() is False


def test_month_name_dates_read_the_same_before_and_after_the_stand_in_gives_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run's first dates go by _plain_named_month, the rest by the pattern: the same dates (read
    by the slow path, which _usual_date spares the usual shapes)."""
    texts = ["May 18, 2022 11:03 AM", "18 May 2022", "Dec 15, 2025 5:28 AM EST", "3 Mar. 2021, 10:23:11 p.m."]
    monkeypatch.setattr(dates, "_early_named_month", patterns.first_uses(len(texts)))
    early = [dates._normalized(text, dates.DEFAULT_OPTIONS, "date") for text in texts]
    assert dates._early_named_month() is False
    assert [dates._normalized(text, dates.DEFAULT_OPTIONS, "date") for text in texts] == early
    assert all(parsed.iso for parsed in early)


_LONG_S, _KELVIN = "\u017f", "\u212a"  # what IGNORECASE also matches for s and k
_SPACES = st.sampled_from(["", " ", "  ", "\t", "\n", "\r", "\x1c", "\xa0", " \n "])
_TAILS = st.sampled_from(["", " AI on 2025", "_x", "x", "1", ":", "\u00e9", "a\nb", " | X", _KELVIN])


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


_posted_views = _joined(
    st.sampled_from(["posted", "Posted", "POSTED", f"po{_LONG_S}ted", "poste", "posted "]),
    st.sampled_from([" by", " By", " bY", "by", "  by", " b", "\tby"]),
    _TAILS,
    _TAILS,
)
_share_views = _joined(
    st.sampled_from(["share", "Share", "SHARE", f"{_LONG_S}hare", "shar", " share"]),
    st.sampled_from(["", " this", " This", "this", "  this", " thi"]),
    _SPACES,
    st.sampled_from([":", "", ";", "::"]),
    _SPACES,
    _TAILS,
    _TAILS,
)
_continued_lines = _joined(
    _SPACES,
    st.sampled_from(["share", "Visits", "VIEWS", "reads", "Last", "updated", "shar", "update", "x", ""]),
    _TAILS,
)


@given(_posted_views)
def test_the_posted_line_test_is_the_patterns(view: str) -> None:
    from artparse.dialects.posted_by import _is_posted_line, _posted

    assert _is_posted_line(view) == (_posted().match(view) is not None)


@given(_share_views)
def test_the_share_line_reader_is_the_patterns(view: str) -> None:
    from artparse.dialects.posted_by import _share, _share_rest

    share = _share().match(view)
    assert _share_rest(view) == (None if share is None else share["rest"])


@given(_continued_lines, st.sampled_from([".", " end.", ". ", ".\u00e9", ""]))
def test_a_sentence_is_told_from_a_header_line_as_the_pattern_told_it(line: str, end: str) -> None:
    """The words a Share, Visits or Updated line opens with, as the pattern they stand in for
    read them (_is_sentence looks at ASCII lines only)."""
    from artparse.dialects.posted_by import _is_sentence

    line += end
    opens = re.compile(r"\s*(?:share|visits|views|reads|last|updated)", re.IGNORECASE).match(line)
    assert _is_sentence(line) == (line.isascii() and line.rstrip().endswith(".") and opens is None)


def test_ascii_header_lines_are_read_without_the_patterns() -> None:
    from artparse.dialects.posted_by import _is_posted_line, _share_rest

    assert _is_posted_line("Posted by AI on 2025-11-01") and not _is_posted_line("Posted byline")
    assert _share_rest("Share this : Facebook | X") == "Facebook | X"
    assert _share_rest("Share: Whatsapp | Linkedin Visits: 95,558") == "Whatsapp | Linkedin Visits: 95,558"
