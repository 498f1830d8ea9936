"""Errors that artparse reports per input, as one line, without a traceback."""

from __future__ import annotations


class ArtparseError(Exception):
    """Base class of every error artparse reports for one input."""


class InputError(ArtparseError):
    """An input could not be read or decoded; the message is the reason."""


class BinaryInput(InputError):
    """The input holds binary data: skipped in a directory walk, an error when named."""
