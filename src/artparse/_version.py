"""artparse's version, written here only: pyproject.toml reads it (hatch), and a database run
reads it without importlib.metadata, which costs a database run about 25 ms of start-up."""

__version__ = "0.1.0"
