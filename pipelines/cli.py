"""The lkjip command: what schedulers, scripts and stewards call."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from schemas.pesan import BAHASA, _

# Help texts through the message catalogue: Indonesian unless LKJIP_BAHASA=en (read when the command starts).
app = typer.Typer(add_completion=False, no_args_is_help=True, help=_("LKjIP pipeline: ingest, compute, review, export."))
err = Console(stderr=True)


@app.callback(help=_("LKjIP pipeline: ingest, compute, review, export."))
def lkjip() -> None:
    """The command group."""


def choose_language(bahasa: str | None) -> None:
    """--bahasa sets LKJIP_BAHASA for this process and every run it starts."""
    if bahasa is not None:
        if bahasa not in BAHASA:
            raise typer.BadParameter(_("--bahasa must be one of {choices}").format(choices=", ".join(BAHASA)))
        os.environ["LKJIP_BAHASA"] = bahasa


@app.command(help=_("Ingest raw/, then build every year and quarter with data, every region together, through the Dagster "
                    "instance (visible in the UI); or only the year given and what it reads."))
def run(
    raw_dir: Annotated[Path, typer.Option(help=_("Folder of raw exports (raw/<source>/…)"))] = Path("raw"),
    warehouse_dir: Annotated[Path, typer.Option(help=_("Folder for lkjip.duckdb and exports/"))] = Path("warehouse"),
    region: Annotated[str | None, typer.Option(help=_("Export and print only this kode_wilayah, e.g. 51.02 (every region is still computed)"))] = None,
    year: Annotated[int | None, typer.Option(help=_("Only this year's LKjIP and what it reads, e.g. 2023"))] = None,
    bahasa: Annotated[str | None, typer.Option(help=_("Language of messages, findings and reports: id (default) or en; or LKJIP_BAHASA"))] = None,
) -> None:
    """lkjip run (help: above)."""
    import dagster as dg

    from pipelines import runner, settings
    from pipelines.defs.partitions import TAHUN_AWAL
    from pipelines.lib.ketersediaan import akibat

    warnings.filterwarnings("ignore", category=dg.BetaWarning)  # Output(data_version=…) is beta
    choose_language(bahasa)
    if not raw_dir.is_dir():
        err.print("[red]" + escape(_("raw folder not found: {folder}").format(folder=raw_dir)) + "[/]", highlight=False)
        raise typer.Exit(2)
    try:
        settings.hari_ini()  # a mistyped LKJIP_HARI_INI stops the run before anything is built
    except ValueError as problem:
        err.print("[red]" + escape(str(problem)) + "[/]", highlight=False)
        raise typer.Exit(2) from None
    catalogs = runner.catalogs_present(raw_dir)
    if (wrong := runner.wrong_choice(region, year, catalogs)) is not None:
        err.print("[red]" + escape(wrong) + "[/]", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if sys.stderr.isatty():
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("starting", total=None)

            def show(step: str, done: int, total: int) -> None:
                bar.update(task, description=step, completed=done, total=total)

            outcome = runner.run(raw_dir, warehouse_dir, region, year, progress=show)
    else:
        outcome = runner.run(raw_dir, warehouse_dir, region, year)

    for line in outcome.ignored:
        err.print(_("ignored: {entry}").format(entry=line), markup=False, highlight=False, soft_wrap=True)
    if not outcome.ok and outcome.did_not_start:
        err.print("[red]" + escape(_("lkjip run did not start: {problem}").format(problem=outcome.problems[0])) + "[/]",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if not outcome.ok:
        err.print(
            "[red]" + escape(_(
                "lkjip run failed ({count} problem(s); files relative to {raw}); every table and export folder it did "
                "not reach was left as it was:"
            ).format(count=len(outcome.problems), raw=raw_dir.resolve())) + "[/]",
            highlight=False,
        )
        for line in outcome.problems:
            err.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if (region is not None or year is not None) and not outcome.partitions:
        err.print("[red]" + escape(runner.nothing_reported(region, year, catalogs)) + "[/]", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    regions = sorted({kode for kode, _tahun in outcome.partitions})
    years = sorted({tahun for _kode, tahun in outcome.partitions})
    print(_("warehouse: {path}").format(path=outcome.database))
    for folder in outcome.exports:
        print(_("exports:   {path}").format(path=folder))
    print(_("runs:      ingest, {runs}").format(runs=", ".join(outcome.steps) or _("nothing to build")))
    for folder in outcome.tanpa_data:
        print(_("no data:   raw/{folder}/: {consequence}").format(folder=folder, consequence=akibat(folder)))
    if outcome.outside.reports_after:
        print(_("not built: the LKjIP of {years}: its year has not begun (it is built from 1 January)").format(
            years=", ".join(map(str, outcome.outside.reports_after))))
    if outcome.outside.data:
        print(_("not built: years {years} have data but no partition and no report reads them (LKJIP_TAHUN_AWAL, now {first})").format(
            years=", ".join(map(str, outcome.outside.data)), first=TAHUN_AWAL))
    print(_("reported:  {count} region-year(s): regions {regions}; years {years}").format(
        count=len(outcome.partitions), regions=", ".join(regions) or "-", years=", ".join(map(str, years)) or "-"))
    for line in outcome.terlambat:
        print(_("overdue:   {item}").format(item=line))


@app.command(help=_("Print the chain behind one indicator's number: capaian ← target and realisasi ← formula ← each measure "
                    "with its year and value ← the raw files (path, sha256, sheet, rows)."))
def trace(
    indicator_id: Annotated[str, typer.Argument(help=_("Indicator id of the catalog, e.g. tpt"))],
    region: Annotated[str, typer.Option(help=_("kode_wilayah, e.g. 51.02"))],
    year: Annotated[int, typer.Option(help=_("Report year, e.g. 2023"))],
    warehouse_dir: Annotated[Path, typer.Option(help=_("Folder of lkjip.duckdb"))] = Path("warehouse"),
    bahasa: Annotated[str | None, typer.Option(help=_("id (default) or en; or LKJIP_BAHASA"))] = None,
) -> None:
    """lkjip trace (help: above)."""
    from pipelines.trace import NotFound, trace as chain

    choose_language(bahasa)
    try:
        lines = chain(warehouse_dir, indicator_id, region, year)
    except NotFound as problem:
        err.print(f"[red]{escape(str(problem))}[/]", highlight=False)
        raise typer.Exit(1) from None
    for line in lines:
        print(line)


UI_WORKSPACE = """\
# Written by `lkjip ui`: the one code location, named as in pyproject.toml ([tool.dagster]),
# so schedule and sensor state is the same as under `dagster dev` / `dg dev` from the repo root.
load_from:
  - python_module:
      module_name: pipelines.definitions
      location_name: lkjip
