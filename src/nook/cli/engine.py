"""`nook engine …`: the interaction-quality engine on JSON in/out, usable without a Nook site.

Each feature keeps its commands in its own module (`engine_<feature>.py`) with a
`register(app)` function; this module only collects them.
"""

from __future__ import annotations

import typer

from nook.cli import engine_analyze, engine_dedup, engine_rings, engine_suggest

engine_app = typer.Typer(help="Analyse posts and comments (JSON Lines in, JSON out).", no_args_is_help=True)

# Feature modules: add `from nook.cli import engine_<feature>` above and the module here.
_FEATURES: tuple[object, ...] = (engine_analyze, engine_dedup, engine_rings, engine_suggest)

for _module in _FEATURES:
    _module.register(engine_app)  # type: ignore[attr-defined]
