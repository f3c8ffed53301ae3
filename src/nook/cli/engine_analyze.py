"""`nook engine analyze`, `nook engine train emotion`, `nook engine eval emotion`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

__all__ = ["eval_app", "register", "train_app"]

train_app = typer.Typer(help="Train engine models on your own labelled data.", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluate engine models on labelled data.", no_args_is_help=True)

DataOption = Annotated[Path, typer.Option("--data", exists=True, dir_okay=False, help="JSONL/CSV/JSON with text,label")]
ModelOption = Annotated[
    Path | None,
    typer.Option("--model", exists=True, dir_okay=False, help="emotion .npz (default: the shipped model)"),
]


def _lines_with_progress(stream: TextIO) -> Iterator[str]:
    """stdin lines, with a progress counter on stderr only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from stream
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed:,} lines"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analyze")
        for line in stream:
            progress.advance(task)
            yield line


def analyze(
    emotion_model: Annotated[
        Path | None,
        typer.Option("--emotion-model", exists=True, dir_okay=False, help="a model from `train emotion`"),
    ] = None,
    no_encoder: Annotated[
        bool,
        typer.Option(
            "--no-encoder",
            help="relate comments to their post by shared words only: faster for back-fills, a coarser topic score",
        ),
    ] = False,
) -> None:
    """Read JSON Lines records on stdin, write one JSON analysis line per record to stdout."""
    from nook.engine import emotion
    from nook.engine.analyze import analyze_stream

    if emotion_model is not None:
        emotion.use_model(emotion_model)
    out = sys.stdout
    for result in analyze_stream(_lines_with_progress(sys.stdin), use_encoder=not no_encoder):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()


@train_app.command("emotion")
def train_emotion(
    data: DataOption,
    out: Annotated[Path, typer.Option("--out", help="where to write the new model")] = Path("emotion-model.npz"),
    dev: Annotated[
        Path | None, typer.Option("--dev", exists=True, dir_okay=False, help="dev rows to calibrate probabilities")
    ] = None,
) -> None:
    """Train an emotion model on labelled rows and write it as one .npz (use it with --emotion-model)."""
    from nook.engine.emotion_training import load_rows, train

    rows = load_rows(data)
    if len({label for _, label in rows}) < 2:
        raise typer.BadParameter("need rows with at least two different labels", param_hint="--data")
    model = train(rows, load_rows(dev) if dev else (), version=f"custom:{data.name}")
    model.save(out)
    typer.echo(f"trained on {len(rows)} rows, labels {list(model.labels)}; wrote {out}", err=True)


def _print_report(report: dict[str, Any]) -> None:
    typer.echo(f"n={report['n']}  accuracy={report['accuracy']:.4f}  macro-F1={report['macro_f1']:.4f}")
    typer.echo(f"{'label':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for label, m in report["per_class"].items():
        typer.echo(f"{label:<10}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}{m['support']:>10}")


@eval_app.command("emotion")
def eval_emotion(
    data: DataOption,
    model: ModelOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Accuracy, macro-F1 and per-class precision/recall/F1 of an emotion model on labelled rows."""
    from nook.engine.emotion import load_model
    from nook.engine.emotion_training import evaluate, load_rows

    report = evaluate(load_model(model), load_rows(data))
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False))
    else:
        _print_report(report)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.add_typer(train_app, name="train")
    app.add_typer(eval_app, name="eval")
