"""Parquet output: the Arrow schema derived from the record's, and the streaming writer."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from artparse import parse_text
from artparse.record import FIELDS, json_schema
from tests.conftest import SAMPLE_TEXTS, SEED

pa = pytest.importorskip("pyarrow", reason="Parquet output needs pyarrow: pip install 'artparse[parquet]'")
pq = pytest.importorskip("pyarrow.parquet")

from artparse.arrow import arrow_schema, columns, utc_instant  # noqa: E402
from artparse.parquet import ParquetWriter  # noqa: E402


def _records() -> list[dict[str, object]]:
    return [
        parse_text(path.read_text(encoding="utf-8"), source=path.name, tz="Africa/Tripoli").to_dict()
        for path in SAMPLE_TEXTS
    ]


def test_every_record_field_is_a_column_in_order_with_utc_beside_each_date() -> None:
    expected = []
    for name in FIELDS:
        expected.append(name)
        if name in ("published", "updated"):
            expected.append(f"{name}_utc")
    assert arrow_schema().names == expected == columns()


@pytest.mark.parametrize(
    ("name", "arrow_type", "nullable"),
    [
        ("source", "string", True),
        ("title", "string", True),
        ("published", "string", True),
        ("published_utc", "timestamp[us, tz=UTC]", True),
        ("share", "list<item: string>", False),
        ("tags", "list<item: string>", False),
        ("warnings", "list<item: string>", False),
        ("visits", "int64", True),
        ("words", "int64", False),
        ("extra", "extension<arrow.json>", False),
        ("body", "string", False),
    ],
)
def test_column_types(name: str, arrow_type: str, nullable: bool) -> None:
    field = arrow_schema().field(name)
    assert (str(field.type), field.nullable) == (arrow_type, nullable)


def test_the_schema_carries_the_json_schema_descriptions() -> None:
    described = json_schema()["properties"]["visits"]["description"]
    assert arrow_schema().field("visits").metadata[b"description"].decode() == described


@pytest.mark.parametrize(
    ("iso", "instant"),
    [
        ("2025-11-01T04:23:00+02:00", datetime(2025, 11, 1, 2, 23, tzinfo=UTC)),
        ("2021-03-03T10:23:00-05:00", datetime(2021, 3, 3, 15, 23, tzinfo=UTC)),
        ("2025-12-31T23:30:00.250000-01:00", datetime(2026, 1, 1, 0, 30, 0, 250000, tzinfo=UTC)),
        ("2025-11-01T04:23:00+00:00", datetime(2025, 11, 1, 4, 23, tzinfo=UTC)),
        ("2025-11-01T04:23:00", None),  # no offset: no instant
        ("2025-11-01", None),
        ("2021-03", None),
        ("2021", None),
        (None, None),
    ],
)
def test_utc_instant_only_for_a_time_with_an_offset(iso: str | None, instant: datetime | None) -> None:
    assert utc_instant(iso) == instant


def test_rows_equal_the_records_field_for_field() -> None:
    records = _records()
    rows = pq.read_table(_written(records)).to_pylist()
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert {name: row[name] for name in FIELDS if name != "extra"} == {
            name: record[name] for name in FIELDS if name != "extra"
        }
        assert json.loads(row["extra"]) == record["extra"]
        assert row["published_utc"] == utc_instant(record["published"])  # type: ignore[arg-type]


def test_the_seed_in_its_site_zone_has_its_utc_instants() -> None:
    record = parse_text(SEED.read_text(encoding="utf-8"), tz="Africa/Tripoli").to_dict()
    row = pq.read_table(_written([record])).to_pylist()[0]
    assert row["published"] == "2025-11-01T04:23:00+02:00"  # the ISO string kept exactly
    assert row["published_utc"] == datetime(2025, 11, 1, 2, 23, tzinfo=UTC)
    assert row["updated_utc"] == datetime(2025, 12, 15, 3, 28, 33, tzinfo=UTC)


def test_row_groups_are_written_while_records_stream() -> None:
    record = _records()[0]
    out = io.BytesIO()
    writer = ParquetWriter(out, rows=10)
    for _ in range(25):
        writer.write(record)
    written_before_close = len(out.getvalue())
    writer.close()
    assert written_before_close > 1000  # two row groups are out before the last record's
    assert pq.ParquetFile(io.BytesIO(out.getvalue())).metadata.num_row_groups == 3


def test_a_row_group_is_cut_by_size_too() -> None:
    record = {**_records()[0], "body": "word " * 1000}  # 5,000 characters: 4 records pass 20,000
    out = io.BytesIO()
    writer = ParquetWriter(out, size=20_000)
    for _ in range(10):
        writer.write(record)
    writer.close()
    groups = pq.ParquetFile(io.BytesIO(out.getvalue())).metadata
    assert [groups.row_group(i).num_rows for i in range(groups.num_row_groups)] == [4, 4, 2]


def test_chosen_fields_only(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = ParquetWriter(out, ("source", "published"))
    writer.write({"source": "a.txt", "published": "2025-01-01T10:00:00+01:00"})
    writer.close()
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.column_names == ["source", "published", "published_utc"]
    assert table.to_pylist()[0]["published_utc"] == datetime(2025, 1, 1, 9, tzinfo=UTC)


def test_pandas_reads_it() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas comes with artparse[dask]")
    records = _records()
    frame = pandas.read_parquet(_written(records))
    assert list(frame["source"]) == [record["source"] for record in records]
    assert list(frame["words"]) == [record["words"] for record in records]


def _written(records: list[dict[str, object]]) -> io.BytesIO:
    """`records` written by ParquetWriter, as a file to read back."""
    out = io.BytesIO()
    writer = ParquetWriter(out)
    for record in records:
        writer.write(record)
    writer.close()
    return io.BytesIO(out.getvalue())
