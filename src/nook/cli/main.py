"""The `nook` command line: serve, database, demo, users, export, and the engine."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Literal

import typer
from rich.console import Console

from nook.cli import report, screenshots
from nook.cli.engine import engine_app
from nook.cli.rings import rings_app

app = typer.Typer(help="Nook (心角): a self-hosted, Chinese-first social space.", no_args_is_help=True)
app.add_typer(engine_app, name="engine")
app.add_typer(rings_app, name="rings")
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
user_app = typer.Typer(help="Manage members.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
screenshots.register(app)
report.register(app)
console = Console(stderr=True)


@app.callback()
def _wire_site(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand != "engine":
        # Imported here: the table loads the whole product, which `nook engine` (a pure library) never needs.
        from nook.jobs.table import install

        install()


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="App processes (PostgreSQL recommended above 1)."),
    jobs: bool = typer.Option(True, help="Run background jobs in this process too."),
    server: str = typer.Option("uvicorn", help="HTTP server: uvicorn, or granian (see docs/benchmarks.md)."),
) -> None:
    """Upgrade the database, then serve Nook over HTTP."""
    from nook.store.migrate import upgrade

    if server not in ("uvicorn", "granian"):
        raise typer.BadParameter("--server is uvicorn or granian")
    upgrade()
    if jobs:
        from nook.jobs.worker import start_background_worker

        start_background_worker()
    console.print(f"Nook is running at [bold]http://{host}:{port}[/bold]")
    if server == "granian":
        _serve_granian(host, port, workers)
        return
    import uvicorn

    # A worker busy with a slow request on a loaded machine answers the supervisor's ping late; uvicorn's
    # 5 s default then kills it with every request it holds.
    options = proxy_options() | {"timeout_worker_healthcheck": 30}
    uvicorn.run("nook.app:create_app", factory=True, host=host, port=port, workers=workers, **options)


def _serve_granian(host: str, port: int, workers: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    from nook.config import get_settings

    proxies = get_settings().proxy_addresses
    if proxies:  # granian has no forwarded-headers option; only uvicorn's checked one is wired
        raise typer.BadParameter("NOOK_TRUSTED_PROXIES needs --server uvicorn")
    Granian(
        "nook.app:create_app", address=host, port=port, interface=Interfaces.ASGI, workers=workers, factory=True
    ).serve()


def proxy_options() -> dict[str, Any]:
    """X-Forwarded-For/-Proto are believed only from NOOK_TRUSTED_PROXIES (uvicorn would trust 127.0.0.1,
    so any local process could pick the address its rate limits count against)."""
    from nook.config import get_settings

    proxies = get_settings().proxy_addresses
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": proxies}


@app.command()
def worker() -> None:
    """Run background jobs (for sites that serve with --no-jobs, e.g. several app processes)."""
    import threading

    from nook.jobs.worker import run_forever

    console.print("Nook worker started; Ctrl-C to stop")
    with contextlib.suppress(KeyboardInterrupt):
        run_forever(threading.Event())


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema to the latest version."""
    from nook.store.migrate import upgrade

    upgrade()
    console.print("database is up to date")


@db_app.command("revision")
def db_revision(message: str = typer.Option(..., "-m", help="What the migration changes.")) -> None:
    """Developers: write a migration for the model changes (compared against the database)."""
    from nook.store.migrate import revision

    revision(message)


@user_app.command("create")
def user_create(
    username: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    nickname: str = typer.Option("", help="Display name (defaults to the username)."),
    admin: bool = typer.Option(False, help="Make the member a site administrator."),
) -> None:
    """Create a member."""
    from nook.social.people import accounts
    from nook.store.db import transaction

    with _friendly_errors(), transaction() as session:
        user = accounts.register(session, username=username, password=password, nickname=nickname, is_admin=admin)
        role = "admin" if user.is_admin else "member"
    console.print(f"created {role} [bold]{username}[/bold]")


