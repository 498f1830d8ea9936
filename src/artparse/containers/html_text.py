"""The text of an HTML page, as a browser's "save as text" gives it: a crawl's text/html responses.

Lines break where blocks do (paragraphs, headings, list items, table rows, `<br>`); runs of
spaces inside a line are one space, except in `<pre>`; what a browser does not show (scripts,
styles, templates, SVG, the window's title) is left out. Entities are decoded.
Nothing is guessed about which part is the article: the dialects read the lines as they read
any text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN = frozenset({"title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
"""What a page does not show in its body (the title is the window's)."""
PARAGRAPHS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "details", "dl", "fieldset", "figure"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol"),
        *("p", "pre", "section", "table", "ul"),
    }
)
"""Blocks set off by a blank line."""
LINES = frozenset({"br", "caption", "dd", "div", "dt", "figcaption", "li", "summary", "td", "th", "tr"})
"""Blocks that start a new line."""
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        elif tag == "pre":
            self._pre += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in PARAGRAPHS:
            self.parts.append("\n\n")

    def _break(self, tag: str) -> None:
        if tag in PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in LINES:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def html_text(markup: str) -> str:
    """The text of the page `markup`; markup that html.parser cannot follow ends the text there."""
    reader = _Text()
    try:
        reader.feed(markup)
        reader.close()
    except (AssertionError, AttributeError, ValueError):  # broken marked sections and the like
        pass
    lines = [line.strip(" ") for line in "".join(reader.parts).split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
