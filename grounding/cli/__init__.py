"""`groundqa`: the command line. Parse, call the Python API, render; nothing else lives here.

Each module registers its commands on the one `app` in `common`; importing them here assembles it.
"""

from grounding.cli import batch, evaluate, kb, query, serve  # noqa: F401  (registers the commands)
from grounding.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
