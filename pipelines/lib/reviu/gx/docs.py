"""Data Docs in <warehouse-dir>/data_docs/, readable without a network, built incrementally.

Each check renders, with GX's site builder, the page of its validation result (and its suite's
page when the suite changed) and never GX's index: that one re-reads every stored result on
every build, which grows with the number of regions × years. Instead a small manifest
(data_docs/.gx/manifest.json, one entry per suite and partition, the latest run) is updated
and index.html is written from it.

GX 1.24.1 pages load bootstrap, bootstrap-table, jQuery, vega and font-awesome from CDNs and a
logo from S3. Every page GX writes is rewritten once: the CDN stylesheets and all scripts go
(they only drive filters and collapsing; every section stays visible), a small local stylesheet
(static/styles/lkjip_offline.css) lays the page out, the S3 logo becomes the one GX ships in
static/images, and any other http(s) link loses its href. No `src` or `href` in the site starts
with http:// or https:// (tests/test_gx.py checks it).
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pipelines.lib.atomic import write_text_atomic

if TYPE_CHECKING:
    from pipelines.lib.reviu.gx.engine import Outcome
    from pipelines.lib.reviu.gx.suites import Suite

SITE = "lkjip"
MARKER = "<!-- lkjip: offline -->"
STYLESHEET = "lkjip_offline.css"
STORE = ".gx"
MANIFEST = "manifest.json"

_EXTERNAL = r"""["']https?://[^"']*["']"""
_EXTERNAL_LINK = re.compile(rf"<link\b[^>]*\bhref={_EXTERNAL}[^>]*>\s*", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.IGNORECASE | re.DOTALL)
_S3_LOGO = re.compile(r"""src=["']https?://great-expectations-web-assets[^"']*/([\w.-]+\.(?:png|svg))[^"']*["']""")
_EXTERNAL_ATTR = re.compile(rf"""\s(?:href|src)={_EXTERNAL}""", re.IGNORECASE)
_FOOTER = re.compile(r"<footer>.*?</footer>\s*", re.IGNORECASE | re.DOTALL)  # GX's newsletter call to action

CSS = """\
/* Offline layout for the GX Data Docs of the LKjIP pipeline (replaces bootstrap from CDNs). */
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 15px;
       line-height: 1.45; color: #212529; background: #fff; margin: 0; }
a { color: #0b5cad; }
.container, .container-fluid { width: 100%; box-sizing: border-box; padding: 0 16px; margin: 0 auto; }
.container { padding-top: 8px; }
.row { display: flex; flex-wrap: wrap; }
[class*="col-"] { box-sizing: border-box; padding: 0 8px; }
.col-12, .col-xs-12, .col-sm-12 { flex: 0 0 100%; max-width: 100%; }
@media (min-width: 768px) {
  .col-md-2 { flex: 0 0 18%; max-width: 18%; } .col-md-10 { flex: 0 0 82%; max-width: 82%; }
  .col-md-3 { flex: 0 0 25%; max-width: 25%; } .col-md-9 { flex: 0 0 75%; max-width: 75%; }
  .col-md-4 { flex: 0 0 33.3%; max-width: 33.3%; } .col-md-6 { flex: 0 0 50%; max-width: 50%; }
  .col-md-8 { flex: 0 0 66.6%; max-width: 66.6%; }
}
.navbar { display: flex; align-items: center; padding: 8px 16px; border-bottom: 1px solid #dee2e6;
          background: #f8f9fa; height: auto !important; max-height: none !important; }
.navbar-brand img { height: 28px; }
.nav, .breadcrumb { display: flex; flex-wrap: wrap; list-style: none; padding: 0; margin: 0 0 8px 0; }
.breadcrumb-item + .breadcrumb-item::before { content: "/"; padding: 0 6px; color: #6c757d; }
.nav-link { display: block; padding: 4px 10px; }
.nav-tabs { border-bottom: 1px solid #dee2e6; margin-bottom: 12px; }
.tab-content > .tab-pane { display: block; margin-bottom: 24px; }
.d-none { display: none !important; }
.d-flex { display: flex; } .align-items-center { align-items: center; } .mr-auto { margin-right: auto; }
.sticky, .sticky-top { position: static; }
.card { border: 1px solid #dee2e6; border-radius: 4px; margin-bottom: 16px; background: #fff; }
.card-header { padding: 8px 12px; background: #f1f3f5; border-bottom: 1px solid #dee2e6; }
.card-body { padding: 12px; }
.table { border-collapse: collapse; width: 100%; margin-bottom: 12px; }
.table th, .table td, table.lkjip-index th, table.lkjip-index td { border: 1px solid #dee2e6; padding: 4px 8px;
          vertical-align: top; text-align: left; }
.table thead th, table.lkjip-index thead th { background: #f1f3f5; }
table.lkjip-index { border-collapse: collapse; width: 100%; margin: 8px 0 24px 0; }
table.lkjip-index tbody tr:nth-child(even) { background: #fafbfc; }
.table-responsive { overflow-x: auto; }
.alert { padding: 8px 12px; border-radius: 4px; border: 1px solid #dee2e6; margin-bottom: 8px; }
.alert-secondary { background: #f1f3f5; }
.badge { display: inline-block; padding: 1px 6px; border-radius: 4px; font-size: 85%; }
.badge-secondary { background: #e9ecef; } .badge-info { background: #d9ecf7; }
.badge-danger { background: #f8d7da; } .badge-success { background: #d4edda; }
.text-success { color: #1e7e34; } .text-danger { color: #c82333; } .text-muted { color: #6c757d; }
.fas::before, .fa::before { font-style: normal; font-weight: bold; }
.fa-check-circle::before, .fa-check::before { content: "\\2714"; }
.fa-times::before, .fa-times-circle::before { content: "\\2718"; }
.fa-exclamation-triangle::before { content: "!"; }
.fa-filter::before, .fa-external-link-alt::before, .fa-info-circle::before, .fa-question-circle::before { content: ""; }
.cooltip .top { display: none; }
.cooltip:hover .top { display: block; position: absolute; background: #fff; border: 1px solid #ccc;
          padding: 6px; white-space: pre; font-size: 12px; z-index: 20; }
.collapse { display: block; }
.btn-group-toggle, button[onclick], .btn[onclick], .card:has(.btn-group-toggle) { display: none; }
.lkjip-failed { color: #c82333; } .lkjip-note { color: #555; max-width: 60em; }
.show-scrollbars { overflow: auto; }
pre, code { font-size: 90%; white-space: pre-wrap; }
h1, h2, h3, h4, h5 { margin: 12px 0 8px 0; }
"""


