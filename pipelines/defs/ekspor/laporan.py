"""The report tables of one region-year in the shapes people paste into the LKjIP: a stewards'
workbook, Word tables and an offline HTML report with charts, plus Parquet copies of the marts
for downstream tools, all in exports/<kode_wilayah>/<tahun>/ next to the CSV exports."""

from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.core.wilayah import wilayah
from pipelines.defs.ekspor.files import write_atomic
from pipelines.defs.ekspor.format import Laporan
from pipelines.defs.ekspor.html_report import write_html
from pipelines.defs.ekspor.word import write_word
from pipelines.defs.ekspor.workbook import write_workbook
from pipelines.defs.ingest import OWNERS
from pipelines.defs.partitions import QUARTERS_TO_YEAR, region_and_year, region_year
from pipelines.defs.resources import ExportFolder, read_rows, table_exists

BUDGET = "anggaran.realisasi_anggaran"
SERAPAN = "anggaran.serapan"
FINDINGS = "reviu.findings"
KATALOG = "staged.perjanjian_kinerja"
PARQUET = "parquet"
FINDINGS_COLUMNS = ["kode_wilayah", "tahun", "severity", "rule", "tabel", "kunci", "expected", "actual", "message"]


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def nama_wilayah(kode_wilayah: str) -> str | None:
    """'51.02' → 'Kabupaten Tabanan' (Kemendagri 2025 list)."""
    found = wilayah().filter(pl.col("kode") == kode_wilayah).get_column("nama")
    return found[0] if found.len() else None


def _atomic(path: Path, write) -> Path:  # noqa: ANN001
    """write_atomic, and no temporary file left behind when the writer fails."""
    try:
        return write_atomic(path, write)
    except BaseException:
        path.with_name(f".{path.name}.tmp").unlink(missing_ok=True)
        raise


def write_laporan(folder: Path, laporan: Laporan) -> list[Path]:
    """The workbook, the Word tables and the HTML report of one region-year, each written to a
    temporary name and renamed into place (a failure keeps the previous file)."""
    name = laporan.nama_berkas
    return [
        _atomic(folder / f"{name}.xlsx", lambda tmp: write_workbook(tmp, laporan)),
        _atomic(folder / f"{name}.docx", lambda tmp: write_word(tmp, laporan)),
        _atomic(folder / f"{name}.html", lambda tmp: write_html(tmp, laporan)),
    ]


def write_parquet(folder: Path, marts: dict[str, pl.DataFrame | None]) -> list[Path]:
    """parquet/<mart>.parquet for every mart whose table exists (None: no table; its old copy
    is removed). Zero rows still write a file: the schema says the table is there and empty."""
    written = []
    for name, frame in marts.items():
        path = folder / PARQUET / f"{name}.parquet"
        if frame is None:
            path.unlink(missing_ok=True)
            continue
        written.append(_atomic(path, lambda tmp, frame=frame: frame.write_parquet(tmp)))
    return written


def _rows(warehouse: DuckDBResource, table: str, **equal: object) -> pl.DataFrame | None:
    return read_rows(warehouse, table, **equal) if table_exists(warehouse, table) else None


@dg.asset(
    key=["ekspor", "laporan"],
    ins={
        "iku_capaian": dg.AssetIn(key=["kinerja", "iku_capaian"]),
        "iku_perbandingan": dg.AssetIn(key=["kinerja", "iku_perbandingan"]),
    },
    deps=[
        dg.AssetDep(_key(BUDGET), partition_mapping=QUARTERS_TO_YEAR),
        dg.AssetDep(_key(SERAPAN), partition_mapping=QUARTERS_TO_YEAR),
        dg.AssetDep(_key(FINDINGS)),
        dg.AssetDep(_key(KATALOG)),
    ],
    partitions_def=region_year,
    group_name="ekspor",
    owners=OWNERS,
    kinds={"excel", "docx", "html", "parquet"},
    description=(
        "The LKjIP report tables of one region and year, ready to paste, in exports/<kode_wilayah>/<tahun>/: "
        "lkjip_<kode>_<tahun>.xlsx (one sheet per table: Tabel 3.1, 3.2, 3.3, 3.6, 3.7 and Temuan, the reviu "
        "findings; numbers are real numbers shown as 8.294.394.608 and 88,68 by an Indonesian Excel), "
        "lkjip_<kode>_<tahun>.docx (the BAB III tables as Word tables with their captions) and "
        "lkjip_<kode>_<tahun>.html (one file that opens offline: the tables, the findings and charts of "
        "capaian per indicator and budget absorption per program and quarter). Tabel 3.7 shows the latest "
        "quarter of the year. Word and HTML round to two decimals; the workbook keeps every digit. "
        "parquet/ holds copies of the marts (iku_capaian, iku_perbandingan, realisasi_anggaran, serapan, "
        "findings) for other tools. Nothing is written for a year without a Perjanjian Kinerja catalog."
    ),
)
def ekspor_laporan(
    context: dg.AssetExecutionContext,
    iku_capaian: pl.DataFrame,
    iku_perbandingan: pl.DataFrame,
    warehouse: DuckDBResource,
    exports: ExportFolder,
) -> dg.MaterializeResult:
    kode, tahun = region_and_year(context)
    folder = exports.folder(kode, tahun)
    if iku_capaian.is_empty():
        context.log.info(f"{kode} {tahun}: no catalog rows, no report written")
        return dg.MaterializeResult(metadata={"folder": dg.MetadataValue.path(str(folder)), "files": []})
    budget = _rows(warehouse, BUDGET, kode_wilayah=kode, tahun=tahun)
    serapan = _rows(warehouse, SERAPAN, kode_wilayah=kode, tahun=tahun)
    findings = _rows(warehouse, FINDINGS, kode_wilayah=kode, tahun=tahun)
    if findings is not None:
        findings = findings.select([c for c in FINDINGS_COLUMNS if c in findings.columns])
    katalog = _rows(warehouse, KATALOG, kode_wilayah=kode, tahun=tahun)
    opd = katalog.get_column("opd").drop_nulls().first() if katalog is not None and "opd" in katalog.columns else None
    laporan = Laporan(
        kode_wilayah=kode,
        tahun=tahun,
        iku_capaian=iku_capaian,
        iku_perbandingan=iku_perbandingan,
        realisasi_anggaran=budget if budget is not None else pl.DataFrame(),
        serapan=serapan if serapan is not None else pl.DataFrame(),
        findings=findings,
        opd=opd,  # type: ignore[arg-type]
        nama_wilayah=nama_wilayah(kode),
    )
    written = write_laporan(folder, laporan)
    written += write_parquet(
        folder,
        {
            "iku_capaian": iku_capaian,
            "iku_perbandingan": iku_perbandingan,
            "realisasi_anggaran": budget,
            "serapan": serapan,
            "findings": findings,
        },
    )
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(folder)),
            "files": [str(p.relative_to(folder)) for p in written],
            "tabel_3_7_periode": laporan.periode_terakhir or "",
            "findings": -1 if findings is None else findings.height,
        }
    )
