"""Shell completion of the command line's values (click's mechanism: _ARTPARSE_COMPLETE).

PATH, -o and --rules complete as file and folder names (the shell does it), --dialect as the
dialect names and the rules of a --rules given before it, --tz as IANA zone names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem


def complete_path(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """File and folder names, completed by the shell itself."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def complete_dialect(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from artparse.dialects import DIALECTS

    rules = ctx.params.get("rules") or ()
    names = [*(rule.name for rule in rules), *DIALECTS]
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_zone(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """IANA zone names that start with what was typed, in any letter case (africa/tr: Africa/Tripoli)."""
    from zoneinfo import available_timezones

    from click.shell_completion import CompletionItem

    wanted = incomplete.casefold()
    return [
        CompletionItem(name) for name in sorted(available_timezones()) if name.casefold().startswith(wanted)
    ]
