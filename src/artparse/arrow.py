"""The record as Apache Arrow: one fixed schema derived from the record's JSON Schema, and
records (dicts, as JSON Lines writes them) to Arrow tables.

Lists are `list<string>`, integers `int64`, `extra` the canonical `arrow.json` type (JSON text;
Parquet's JSON logical type). Each date field keeps its ISO 8601 string exactly, and is followed
by `<name>_utc`, a UTC timestamp when the value has a time and an offset, else null: a date
without an offset names no instant, so it gets none. Needs pyarrow (the `parquet` extra).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from artparse.extras import require
from artparse.record import DATE_FIELDS, FIELDS, SCHEMA_VERSION, JSONValue, property_schema

if TYPE_CHECKING:
    import pyarrow as pa

UTC_SUFFIX = "_utc"
PURPOSE = "Parquet output"
SCHEMA_VERSION_KEY = b"artparse.schema_version"
"""The key of the file metadata that marks a Parquet file as artparse's output (output.py)."""


def _pyarrow() -> Any:
    return require("pyarrow", PURPOSE)


def columns(fields: Sequence[str] = FIELDS) -> list[str]:
    """The column names for these record fields: each date field followed by its `_utc` column."""
    names: list[str] = []
    for name in fields:
        names.append(name)
        if name in DATE_FIELDS:
            names.append(name + UTC_SUFFIX)
    return names


def arrow_schema(fields: Sequence[str] = FIELDS) -> pa.Schema:
    """The Arrow schema of records cut to `fields`, nullability and descriptions from the JSON Schema."""
    pa = _pyarrow()
    arrow_fields = []
    for name in fields:
        schema = property_schema(name)
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        description = {"description": schema["description"]}
        arrow_fields.append(pa.field(name, _arrow_type(pa, name, schema), "null" in types, description))
        if name in DATE_FIELDS:
            note = {"description": f"{name} as a UTC instant, when it has a time and an offset"}
            arrow_fields.append(pa.field(name + UTC_SUFFIX, pa.timestamp("us", tz="UTC"), True, note))
    return pa.schema(arrow_fields, metadata={SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()})


def _arrow_type(pa: Any, name: str, schema: Mapping[str, JSONValue]) -> Any:
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    kind = next(kind for kind in kinds if kind != "null")
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "object":
        return pa.json_(pa.string())
    if kind == "array" and schema.get("items") == {"type": "string"}:
        return pa.list_(pa.string())
    raise ValueError(f"record field {name!r} has a JSON Schema type with no Arrow type here: {kind}")


def utc_instant(iso: str | None) -> datetime | None:
    """The UTC instant an ISO 8601 value names: only a date with a time and an offset names one."""
    if iso is None or "T" not in iso:
        return None
    moment = datetime.fromisoformat(iso)
    return None if moment.tzinfo is None else moment.astimezone(UTC)


def to_table(records: Sequence[Mapping[str, JSONValue]], schema: pa.Schema) -> pa.Table:
    """Records (dicts with the schema's record fields) as one Arrow table of that schema."""
    pa = _pyarrow()
    arrays = [pa.array(list(_column(records, field)), type=field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def _column(records: Sequence[Mapping[str, JSONValue]], field: Any) -> Iterable[object]:
    name: str = field.name
    base = name.removesuffix(UTC_SUFFIX)
    if name != base and base in DATE_FIELDS:
        return (utc_instant(record[base]) for record in records)
    if isinstance(field.type, _pyarrow().JsonType):
        return (_json_text(record[name]) for record in records)
    return (record[name] for record in records)


def _json_text(value: JSONValue) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def pandas_meta(fields: Sequence[str] = FIELDS) -> Any:
    """An empty pandas DataFrame with the Arrow schema's dtypes (pd.ArrowDtype), as Dask wants for meta."""
    import pandas as pd

    return arrow_schema(fields).empty_table().to_pandas(types_mapper=pd.ArrowDtype)