@user_app.command("reset-password")
def user_reset_password(
    username: str, password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)
) -> None:
    """Set a member's password, clear any login lock and sign out all their sessions."""
    from nook.social.people import accounts
    from nook.store.db import transaction

    with _friendly_errors(), transaction() as session:
        accounts.reset_password(session, username, password)
    console.print(f"password reset for [bold]{username}[/bold]; all their sessions were signed out")


@app.command()
def demo(
    size: float = typer.Option(1.0, help="Scale: 1 is about 200 members and 1,100 posts; 10 is ten times that."),
    seed: int = typer.Option(7, help="Seed of the deterministic plan."),
    if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing (and succeed) when the site has members."),
) -> None:
    """Fill an empty site with a believable Chinese demo community (schools, circles, posts, likes...)."""
    from datetime import UTC, datetime

    from rich.progress import Progress
    from sqlalchemy import func, select

    from nook.demo import build_plan
    from nook.demo.load import load_plan
    from nook.store.db import read_session
    from nook.store.migrate import upgrade
    from nook.store.models import User

    upgrade()
    with read_session() as session:
        members = session.scalar(select(func.count(User.id))) or 0
    if members:
        console.print(f"the site already has {members} members; the demo loads only into an empty site")
        raise typer.Exit(0 if if_empty else 1)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    plan = build_plan(seed=seed, size=size, now=now)
    with Progress(console=console, transient=True) as progress:
        load_plan(plan, progress)
    counts = plan.counts()
    console.print(
        f"demo community loaded: {counts['users']} members, {counts['posts']} posts, "
        f"{counts['comments']} comments, {counts['likes']} likes"
    )
    console.print(
        f"log in as [bold]{plan.admin.username}[/bold] (admin) or e.g. "
        f"[bold]{plan.users[0].username}[/bold], password [bold]{plan.password}[/bold]"
    )


@app.command("export")
def export_cmd(target: Path = typer.Argument(..., dir_okay=False, help="Zip file to write.")) -> None:
    """Export the whole site (every table and photo, read at one moment) into one zip with a manifest."""
    from nook.config import get_settings
    from nook.social.people.archive.site_dump import export_site

    manifest = export_site(target, get_settings().media_dir)
    rows = sum(t.rows for t in manifest.tables.values())
    console.print(
        f"exported {rows} rows in {len(manifest.tables)} tables and {len(manifest.media)} photo files to {target}"
    )
    if manifest.missing_media:
        console.print(
            f"[yellow]warning:[/yellow] {len(manifest.missing_media)} photo files were already missing "
            "from the media folder (listed in the archive's manifest)"
        )


@app.command("restore")
def restore_cmd(
    source: Path = typer.Argument(..., exists=True, dir_okay=False, help="Zip written by `nook export`."),
    force: bool = typer.Option(False, help="Replace the current contents."),
) -> None:
    """Check a site export from end to end, then restore it; a bad archive changes nothing."""
    from rich.markup import escape

    from nook.config import get_settings
    from nook.errors import NookError
    from nook.social.people.archive.site_restore import restore_site
    from nook.store.db import transaction
    from nook.store.migrate import upgrade
    from nook.web.i18n import translations

    upgrade()
    try:
        with transaction() as session:
            counts = restore_site(session, source, get_settings().media_dir, force=force)
    except NookError as exc:
        english = exc.phrase.render(translations("en").gettext)
        console.print(f"[red]error:[/red] {escape(exc.message)} / {escape(english)}", soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"restored {sum(counts.values())} rows in {len(counts)} tables")


class _friendly_errors:  # noqa: N801  (used as a context manager, reads like a statement)
    """Print a domain error as one line and exit 1, instead of a traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, _tb: object) -> Literal[False]:
        from nook.errors import NookError

        if isinstance(exc, NookError):
            console.print(f"[red]error:[/red] {exc.message}")
            raise typer.Exit(1)
        return False


if __name__ == "__main__":
    app()
