"""Optional dependencies: each one is imported only by the run that uses it, and its absence
is one line naming the extra that installs it."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from artparse.errors import ArtparseError

EXTRAS = {"pyarrow": "parquet", "fsspec": "remote", "dask": "dask", "distributed": "dask", "pandas": "dask"}
"""The module and the `artparse[EXTRA]` that installs it (pyproject.toml's optional dependencies)."""


class MissingExtra(ArtparseError, ImportError):
    """An optional dependency that the run needs is not installed."""


def missing_message(module: str, purpose: str) -> str:
    package = module.split(".")[0]
    return f"{purpose} needs {package}: pip install 'artparse[{EXTRAS[package]}]'"


def require(module: str, purpose: str) -> ModuleType:
    """`module` imported, or MissingExtra saying which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(missing_message(module, purpose)) from error


def check(module: str, purpose: str) -> None:
    """MissingExtra when `module` is not installed, without importing it (no start-up cost)."""
    if importlib.util.find_spec(module) is None:
        raise MissingExtra(missing_message(module, purpose))
