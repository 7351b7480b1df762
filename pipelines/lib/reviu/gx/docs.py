"""Data Docs in <warehouse-dir>/data_docs/, readable without a network, built incrementally.

Each check renders, with GX's site builder, the page of its validation result (and its suite's
page when the suite changed) and never GX's index: that one re-reads every stored result on
every build, which grows with the number of regions × years. Instead a small manifest
(data_docs/.gx/manifest.json, one entry per suite and partition, the latest run) is updated
and index.html is written from it with templates/index.html.j2.

GX renders the pages through view.OfflinePageView, which finds our templates/ before GX's own:
no CDN stylesheet, no script, no S3 logo, and templates/lkjip_offline.css inlined. No `src` or
`href` in the site starts with http:// or https:// (tests/test_gx.py checks it). GX writes a
page in place, so every page ends with MARKER: a page without it was cut short by a killed run
and is rendered again.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipelines.lib.angka import angka
from pipelines.lib.atomic import write_text_atomic
from pipelines.lib.reviu.gx.outcome import Outcome
from pipelines.lib.reviu.gx.suites import Suite
from schemas.pesan import _, bahasa

SITE = "lkjip"
TEMPLATES = Path(__file__).parent / "templates"
MARKER = "<!-- lkjip: complete -->"  # the last line of templates/page.j2
STORE = ".gx"
MANIFEST = "manifest.json"


def suite_fingerprint(suite_json: dict[str, Any]) -> str:
    """What a suite page shows, without the ids GX gives expectations on every save."""
    expectations = [{k: v for k, v in e.items() if k not in ("id", "rendered_content")} for e in suite_json.get("expectations", [])]
    return json.dumps({"expectations": expectations, "meta": suite_json.get("meta", {})}, sort_keys=True, default=str)


def result_page(site: Path, parts: list[str] | tuple[str, ...]) -> Path:
    """The page GX writes for the validation result key `parts` (ValidationResultIdentifier.to_tuple())."""
    return site.joinpath("validations", *parts[:-1], parts[-1] + ".html")


def complete(page: Path) -> bool:
    """The page ends with MARKER (only its tail is read: a page cut short may end mid-character)."""
    if not page.is_file():
        return False
    with page.open("rb") as f:
        f.seek(max(0, page.stat().st_size - 256))
        return f.read().rstrip().endswith(MARKER.encode())


def publish(context: Any, site: Path, suite: Suite, outcome: Outcome, result_key: Any, suite_json: dict[str, Any]) -> Path:
    """Render the validation page (and the suite page when the suite changed or its page is
    incomplete), record the outcome in the manifest and rewrite index.html. Returns the validation page."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    manifest = read_manifest(site)
    fingerprint = suite_fingerprint(suite_json)
    suite_page = site / "expectations" / f"{suite.name}.html"
    parts = result_key.to_tuple()
    page = result_page(site, parts)
    resources = [result_key]
    if manifest["suites"].get(suite.name, {}).get("fingerprint") != fingerprint or not complete(suite_page):
        resources.append(ExpectationSuiteIdentifier(name=suite.name))
    context.build_data_docs(site_names=[SITE], resource_identifiers=resources, build_index=False)
    # GX logs a page it failed to render and goes on.
    if unrendered := [p.relative_to(site).as_posix() for p in (page, suite_page) if not complete(p)]:
        raise RuntimeError(f"GX did not render {', '.join(unrendered)} (see its log)")
    manifest["suites"][suite.name] = {"fingerprint": fingerprint, "table": suite.table, "description": suite.about}
    # one entry per suite and partition (a manifest written before regions were dropped from the
    # key holds it under "<suite>|semua|<partition>")
    manifest["results"] = {k: v for k, v in manifest["results"].items() if not same_partition(v, suite.name, outcome.slice_value)}
    manifest["results"][f"{suite.name}|{outcome.slice_value}"] = {
        "suite": suite.name,
        "table": suite.table,
        "partition": outcome.slice_value,
        "success": outcome.success,
        "evaluated": outcome.evaluated,
        "failed": [f.description or f.expectation for f in outcome.failures],
        "rows": outcome.rows,
        "validated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "page": page.relative_to(site).as_posix(),
        "result_key": list(parts),
    }
    write_manifest(site, manifest)
    write_index(site, manifest)
    return page


