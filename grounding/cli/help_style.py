"""Help text that reads like a Unix command's: `DIRECTORY` in the usage line, `--docs <path>`, and
flags without a type.

Recent typer versions print a required argument as `{directory}`, a repeated option as
`<list[Path]>` and every flag as `--json <bool>`, and offer no setting to change it. Two small
overrides of how typer names parameters in help fix that for every command at once; they touch
nothing but help output, and fall back to typer's own text on versions without these methods.
"""

from __future__ import annotations

import re

from typer import core

_LIST = re.compile(r"^<list\[(\w+)\]>$")


def install() -> None:
    argument, option = core.TyperArgument, getattr(core, "TyperOption", None)
    if hasattr(argument, "_usage_display_name") and not getattr(argument, "_groundqa_help", False):
        argument._usage_display_name = _usage_display_name
        argument._groundqa_help = True
    for cls in (argument, option):
        if cls is not None and hasattr(cls, "display_type_rich") and not getattr(cls, "_groundqa_types", False):
            original = cls.display_type_rich
            cls.display_type_rich = _display_type(original)
            cls._groundqa_types = True


def _usage_display_name(self: core.TyperArgument) -> str:
    name = (self.metavar or self.name or "ARG").upper()
    if self.nargs != 1:
        name += "..."
    return name if self.required else f"[{name}]"


def _display_type(original):
    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False):
            return None
        label = original(self, ctx)
        if label is None:
            return None
        match = _LIST.match(label)
        return f"<{match.group(1).lower()}>" if match else label

    return display_type_rich
