"""`nook engine suggest` (comment suggestions) and `nook engine chips` (a circle's topic-pack prompts)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

__all__ = ["register"]


def suggest() -> None:
    """Read JSON Lines {"id","post","viewer_history","circle"} on stdin; write {"id","suggestions"} per line.

    With NOOK_LLM_URL set, the operator's LLM may write some of them (same checks, offline on failure)."""
    from nook.engine.suggest.stream import suggest_stream
    from nook.social.assist.llm import configured_llm

    for answer in suggest_stream(sys.stdin, configured_llm()):
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()  # one answer per request as soon as it is ready (a pipe can wait on it)


def chips(
    circle: Annotated[str, typer.Argument(help="the circle's topic or name, e.g. 摄影 or 追番小组")],
    k: Annotated[int, typer.Option("--k", min=1, help="how many chips")] = 3,
    offset: Annotated[int, typer.Option("--offset", min=0, help="rotation, e.g. the day number")] = 0,
) -> None:
    """Print the circle's topic-pack prompt chips as a JSON list (empty when no pack fits)."""
    from nook.engine.suggest import topic_chips

    typer.echo(json.dumps(topic_chips(circle, k=k, offset=offset), ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command("suggest")(suggest)
    app.command("chips")(chips)