def escape_source_text(results: Any) -> None:
    """HTML-escape every text a validation result carries from the data (unexpected values,
    observed values, error messages): GX's page renderer writes them into the page as markup."""
    for result in results.results:
        result.result = _escaped(result.result)
        result.exception_info = _escaped(result.exception_info)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return htmllib.escape(value, quote=True)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_escaped(v) for v in value)
    return value


def remove_orphans(site: Path) -> list[Path]:
    """Validation pages no manifest entry points to: GX wrote them in a run killed before it
    recorded them (pages are rendered first, the manifest and index.html written last)."""
    folder = site / "validations"
    if not folder.is_dir():
        return []
    referenced = {site / entry["page"] for entry in read_manifest(site)["results"].values()}
    orphans = [page for page in folder.rglob("*.html") if page not in referenced]
    for page in orphans:
        page.unlink(missing_ok=True)
    return orphans


def same_partition(entry: dict[str, Any], suite_name: str, partition: str) -> bool:
    return entry["suite"] == suite_name and entry["partition"] == partition


def previous_result(site: Path, suite_name: str, partition: str) -> list[str] | None:
    """The stored validation result key (as a tuple) of the last run of this suite and partition."""
    entry = next((e for e in read_manifest(site)["results"].values() if same_partition(e, suite_name, partition)), None)
    return entry.get("result_key") if entry else None


def read_manifest(site: Path) -> dict[str, Any]:
    path = site / STORE / MANIFEST
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"suites": {}, "results": {}}


def write_manifest(site: Path, manifest: dict[str, Any]) -> None:
    write_text_atomic(site / STORE / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


def index_words(failed: int, total: int) -> dict[str, str]:
    """The index page's own words, in the steward's language (GX's pages keep GX's words)."""
    return {
        "lang": bahasa(),
        "title": _("LKjIP data quality (Great Expectations)"),
        "heading": _("LKjIP data quality: Great Expectations suites"),
        "note": _("The latest validation of every suite on every year (Tabel 3.7: quarter), all regions together, the pipeline "
                  "built. These are warnings for data stewards: tolerances, official code lists and plausibility. A value that "
                  "breaks a table's contract (types, codes, keys) already stopped the run."),
        "summary": _("Validations with an expectation not met: {failed} of {total}.").format(failed=angka(failed, 0), total=angka(total, 0)),
        "status": _("Status"), "period": _("Year / quarter"), "suite": _("Suite"), "rows": _("Rows"),
        "expectations": _("Expectations"), "result": _("Result"), "met": _("met"), "not_met": _("not met"),
        "of": _("{met} of {evaluated} met"), "details": _("details"), "page_missing": _("page missing"), "suites": _("Suites"),
    }


def write_index(site: Path, manifest: dict[str, Any]) -> Path:
    """index.html: the latest result of every suite and partition, problems first; a page that is
    gone (removed by hand) is said, not linked."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
    results = manifest["results"].values()
    entries = sorted(results, key=lambda r: (r["success"], r["partition"], r["suite"]))
    failed = sum(1 for r in entries if not r["success"])
    page = env.get_template("index.html.j2").render(
        entries=entries, teks=index_words(failed, len(entries)),
        # recorded as the msgid: the index speaks the language of the run that writes it
        suites=[(name, {**s, "description": _(s["description"])}) for name, s in sorted(manifest["suites"].items())],
        whole={r["page"] for r in results if complete(site / r["page"])},
        suite_pages={name for name in manifest["suites"] if complete(site / "expectations" / f"{name}.html")},
    )
    return write_text_atomic(site / "index.html", page)
