"""Text to Article: pick the dialect, split header from body, normalise dates, count, warn.

Pure: no files, clock, environment or terminal.
"""

from __future__ import annotations

from datetime import date, datetime

from artparse.dates import MIN_DATE, DateOptions, normalize_date, precedes
from artparse.dialects import DIALECTS, Header
from artparse.record import Article
from artparse.zones import site_zone


def parse_text(
    text: str,
    *,
    source: str | None = None,
    dialect: str | None = None,
    dayfirst: bool = False,
    tz: str | None = None,
    utc: bool = False,
    now: datetime | None = None,
    min_date: date = MIN_DATE,
) -> Article:
    """Parse one article. `dialect` forces a dialect by name instead of detecting one.

    The date options: `dayfirst` reads 03/04/2021 as 3 April; `tz` (an IANA name) is the zone
    the site writes naive times in; `utc` converts aware dates to UTC; `now` is what relative
    dates count back from and what "in the future" means; dates before `min_date` get a warning.
    Never raises on any text; what the parser doubted is in the record's `warnings`.
    """
    if dialect is not None and dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; known: {', '.join(DIALECTS)}")
    zone = site_zone(tz) if tz is not None else None
    dates = DateOptions(dayfirst=dayfirst, zone=zone, utc=utc, now=now, min_date=min_date)
    lines = split_lines(text)
    found = _detect(lines, dialect)
    if found is None:
        return _headerless(lines, source, dialect)
    name, header = found
    return _article(name, header, lines, source, dates)


def split_lines(text: str) -> list[str]:
    """Lines without a BOM, split on CRLF, CR or LF only (never on U+2028 and its kin)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _detect(lines: list[str], forced: str | None) -> tuple[str, Header] | None:
    candidates = [forced] if forced else list(DIALECTS)
    for name in candidates:
        header = DIALECTS[name](lines)
        if header is not None:
            return name, header
    return None


def _headerless(lines: list[str], source: str | None, forced: str | None) -> Article:
    body = _body(lines, 0)
    wanted = f"a {forced} header" if forced else "a known header"
    return Article(
        source=source,
        body=body,
        words=len(body.split()),
        warnings=(f"no-header: {wanted} was not found; the whole text is the body",),
    )


def _article(name: str, header: Header, lines: list[str], source: str | None, dates: DateOptions) -> Article:
    warnings = list(header.warnings)
    published = _date(header.published_raw, "published", dates, warnings)
    updated = _date(header.updated_raw, "updated", dates, warnings)
    if published and updated and precedes(updated, published):
        warnings.append(f"updated-before-published: updated {updated} is before published {published}")
    body = _body(lines, header.body_start)
    return Article(
        source=source,
        dialect=name,
        title=header.title,
        author=header.author,
        published=published,
        published_raw=header.published_raw,
        updated=updated,
        updated_raw=header.updated_raw,
        updated_by=header.updated_by,
        share=tuple(header.share),
        visits=header.visits,
        tags=tuple(header.tags),
        words=len(body.split()),
        extra=header.extra,
        warnings=tuple(warnings),
        body=body,
    )


def _date(raw: str | None, label: str, dates: DateOptions, warnings: list[str]) -> str | None:
    if raw is None:
        return None
    parsed = normalize_date(raw, dates, label=label)
    warnings.extend(parsed.warnings)
    return parsed.iso


def _body(lines: list[str], start: int) -> str:
    """The lines from `start` on, without blank lines at either end."""
    end = len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