"""


@app.command(help=_(
    "Start the Dagster UI and its daemon (schedules, sensors, the run queue) on this machine, against the instance in "
    "$DAGSTER_HOME (default: the repo's .dagster_home/ for the default warehouse, <warehouse>/.dagster_home/ for another), "
    "where the runs of `lkjip run` into the same warehouse are recorded too. Works offline; stop with Ctrl+C."))
def ui(
    port: Annotated[int, typer.Option(help=_("Port of the web UI"))] = 3000,
    host: Annotated[str, typer.Option(help=_("Address to listen on (127.0.0.1: this machine only)"))] = "127.0.0.1",
    raw_dir: Annotated[
        Path | None, typer.Option(help=_("Raw folder the UI's runs, schedules and sensor read (env LKJIP_RAW_DIR, else raw)"))
    ] = None,
    warehouse_dir: Annotated[
        Path | None, typer.Option(help=_("Folder of lkjip.duckdb and exports/ for the UI's runs (env LKJIP_WAREHOUSE_DIR, else warehouse)"))
    ] = None,
) -> None:
    """lkjip ui (help: above)."""
    import os

    from pipelines import settings

    if (busy := port_in_use(host, port)) is not None:
        err.print("[red]" + escape(_(
            "port {port} on {host} is already in use ({error}): a Dagster UI may already be running there "
            "(open http://{host}:{port}), or choose another with --port"
        ).format(port=port, host=host, error=busy)) + "[/]", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    raw = (raw_dir or Path(os.environ.get("LKJIP_RAW_DIR") or "raw")).resolve()
    warehouse = (warehouse_dir or Path(os.environ.get("LKJIP_WAREHOUSE_DIR") or "warehouse")).resolve()
    home = settings.ensure_dagster_home(warehouse)
    if not raw.is_dir():
        err.print(f"[yellow]raw folder not found:[/] {raw} (the sensor watches it once it exists)")
    warehouse.mkdir(parents=True, exist_ok=True)
    workspace = home / "lkjip_workspace.yaml"
    workspace.write_text(UI_WORKSPACE, encoding="utf-8")

    url_host = f"[{host}]" if ":" in host else host
    err.print(f"Dagster UI:  http://{url_host}:{port}  (Ctrl+C stops the UI and the daemon)")
    err.print(f"instance:    {home}")
    err.print(f"raw:         {raw}")
    err.print(f"warehouse:   {settings.database_path(warehouse)}")
    # `dagster dev` is marked as superseded by `dg dev`; it is what runs webserver + daemon here.
    quiet = ",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), "ignore:Function `dev_command` is superseded"]))
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "LKJIP_RAW_DIR": str(raw),
        "LKJIP_WAREHOUSE_DIR": str(warehouse),
        "PYTHONWARNINGS": quiet,
    }
    command = [sys.executable, "-m", "dagster", "dev", "-w", str(workspace), "-h", host, "-p", str(port)]
    sys.stderr.flush()
    sys.stdout.flush()
    if os.name == "nt":  # Windows' execve starts a new process and ends this one, leaving the console to it
        raise typer.Exit(_wait_for(command, env))
    # Become `dagster dev` (webserver + daemon + code server): Ctrl+C and SIGTERM reach it directly.
    # Started in the background by a script, SIGINT arrives ignored, and dagster dev maps SIGTERM
    # to the SIGINT handler: restore the defaults so both stop it cleanly.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.execve(sys.executable, command, env)


def _wait_for(command: list[str], env: dict[str, str]) -> int:
    """Run `dagster dev` as a child until it ends; its exit status."""
    import subprocess

    with subprocess.Popen(command, env=env) as child:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # Ctrl+C reaches the child too: let it stop its daemon cleanly
                continue


def port_in_use(host: str, port: int) -> str | None:
    """Why the UI cannot listen on host:port (another process does), or None. Checked before the
    webserver and daemon start, so a second `lkjip ui` leaves nothing running."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # A closed connection's TIME_WAIT is no obstacle; on Windows the option would let the probe
        # bind over a listening UI, and Windows does not refuse a bind over TIME_WAIT.
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return None


def main() -> None:
    app()
