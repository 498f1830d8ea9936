"""The sinks (see pipeline.py for the interface): records as text, the database, the report, a tee.

Each sink comes with its Render: a plain value the workers build their render function from,
so that the work of turning an Article into output (JSON text, CSV rows, database values) is
done in the workers, and the main process only writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

from artparse.formats import BY_NAME
from artparse.outcomes import ContainerEnd, Outcome, Records, Rendered, Unchanged, Unjoined
from artparse.record import FIELDS, Article
from artparse.sources import OwnOutput

if TYPE_CHECKING:
    from artparse.database import Database
    from artparse.outcomes import Joiner, Render
    from artparse.report import Figures
    from artparse.stamps import FileStamp
    from artparse.tally import Tally


# The Renders are plain classes: a NamedTuple costs ten times more to define, at start-up.


class TextRender:
    """Records as the text of a records format, cut to `fields`."""

    __slots__ = ("fields", "fmt", "neutralise")

    def __init__(self, fmt: str, fields: tuple[str, ...] = FIELDS, neutralise: bool = True) -> None:
        self.fmt = fmt
        self.fields = fields
        self.neutralise = neutralise

    def build(self) -> Callable[[Article], object]:
        writer = BY_NAME[self.fmt].writer
        assert writer is not None, self.fmt
        whole = writer.article_renderer(neutralise=self.neutralise) if self.fields == FIELDS else None
        return whole or _cut(writer.renderer(neutralise=self.neutralise), self.fields)

    def joiner(self) -> Joiner | None:
        writer = BY_NAME[self.fmt].writer
        assert writer is not None, self.fmt
        joint = writer.joint
        if joint is None:
            return None

        def joined(run: list[Rendered]) -> object:
            return joint.join([cast(str, outcome.payload) for outcome in run])

        return joined


def _cut(render: Callable[[dict[str, Any]], object], fields: tuple[str, ...]) -> Callable[[Article], object]:
    if fields == FIELDS:
        return lambda article: render(article.to_dict())

    def cut(article: Article) -> object:
        record = article.to_dict()
        return render({name: record[name] for name in fields})

    return cut


class _Quiet:
    """What most sinks do about stamps: nothing."""

    records_stamps = False

    def known(self, path: str) -> FileStamp | None:
        return None


class TextSink(_Quiet):
    """Records in a text format (jsonl, json, csv, tsv, pretty) written to a stream."""

    def __init__(
        self,
        fmt: str,
        stream: TextIO,
        own_output: OwnOutput,
        fields: tuple[str, ...] = FIELDS,
        *,
        neutralise: bool = True,
        bom: bool = False,
    ) -> None:
        from artparse.writers import make_writer

        self.render: Render = TextRender(fmt, fields, neutralise)
        self.own_output = own_output
        self._writer = make_writer(fmt, stream, fields, neutralise=neutralise, bom=bom)

    def take(self, outcome: Outcome) -> None:
        if isinstance(outcome, Rendered | Records):
            assert isinstance(outcome.payload, str)
            self._writer.write_rendered(outcome.payload)

    def finish(self, tally: Tally) -> None:
        self._writer.close()


class FiguresRender(Unjoined):
    """Only the record fields the report counts."""

    __slots__ = ()

    def build(self) -> Callable[[Article], object]:
        from artparse.report import USED_FIELDS

        return _cut(lambda record: record, USED_FIELDS)


class ReportSink(_Quiet):
    """The report for people on the run's records (and failures), drawn when the run ends."""

    render: Render = FiguresRender()

    def __init__(self, stream: TextIO, own_output: OwnOutput, strict: bool) -> None:
        from artparse.report import Figures

        self.own_output = own_output
        self.figures: Figures = Figures()
        self._stream = stream
        self._strict = strict

    def take(self, outcome: Outcome) -> None:
        if isinstance(outcome, Rendered):
            assert isinstance(outcome.payload, dict)
            self.figures.add(outcome.payload)

    def finish(self, tally: Tally) -> None:
        show_report(self.figures, tally, self._strict, self._stream)


def show_report(figures: Figures, tally: Tally | None, strict: bool, out: TextIO) -> None:
    """The report on `figures`, and on the run's failures when there was a run."""
    from artparse.report import render

    if tally is not None:
        figures.failures = tally.failure_reasons
        figures.run = tally.summary(strict)
    render(figures, out, terminal=out.isatty())