def suite_fingerprint(suite_json: dict[str, Any]) -> str:
    """What a suite page shows, without the ids GX gives expectations on every save."""
    expectations = [{k: v for k, v in e.items() if k not in ("id", "rendered_content")} for e in suite_json.get("expectations", [])]
    return json.dumps({"expectations": expectations, "meta": suite_json.get("meta", {})}, sort_keys=True, default=str)


def publish(context: Any, site: Path, suite: Suite, outcome: Outcome, result_key: Any, suite_json: dict[str, Any]) -> Path:
    """Render the validation page (and the suite page when the suite changed), make them
    readable offline, record the outcome in the manifest and rewrite index.html.
    Returns the validation page."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    manifest = read_manifest(site)
    fingerprint = suite_fingerprint(suite_json)
    suite_page = site / "expectations" / f"{suite.name}.html"
    known = manifest["suites"].get(suite.name, {})
    resources = [result_key]
    # A page without the offline marker was cut short (a killed run) or never rewritten: render again.
    if known.get("fingerprint") != fingerprint or not suite_page.exists() or MARKER not in suite_page.read_text(encoding="utf-8"):
        resources.append(ExpectationSuiteIdentifier(name=suite.name))
    context.build_data_docs(site_names=[SITE], resource_identifiers=resources, build_index=False)
    parts = result_key.to_tuple()
    page = site.joinpath("validations", *parts[:-1], parts[-1] + ".html")
    write_stylesheet(site)
    for rendered in [page, suite_page] if len(resources) > 1 else [page]:
        make_page_offline(site, rendered)
    manifest["suites"][suite.name] = {"fingerprint": fingerprint, "table": suite.table, "description": suite.description}
    manifest["results"][entry_key(suite.name, outcome.kode_wilayah, outcome.slice_value)] = {
        "suite": suite.name,
        "table": suite.table,
        "kode_wilayah": outcome.kode_wilayah,
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


def entry_key(suite_name: str, kode_wilayah: str, partition: str) -> str:
    return f"{suite_name}|{kode_wilayah}|{partition}"


def previous_result(site: Path, suite_name: str, kode_wilayah: str, partition: str) -> list[str] | None:
    """The stored validation result key (as a tuple) of the last run of this suite and partition."""
    entry = read_manifest(site)["results"].get(entry_key(suite_name, kode_wilayah, partition))
    return entry.get("result_key") if entry else None


def read_manifest(site: Path) -> dict[str, Any]:
    path = site / STORE / MANIFEST
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"suites": {}, "results": {}}


def write_manifest(site: Path, manifest: dict[str, Any]) -> None:
    path = site / STORE / MANIFEST
    write_text_atomic(path, json.dumps(manifest, indent=1, sort_keys=True))


def write_stylesheet(site: Path) -> Path:
    css = site / "static" / "styles" / STYLESHEET
    css.parent.mkdir(parents=True, exist_ok=True)
    if not css.exists() or css.read_text(encoding="utf-8") != CSS:
        write_text_atomic(css, CSS)
    return css


def make_page_offline(site: Path, page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    if MARKER not in html:
        root = Path(os.path.relpath(site, page.parent)).as_posix()
        write_text_atomic(page, offline_html(html, "" if root == "." else root + "/"))


def make_offline(site: Path) -> list[Path]:
    """Rewrite every page of the site not yet rewritten (for a site GX built on its own)."""
    write_stylesheet(site)
    changed = []
    for page in sorted(site.rglob("*.html")):
        if not page.is_relative_to(site / STORE) and MARKER not in page.read_text(encoding="utf-8"):
            make_page_offline(site, page)
            changed.append(page)
    return changed


def offline_html(html: str, root: str) -> str:
    """One page without network references; `root` is the relative path to the site root."""
    html = _EXTERNAL_LINK.sub("", html)
    html = _SCRIPT.sub("", html)
    html = _FOOTER.sub("", html)
    html = _S3_LOGO.sub(lambda m: f'src="{root}static/images/{m.group(1)}"', html)
    html = _EXTERNAL_ATTR.sub("", html)
    head = f'{MARKER}\n<link rel="stylesheet" href="{root}static/styles/{STYLESHEET}">\n</head>'
    return html.replace("</head>", head, 1)


def _region_names() -> dict[str, str]:
    import polars as pl

    from pipelines.lib.wilayah import wilayah

    regions = wilayah().filter(pl.col("tingkat").is_in(["provinsi", "kabupaten_kota"]))
    return dict(zip(regions.get_column("kode").to_list(), regions.get_column("nama").to_list(), strict=True))


def write_index(site: Path, manifest: dict[str, Any]) -> Path:
    """index.html: the latest result of every suite and partition, problems first."""
    e = htmllib.escape
    names = _region_names()
    entries = sorted(manifest["results"].values(), key=lambda r: (r["success"], r["kode_wilayah"], r["partition"], r["suite"]))
    failed = sum(not r["success"] for r in entries)
    rows = []
    for r in entries:
        status = '<span class="text-success">&#10004; met</span>' if r["success"] else '<span class="text-danger">&#10008; not met</span>'
        problems = "".join(f"<li>{e(f)}</li>" for f in r["failed"])
        rows.append(
            "<tr>"
            f"<td>{status}</td>"
            f"<td>{e(r['kode_wilayah'])} {e(names.get(r['kode_wilayah'], ''))}</td>"
            f"<td>{e(r['partition'])}</td>"
            f'<td><a href="expectations/{quote(r["suite"])}.html">{e(r["suite"])}</a><br><small>{e(r["table"])}</small></td>'
            f"<td>{r['rows']}</td>"
            f"<td>{r['evaluated'] - len(r['failed'])} of {r['evaluated']} met"
            + (f'<ul class="lkjip-failed">{problems}</ul>' if problems else "")
            + "</td>"
            f'<td><a href="{quote(r["page"])}">details</a><br><small>{e(r["validated_at"])}</small></td>'
            "</tr>"
        )
    suites = "".join(
        f'<li><a href="expectations/{quote(name)}.html">{e(name)}</a> ({e(s["table"])}): {e(s["description"])}</li>'
        for name, s in sorted(manifest["suites"].items())
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>LKjIP data quality (Great Expectations)</title>
{MARKER}
<link rel="stylesheet" href="static/styles/{STYLESHEET}">
<link rel="icon" href="static/images/favicon.ico">
</head>
<body>
<div class="container-fluid">
<h2>LKjIP data quality: Great Expectations suites</h2>
<p class="lkjip-note">The latest validation of every suite on every year (Tabel 3.7: quarter), all regions together,
the pipeline built. These are warnings for data stewards: tolerances, official code lists and
plausibility. A value that breaks a table's contract (types, codes, keys) already stopped the run.
{failed} of {len(entries)} validations have expectations not met.</p>
<table class="lkjip-index">
<thead><tr><th>Status</th><th>Region</th><th>Year / quarter</th><th>Suite</th><th>Rows</th><th>Expectations</th><th>Result</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
<h3>Suites</h3>
<ul>{suites}</ul>
</div>
</body>
</html>
"""
    index = site / "index.html"
    write_text_atomic(index, page)
    return index
