"""The `nook` command line: serve, database, demo, users, export, and the engine."""

from __future__ import annotations

import typer

from nook.cli.engine import engine_app

app = typer.Typer(help="Nook (心角): a self-hosted, Chinese-first social space.", no_args_is_help=True)
app.add_typer(engine_app, name="engine")

if __name__ == "__main__":
    app()