class RecordRender(Unjoined):
    """Records as dicts of the JSON-native values, cut to `fields` (Parquet, a dask.bag)."""

    __slots__ = ("fields",)

    def __init__(self, fields: tuple[str, ...] = FIELDS) -> None:
        self.fields = fields

    def build(self) -> Callable[[Article], object]:
        return _cut(lambda record: record, self.fields)


class ParquetSink(_Quiet):
    """Records into a Parquet file (parquet.py), in row groups as they come."""

    def __init__(self, stream: BinaryIO, own_output: OwnOutput, fields: tuple[str, ...] = FIELDS) -> None:
        from artparse.parquet import ParquetWriter

        self.render: Render = RecordRender(fields)
        self.own_output = own_output
        self._writer = ParquetWriter(stream, fields)

    def take(self, outcome: Outcome) -> None:
        if isinstance(outcome, Rendered):
            assert isinstance(outcome.payload, dict)
            self._writer.write(outcome.payload)

    def finish(self, tally: Tally) -> None:
        self._writer.close()


class RowRender:
    """Records as the values of an `articles` row; a run of them as the rows with their files'."""

    __slots__ = ()

    def build(self) -> Callable[[Article], object]:
        from artparse.database import row_values

        return lambda article: row_values(article.to_dict())

    def joiner(self) -> Joiner:
        from artparse.database import added

        def joined(run: list[Rendered]) -> object:
            return [
                added(_path(outcome), cast("list[Any]", outcome.payload), outcome.stamp) for outcome in run
            ]

        return joined


class DatabaseSink:
    """Records and file stamps upserted into an open artparse database."""

    render: Render = RowRender()
    records_stamps = True

    def __init__(self, database: Database, path: str) -> None:
        self._database = database
        identity = database.identity()
        journal = re.compile(re.escape(os.path.basename(path)) + "-(?:journal|wal|shm)")
        self.own_output = OwnOutput(frozenset([identity] if identity else []), journal)

    def prune(self, paths: Sequence[str]) -> int:
        return self._database.prune(paths)

    def known(self, path: str) -> FileStamp | None:
        return self._database.known(path)

    def take(self, outcome: Outcome) -> None:
        if isinstance(outcome, Rendered):
            assert isinstance(outcome.payload, list)
            self._database.add(_path(outcome), outcome.payload, outcome.stamp)
        elif isinstance(outcome, Records):
            assert isinstance(outcome.payload, list)
            self._database.add_all(outcome.payload)
        elif isinstance(outcome, Unchanged) and outcome.stamp is not None:
            self._database.save(outcome.path, None, outcome.stamp)
        elif isinstance(outcome, ContainerEnd):
            self._database.container_read(outcome.path, outcome.places, outcome.stamp)

    def finish(self, tally: Tally) -> None:
        """The database commits when its context closes."""


def _path(outcome: Rendered) -> str:
    """The record's file as the file system spells it."""
    path = outcome.path if outcome.path is not None else outcome.source
    assert path is not None
    return path


class TeeRender(Unjoined):
    __slots__ = ("renders",)

    def __init__(self, renders: tuple[Render, ...]) -> None:
        self.renders = renders

    def build(self) -> Callable[[Article], object]:
        built = [render.build() for render in self.renders]
        return lambda article: tuple(render(article) for render in built)


class Tee:
    """Every outcome to each of `sinks`, each with its own payload."""

    def __init__(self, *sinks: Any) -> None:
        self._sinks = sinks
        self.render: Render = TeeRender(tuple(sink.render for sink in sinks))
        self.own_output = merged(*(sink.own_output for sink in sinks))
        self.records_stamps = any(sink.records_stamps for sink in sinks)

    def known(self, path: str) -> FileStamp | None:
        return next((sink.known(path) for sink in self._sinks if sink.records_stamps), None)

    def take(self, outcome: Outcome) -> None:
        if not isinstance(outcome, Rendered):
            for sink in self._sinks:
                sink.take(outcome)
            return
        assert isinstance(outcome.payload, tuple)
        for sink, payload in zip(self._sinks, outcome.payload, strict=True):
            sink.take(outcome._replace(payload=payload))

    def finish(self, tally: Tally) -> None:
        for sink in self._sinks:
            sink.finish(tally)


def merged(*outputs: OwnOutput) -> OwnOutput:
    """Everything that any of `outputs` holds."""
    files = frozenset().union(*(output.files for output in outputs))
    patterns = [output.temporary_name.pattern for output in outputs if output.temporary_name is not None]
    return OwnOutput(files, re.compile("|".join(patterns)) if patterns else None)
