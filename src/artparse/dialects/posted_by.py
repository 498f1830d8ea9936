"""posted-by: the seed site's header, in all the shapes real scrapes give it.

    Optional title line
    Posted by AI on 2025-11-01 04:23:00 | Last Updated by AI on 2025-12-15 05:28:33
    Share: Facebook | Twitter | Whatsapp | Linkedin Visits: 5

Only the top of the file is read: the Posted line must come first, or right after one title line
(blank lines allowed). Parts and following lines that the vocabulary reads (`Category:`, `Tags:`,
`Published:`, `2 comments`, in any listed language) fill their fields as in the byline dialect.
The author is everything before the *last* " on " of its part, so names such as "Ahmed on Behalf
of LANA" survive; without a date, the author must read as a name ("Posted by the end of...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from artparse.dialects.header import (
    MAX_HEADER_LINE,
    MAX_LABELLED_LINE,
    Header,
    header_view,
    read_count,
)
from artparse.patterns import on_first_use

if TYPE_CHECKING:
    from artparse.dialects.vocabulary import Part

# The vocabulary (dialects.vocabulary, dialects.byline) is imported where it is used: the common
# posted-by header never needs it, and a one-file run does not pay for it at start-up.

NAME = "posted-by"

TOP_LINES = 8  # the Posted line is looked for among the first lines only
HEADER_LINES = 8  # lines after it that may still be header (Share, Visits, blanks)

_posted = on_first_use(r"posted by\b", re.IGNORECASE)
_UPDATED = re.compile(r"(?:last )?updated\b:?\s*(?P<rest>.*)", re.IGNORECASE)
_share = on_first_use(r"share(?: this)?\s*:\s*(?P<rest>.*)", re.IGNORECASE)
_share_inside = on_first_use(r"(?:^|\s|\|)share(?: this)?\s*:\s*(?P<rest>.*)", re.IGNORECASE)
_VISITS = re.compile(r"(?P<label>visits|views|reads)\s*:?\s*(?P<count>\S.*)$", re.IGNORECASE)
_field = on_first_use(r"(?P<key>[^:]{1,40}?)\s*:\s*(?P<value>.+)")
_segment_break = on_first_use(r"\s*[|·•]\s*|(?<!last)\s+(?=(?:last )?updated (?:by|on)\b)", re.IGNORECASE)
_channel_break = on_first_use(r"\s*[|,·•]\s*")
_MAY_CONTINUE = ("share", "visits", "views", "reads", "last", "updated")
"""What the view of a Share, Visits or Updated line starts with (_share, _VISITS, _UPDATED), in
lower case."""
_MAY_CONTINUE_LENGTH = max(map(len, _MAY_CONTINUE))  # of a line's start, lowered for them
# _posted and _share are compiled for text that is not ASCII only: ASCII header lines are read
# by str methods (_is_posted_line, _share_rest), which a one-file run's start-up does not compile.
_last_on = on_first_use(r"^(?P<who>.*) on (?P<when>.+)$", re.IGNORECASE)


USUAL_LINES = 2 + HEADER_LINES
"""How many lines of the top read_usual reads at most: the Posted line first or second, then
HEADER_LINES more."""


def parse(lines: Sequence[str]) -> Header | None:
    """Read a posted-by header from the top of `lines`, or None when there is none."""
    usual = read_usual(lines)
    return usual if usual is not None else _any_header(lines)


def usual_top(text: str) -> list[str] | None:
    """The lines of `text` (line breaks plain) that read_usual reads, then the rest as one item:
    the first four lines, or USUAL_LINES when the fourth is one the reader may read past (a blank
    or Share line below a Posted line that is first or second); fewer when `text` has fewer.
    None when neither of its first two lines opens with "Posted by " (or the first is too long
    to be header): read_usual reads no header there, and the text is not split for it."""
    if not text.startswith(_USUAL_POSTED):
        first_end = text.find("\n", 0, MAX_HEADER_LINE + 1)
        if first_end < 0 or not text.startswith(_USUAL_POSTED, first_end + 1):
            return None
    top = text.split("\n", 4)
    if len(top) > 4 and (top[3].startswith(_USUAL_SHARE) or not top[3] or top[3].isspace()):
        return text.split("\n", USUAL_LINES)
    return top


def read_usual(lines: Sequence[str]) -> Header | None:
    """The usual header (_usual_header) as parse reads it, read from the first USUAL_LINES of
    `lines` only; None for any other text, which parse reads by the general steps."""
    posted = _usual_posted_line(lines)
    return _usual_header(lines, *posted) if posted is not None else None


def _any_header(lines: Sequence[str]) -> Header | None:
    found = _find_posted_line(lines)
    if found is None:
        return None
    title, posted, view = found
    header = Header(body_start=posted + 1, title=title)
    _read_posted_line(view, header)
    if header.published_raw is None and header.author and not _looks_like_a_name(header.author):
        return None  # "Posted by the end of the week, ...": a sentence, not a header
    _read_following_lines(lines, posted + 1, header)
    return header


_USUAL_POSTED = "Posted by "
_USUAL_SHARE = "Share: "


def _usual_header(lines: Sequence[str], index: int, title: str | None) -> Header | None:
    """The usual header, read as _any_header reads it without its general steps: an ASCII
    "Posted by NAME on DATE" line (at `index`, after `title`: _usual_posted_line), perhaps with
    one "| Last Updated by NAME on DATE" part; then Share lines and blank lines up to the body.
    None for any other header: _any_header reads it."""
    header = Header(index + 1, title)  # body_start, title
    if _read_usual_posted_line(header_view(lines[index]), header) and _read_usual_following_lines(
        lines, index + 1, header
    ):
        return header
    return None


def _usual_posted_line(lines: Sequence[str]) -> tuple[int, str | None] | None:
    """(index, title) of an ASCII Posted line first or after a title line, as _find_posted_line
    finds it; None when it is not so (or the title is a header line: the byline reader's)."""
    if not lines:
        return None
    first = lines[0]
    if first.startswith(_USUAL_POSTED):
        return (0, None) if _may_be_usual(first) else None
    if (
        len(lines) < 2
        or not lines[1].startswith(_USUAL_POSTED)
        or not _may_be_usual(first)
        or not _may_be_usual(lines[1])
    ):
        return None
    title = header_view(first)
    if not title or title.lower().startswith("posted by") or _is_header_line(title):
        return None
    return 1, title


def _may_be_usual(line: str) -> bool:
    return line.isascii() and len(line) <= MAX_HEADER_LINE


def _read_usual_posted_line(view: str, header: Header) -> bool:
    """Read the usual Posted line's view as _read_posted_line does; False when it is not usual:
    it names a share, a dash may part a date from more parts, there is more than one bar, its
    only Updated part is not the second, or a part lacks " on DATE" or opens with "on"."""
    lowered = view.lower()  # "posted by NAME on DATE | last updated by NAME on DATE"
    bar = view.find("|")
    if "share" in lowered or " -" in view or (bar >= 0 and view.find("|", bar + 1) >= 0):
        return False
    if lowered.count("updated") != (bar >= 0) or lowered.startswith("on ", 10):
        return False  # "updated" but in the opening of a part after the bar (_read_usual_updated)
    end = bar if bar >= 0 else len(view)
    # A view has single spaces and none at its ends: its text after "Posted by" starts at 10
    # (_who_and_when's strip), and its last " on " after that is _who_and_when's.
    on = lowered.rfind(" on ", 10, end)
    published = view[on + 4 : end].strip()
    if on < 0 or not published:
        return False
    header.author, header.published_raw = view[10:on], published
    return bar < 0 or _read_usual_updated(view, lowered, bar + 1, header)


_LAST_UPDATED_BY, _UPDATED_BY = "last updated by ", "updated by "  # an Updated part's openings, lowered


def _read_usual_updated(view: str, lowered: str, start: int, header: Header) -> bool:
    """The Updated part of the Posted line's view from `start`, "Last Updated by NAME on DATE",
    read as _read_segment does; False when it is not so (or lacks " on DATE", or is empty: then
    the one "updated" that _read_usual_posted_line counted is before the bar). The view holds no
    other "updated", before which _segments might cut."""
    start += view.startswith(" ", start)  # its strip
    if lowered.startswith(_LAST_UPDATED_BY, start):
        start += len(_LAST_UPDATED_BY)
    elif lowered.startswith(_UPDATED_BY, start):
        start += len(_UPDATED_BY)
    else:
        return False
    if lowered.startswith("on ", start):
        return False
    on = lowered.rfind(" on ", start)  # the part runs to the view's end, with no space there
    if on < 0:
        return False
    header.updated_by, header.updated_raw = view[start:on], view[on + 4 :]
    return True


def _read_usual_following_lines(lines: Sequence[str], start: int, header: Header) -> bool:
    """Share lines and blank lines up to the body, read as _read_following_lines reads them;
    False at any other line before the body."""
    for index in range(start, min(len(lines), start + HEADER_LINES)):
        line = lines[index]
        if len(line) > MAX_HEADER_LINE:
            return True
        if line.startswith(_USUAL_SHARE):  # not a sentence: it opens with "share"
            view = header_view(line)
            if view is not line or not _read_usual_share(line, header):  # (a line is its own view)
                _read_share(view[len(_USUAL_SHARE) :], header)
            header.body_start = index + 1
        elif _is_sentence(line):
            return True
        elif line and not line.isspace():
            return False  # blank lines are passed over, as their views are empty
    return True


def _read_usual_share(view: str, header: Header) -> bool:
    """Read the usual Share line, "Share: Facebook | Twitter Visits: 12,345", which is its own
    view (printable ASCII, single spaces), as _read_share reads what follows "Share: "; False,
    having read nothing, when it is not usual: a comma among the channels, or the first of
    _VISITS' labels not "visits: " after a space (then _read_share reads it)."""
    lowered = view.lower()
    at = lowered.find("visits", len(_USUAL_SHARE))
    before = lowered[:at]
    if (
        at < 0
        or lowered[at - 1 : at + 8] != " visits: "
        or "views" in before
        or "reads" in before
        or "," in before
    ):
        return False
    # _VISITS matches at its first label: the count is all after ": " (a view has no line
    # break, and no space at its end or after another).
    header.visits = read_count(view[at + 8 :], header.warnings)
    channels = view[len(_USUAL_SHARE) : at - 1].replace(" |", "|").replace("| ", "|")  # single spaces
    header.share.extend(filter(None, channels.split("|")))  # as _channels cuts and strips them
    return True


def _find_posted_line(lines: Sequence[str]) -> tuple[str | None, int, str] | None:
    """(title, index of the Posted line, its view), allowing one title line before it."""
    title = None
    for index, line in enumerate(lines[:TOP_LINES]):  # top_views(lines, TOP_LINES), without its generator
        if len(line) > MAX_HEADER_LINE:
            return None
        view = header_view(line)
        if not view:
            continue
        if _is_posted_line(view):
            if title is not None and _is_header_line(title):
                return None  # a header line above the Posted line: the byline reader takes both
            return title, index, view
        if title is not None:
            return None
        title = view
    return None


def _read_posted_line(view: str, header: Header) -> None:
    header_text = view[len("posted by") :]  # _find_posted_line matched it at the start
    header_text = header_text.removeprefix(":")  # "Posted by: admin"
    share = _share_inside().search(header_text) if _may_hold(header_text, "share") else None
    if share:
        _read_share(share["rest"], header)
        header_text = header_text[: share.start()]
    posted, *others = _segments(header_text)
    header.author, published = _who_and_when(posted)
    header.published_raw, more = _date_then_parts(published)
    _read_segments(more + others, header)


def _read_following_lines(lines: Sequence[str], start: int, header: Header) -> None:
    for index in range(start, min(len(lines), start + HEADER_LINES)):
        if len(lines[index]) > MAX_HEADER_LINE or _is_sentence(lines[index]):
            return
        view = header_view(lines[index])
        if not view:
            continue
        if (share := _share_rest(view)) is not None:
            _read_share(share, header)
        elif _VISITS.match(view) or _UPDATED.match(view):
            _read_segments(_segments(view), header)
        elif _may_be_understood(view) and _understood(parts := _read_line(view)):
            _fill(header, parts)  # "Category: Politics | Tags: ports" and the like
        else:
            return
        header.body_start = index + 1


def _may_hold(text: str, word: str) -> bool:
    """False when ASCII `text` surely lacks `word` in any letter case (a regex with IGNORECASE
    may match more than ASCII letters in other text: the long s, U+017F, is an "s")."""
    return not text.isascii() or word in text.lower()


def _segments(text: str) -> list[str]:
    """_segment_break().split(text), quicker for ASCII text: cut at the bars and stripped, then
    cut before "updated by/on" in the pieces that hold the word."""
    if not text.isascii():
        return _segment_break().split(text)
    pieces = text.split("|")
    last = len(pieces) - 1
    found: list[str] = []
    for number, piece in enumerate(pieces):
        piece = piece.lstrip() if number else piece
        piece = piece.rstrip() if number < last else piece
        if _may_cut_before_updated(piece.lower()):
            found.extend(_segment_break().split(piece))
        else:
            found.append(piece)
    return found


def _may_cut_before_updated(lowered: str) -> bool:
    """Whether _segment_break() may cut this lower-case piece before an "updated": not when it
    holds none, nor when its only one opens it ("updated by ...", "last updated by ...")."""
    at = lowered.find("updated")
    if at < 0:
        return False
    opens = at == 0 or (at == 5 and lowered.startswith("last "))
    return not opens or lowered.find("updated", at + 1) >= 0


def _is_sentence(line: str) -> bool:
    """The body's first paragraph, told without its view (which costs most on a long line): an
    ASCII line that ends with a full stop, so not _may_be_understood, and opens with no word
    that a Share, Visits or Updated line opens with."""
    return (
        line.isascii()
        and line.rstrip().endswith(".")
        and not line.lstrip()[:_MAY_CONTINUE_LENGTH].lower().startswith(_MAY_CONTINUE)
    )


def _is_posted_line(view: str) -> bool:
    """Whether _posted() matches the start of `view`: for ASCII text, "posted by" in any case
    and no word character (a letter, a digit or _) after it."""
    head = view[:10]
    if not head.isascii():
        return _posted().match(view) is not None
    after = head[9:]
    return head[:9].lower() == "posted by" and not (after.isalnum() or after == "_")


def _share_rest(view: str) -> str | None:
    """_share().match(view)["rest"], None when it does not match: for ASCII text, "share" or
    "share this" in any case, spaces, a colon and spaces, then the rest up to a line break."""
    if not view.isascii():
        share = _share().match(view)
        return None if share is None else share["rest"]
    lowered = view.lower()
    if not lowered.startswith("share"):
        return None
    label = 10 if lowered.startswith(" this", 5) else 5  # then no colon after "share" either
    colon = len(view) - len(view[label:].lstrip())
    if view[colon : colon + 1] != ":":
        return None
    return view[colon + 1 :].lstrip().partition("\n")[0]


def _read_segments(segments: list[str], header: Header) -> None:
    for segment in segments:
        if segment:
            _read_segment(segment, header)


def _read_segment(segment: str, header: Header) -> None:
    """One `|`-separated part of a header line."""
    if match := _UPDATED.match(segment):
        rest = match["rest"]
        rest = rest[3:] if rest.lower().startswith("by ") else rest
        header.updated_by, updated = _who_and_when(rest)
        header.updated_raw, more = _date_then_parts(updated)
        _read_segments(more, header)
    elif match := _VISITS.match(segment):
        header.visits = read_count(match["count"], header.warnings)
    elif _understood(parts := _read_line(segment)):
        _fill(header, parts)
    elif match := _field().fullmatch(segment):
        header.extra[match["key"]] = match["value"]
    else:
        header.extra.setdefault("unrecognised", []).append(segment)
        header.warnings.append(f"unrecognised-header: {segment!r}")


def _is_header_line(view: str) -> bool:
    """A header line above the Posted line opens with a label or a number ("Published ...")."""
    return _opens_like_a_header(view) and bool(_vocabulary().is_header_line(_read_line(view)))


def _opens_like_a_header(view: str) -> bool:
    first_two = " ".join(view.split(maxsplit=2)[:2])
    return first_two[:1].isdigit() or bool(_vocabulary().might_be_header_line(first_two))


@cache
def _vocabulary() -> ModuleType:
    """dialects.vocabulary, imported once on first use (a per-call import costs on every file)."""
    from artparse.dialects import vocabulary

    return vocabulary


def _may_be_understood(view: str) -> bool:
    """A header line below the Posted line opens with a label or a number ("Tags: ..."), and is
    not a sentence (the body's first paragraph, which comes next in nearly every file)."""
    return len(view) <= MAX_LABELLED_LINE and not view.endswith(".") and _opens_like_a_header(view)


def _understood(parts: list[Part]) -> bool:
    """The vocabulary recognises every part, and the parts make a header line."""
    from artparse.dialects.vocabulary import UNKNOWN, is_header_line

    return is_header_line(parts) and all(part.role != UNKNOWN for part in parts)


def _read_line(view: str) -> list[Part]:
    parts: list[Part] = _vocabulary().read_line(view)
    return parts


def _fill(header: Header, parts: list[Part]) -> None:
    from artparse.dialects.byline import fill

    fill(header, parts)


def _looks_like_a_name(text: str) -> bool:
    from artparse.dialects.vocabulary import looks_like_name

    return looks_like_name(text, lax=True)


def _read_share(rest: str, header: Header) -> None:
    at = _first_visits_label(rest)
    visits = _VISITS.search(rest, at) if at >= 0 else None
    if visits:
        header.visits = read_count(visits["count"], header.warnings)
        rest = rest[: visits.start()]
    header.share.extend(filter(None, _channels(rest.strip())))


def _first_visits_label(text: str) -> int:
    """Where _VISITS' search may find its first match in `text` (it has no anchor nor look-behind:
    the scan can start there): at the first of its labels in ASCII text, -1 when there is none."""
    if not text.isascii():
        return 0
    found = _visits_label().search(text.lower())
    return found.start() if found else -1


_visits_label = on_first_use("visits|views|reads")
"""_VISITS' labels in lower case: a case-sensitive scan is quicker than _VISITS' own."""


def _channels(text: str) -> list[str]:
    """_channel_break().split(text) of a stripped text, quicker for ASCII text (str.split at the
    commas and bars, each piece stripped)."""
    if not text.isascii():
        return _channel_break().split(text)
    return [piece.strip() for piece in text.replace(",", "|").split("|")]


def _date_then_parts(when: str | None) -> tuple[str | None, list[str]]:
    """ "1 Jan 2000 — 5 views — Tags: ports": the date, then the parts after it that the
    vocabulary's separators cut off (a time cut off from its date stays with it). Unless the
    vocabulary reads one date at the start and no other date after it, `when` stays whole."""
    if when is None or (when.isascii() and " -" not in when):
        return when, []  # no separator but a bar, which _segments has cut at already
    vocabulary = _vocabulary()
    first, *rest = vocabulary.read_line(when)
    if first.role != vocabulary.DATE or first.span[0] != 0 or not rest:
        return when, []
    if any(part.role in vocabulary.DATE_ROLES for part in rest):
        return when, []
    return first.value, vocabulary.separated(when[first.span[1] :])


def _who_and_when(text: str) -> tuple[str | None, str | None]:
    """Split "NAME on DATE" at the last " on "; either side may be missing."""
    text = text.strip()
    lowered = text.lower()
    if lowered.startswith("on "):
        return None, text[3:].strip() or None
    if text.isascii() and "\n" not in text:  # as _last_on() reads it, without its backtracking
        last = lowered.rfind(" on ")
        who, when = (text[:last], text[last + 4 :]) if last >= 0 else (None, None)
    elif match := _last_on().match(text):
        who, when = match["who"], match["when"]
    else:
        who = when = None
    if who is None or when is None:
        return text or None, None
    return who.strip() or None, when.strip() or None
