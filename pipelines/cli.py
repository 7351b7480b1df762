"""The lkjip command: what schedulers, scripts and stewards call."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True, help="LKjIP pipeline: ingest, compute, review, export.")
err = Console(stderr=True)


@app.callback()
def lkjip() -> None:
    """LKjIP pipeline for Indonesian regional government agencies."""


@app.command()
def run(
    raw_dir: Annotated[Path, typer.Option(help="Folder of raw exports (raw/<source>/…)")] = Path("raw"),
    warehouse_dir: Annotated[Path, typer.Option(help="Folder for lkjip.duckdb and exports/")] = Path("warehouse"),
    region: Annotated[str | None, typer.Option(help="Only this kode_wilayah, e.g. 51.02")] = None,
    year: Annotated[int | None, typer.Option(help="Only this year, e.g. 2023")] = None,
) -> None:
    """Materialise every asset (through the Dagster instance, visible in the UI) for every region
    and year present in the raw files, or only the ones given."""
    import dagster as dg

    from pipelines import runner

    warnings.filterwarnings("ignore", category=dg.BetaWarning)  # Output(data_version=…) is beta
    if not raw_dir.is_dir():
        err.print(f"[red]raw folder not found:[/] {raw_dir}")
        raise typer.Exit(2)
    if sys.stderr.isatty():
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("starting", total=None)

            def show(step: str, done: int, total: int) -> None:
                bar.update(task, description=step, completed=done, total=total)

            outcome = runner.run(raw_dir, warehouse_dir, region, year, progress=show)
    else:
        outcome = runner.run(raw_dir, warehouse_dir, region, year)

    if not outcome.ok:
        err.print(
            f"[red]lkjip run failed[/] ({len(outcome.problems)} problem(s); files relative to {raw_dir.resolve()}); "
            "the warehouse was left as it was:"
        )
        for line in outcome.problems:
            err.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    regions = sorted({k for k, _ in outcome.partitions})
    years = sorted({t for _, t in outcome.partitions})
    print(f"warehouse: {outcome.database}")
    for folder in outcome.exports:
        print(f"exports:   {folder}")
    print(f"built {len(outcome.partitions)} region-year partition(s): regions {', '.join(regions) or '-'}; years {', '.join(map(str, years)) or '-'}")


def main() -> None:
    app()
