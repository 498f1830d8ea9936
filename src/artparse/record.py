"""The record: one flat, JSON-native object per article (DESIGN section 1)."""

from __future__ import annotations

from typing import Any

from artparse.frozen import dataclass, field, field_names

JSONValue = Any  # str | int | None | list[str] | dict[str, JSONValue]


@dataclass(frozen=True, kw_only=True)
class Article:
    """One parsed article. Field order is the JSON key order and the CSV column order."""

    source: str | None = None
    dialect: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_raw: str | None = None
    updated: str | None = None
    updated_raw: str | None = None
    updated_by: str | None = None
    share: tuple[str, ...] = ()
    visits: int | None = None
    tags: tuple[str, ...] = ()
    words: int = 0
    extra: dict[str, JSONValue] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    body: str = ""

    def to_dict(self) -> dict[str, JSONValue]:
        """The record as JSON-native values, in field order."""
        return {
            "source": self.source,
            "dialect": self.dialect,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "published_raw": self.published_raw,
            "updated": self.updated,
            "updated_raw": self.updated_raw,
            "updated_by": self.updated_by,
            "share": list(self.share),
            "visits": self.visits,
            "tags": list(self.tags),
            "words": self.words,
            "extra": self.extra,
            "warnings": list(self.warnings),
            "body": self.body,
        }


FIELDS: tuple[str, ...] = field_names(Article)

SCHEMA_VERSION = 1

_NULLABLE_STRING = {"type": ["string", "null"]}
_STRING_LIST = {"type": "array", "items": {"type": "string"}}
_ISO_FORMS = "ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[+HH:MM]"
_DATE = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2})?)?)?)?$",
}

_PROPERTIES: dict[str, dict[str, JSONValue]] = {
    "source": {
        "type": ["string", "null"],
        "description": "the path as given or found; '-' for stdin; for an article of a container "
        "(mbox, WARC/WET, SGML collection), the container's source, '#' and the article's place in "
        "it counting from 1 (archive.mbox#12); unique per record",
    },
    "dialect": {
        "type": ["string", "null"],
        "description": "the header format that matched: front-matter, posted-by, rfc822, byline, "
        "page, sgml (an element of an SGML collection), or the name of a --rules rule; null when "
        "none did",
    },
    "title": {**_NULLABLE_STRING, "description": "headline, when the file has one"},
    "author": {**_NULLABLE_STRING, "description": "who posted or wrote it, whitespace normalised"},
    "published": {**_DATE, "description": "publication date, " + _ISO_FORMS},
    "published_raw": {**_NULLABLE_STRING, "description": "the publication date as written"},
    "updated": {**_DATE, "description": "last update, " + _ISO_FORMS},
    "updated_raw": {**_NULLABLE_STRING, "description": "the update date as written"},
    "updated_by": {**_NULLABLE_STRING, "description": "who last updated it"},
    "share": {**_STRING_LIST, "description": "share channels named in the header"},
    "visits": {"type": ["integer", "null"], "minimum": 0, "description": "visit or view counter"},
    "tags": {**_STRING_LIST, "description": "tags, categories and keywords from the header"},
    "words": {"type": "integer", "minimum": 0, "description": "word count of the body"},
    "extra": {"type": "object", "description": "header fields that have no column of their own"},
    "warnings": {**_STRING_LIST, "description": "'kind: detail' notes on what the parser doubted"},
    "body": {"type": "string", "description": "the text after the header, blank edges removed"},
}


DATE_FIELDS: tuple[str, ...] = tuple(
    name for name in FIELDS if _PROPERTIES[name].get("pattern") == _DATE["pattern"]
)
"""The fields that hold an ISO 8601 date (section 3 of the design)."""


def property_schema(name: str) -> dict[str, JSONValue]:
    """The JSON Schema of one record field."""
    return _PROPERTIES[name]


def json_schema() -> dict[str, JSONValue]:
    """The record as a JSON Schema (draft 2020-12)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "artparse record",
        "description": f"One article parsed by artparse (record schema version {SCHEMA_VERSION}).",
        "type": "object",
        "properties": {name: _PROPERTIES[name] for name in FIELDS},
        "required": list(FIELDS),
        "additionalProperties": False,
    }
