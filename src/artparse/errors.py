"""Errors that artparse reports per input, as one line, without a traceback."""

from __future__ import annotations


class ArtparseError(Exception):
    """Base class of every error artparse reports for one input."""


class ArgumentError(ArtparseError, ValueError):
    """A library function was given a value it cannot use: an unknown zone, dialect or
    encoding, a size that is not positive."""


class ArgumentTypeError(ArtparseError, TypeError):
    """A library function was given a value of the wrong kind: a `now` that is not a datetime."""


class InputError(ArtparseError):
    """An input could not be read or decoded; the message is the reason."""


class SkippedInWalk(InputError):
    """An input that a directory walk skips and counts (binary, not a regular file, vanished);
    an error when it was named on the command line."""


class BinaryInput(SkippedInWalk):
    """The input holds binary data."""


class DatabaseError(ArtparseError):
    """The database could not be opened, read or written; the message names it and says why."""


class ClusterError(ArtparseError):
    """A cluster run could not be done (the scheduler unreachable, a partition failed for good)."""
