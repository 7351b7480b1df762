"""raw/perjanjian_kinerja/*.yaml — the catalog, one file per region, OPD and year."""

from __future__ import annotations

import polars as pl
from pydantic import ValidationError

from pipelines.lib.data_text import DataError, load_yaml
from schemas.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.problems import PROVENANCE, ContractError, Problem, Problems
from pipelines.lib.provenance import SourceFile
from pipelines.lib.katalog.model import SOURCES, Katalog

FOLDER, EXTENSIONS = "perjanjian_kinerja", (".yaml", ".yml")

INDICATOR_FIELDS = [
    "jenis", "sasaran", "indikator", "definisi", "satuan", "arah", "target", "rumus",
    "ukuran", "pembilang", "penyebut", "program", "capaian_maks",
]


def parse_katalog(source: SourceFile) -> Katalog:
    """YAML as data (no tags, no code, no key twice; lib.data_text) and the typed model; errors name the indicator."""
    try:
        raw = load_yaml(source.path.read_text(encoding="utf-8"))
    except DataError as err:
        raise ContractError.single(source.name, str(err), row=err.line) from None
    try:
        return Katalog.model_validate(raw)
    except ValidationError as err:
        raise ContractError([_problem(source.name, raw, e) for e in err.errors()]) from None


def _problem(file: str, raw: object, error: dict) -> Problem:
    loc = list(error["loc"])
    where = _("catalog")
    if len(loc) >= 2 and loc[0] == "indikator" and isinstance(loc[1], int):
        items = raw.get("indikator") if isinstance(raw, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        where = _("indicator '{indikator}'").format(indikator=ident or f"#{loc[1] + 1}")
        loc = loc[2:]
    field = ".".join(str(p) for p in loc) or None
    value = error.get("input")
    message = error["msg"] if error["type"] != "missing" else _("required field missing")
    return Problem(
        file=file,
        column=field,
        value=None if value is None or isinstance(value, (dict, list)) else str(value),
        message=f"{where}: {message}",
    )


def katalog_rows(katalog: Katalog, source: SourceFile) -> pl.DataFrame:
    """One row per indicator with its effective settings (catalog defaults resolved)."""
    rows = []
    for urutan, ind in enumerate(katalog.indikator, start=1):
        offsets = {**katalog.tahun_data, **(ind.tahun_data or {})}
        rows.append(
            {
                "kode_wilayah": katalog.kode_wilayah,
                "tahun": katalog.tahun,
                "opd": katalog.opd,
                "kode_skpd": katalog.kode_skpd,
                "kode_unit": katalog.kode_unit,
                "indicator_id": ind.id,
                "urutan": urutan,
                **{f: getattr(ind, f) for f in INDICATOR_FIELDS},
                "rumus_capaian": ind.rumus_capaian or katalog.rumus_capaian,
                **{f"tahun_data_{s}": offsets.get(s, 0) for s in SOURCES},
                "predikat_batas": [s.bounds()[0] for s in katalog.predikat],
                "predikat_bawah_termasuk": [s.bounds()[1] for s in katalog.predikat],
                "predikat_atas": [s.bounds()[2] for s in katalog.predikat],
                "predikat_atas_termasuk": [s.bounds()[3] for s in katalog.predikat],
                "predikat_nama": [s.predikat for s in katalog.predikat],
                "source_file": source.name,
                "source_sheet": None,
                "source_row": None,
            }
        )
    return pl.DataFrame(rows, schema=ROW_SCHEMA)


# The predikat scale as parallel lists, one entry per step (see Skala.bounds).
SCALE_SCHEMA = {
    "predikat_batas": pl.List(pl.Float64), "predikat_bawah_termasuk": pl.List(pl.Boolean),
    "predikat_atas": pl.List(pl.Float64), "predikat_atas_termasuk": pl.List(pl.Boolean), "predikat_nama": pl.List(pl.String),
}

ROW_SCHEMA = {
    "kode_wilayah": pl.String, "tahun": pl.Int64, "opd": pl.String, "kode_skpd": pl.String, "kode_unit": pl.String,
    "indicator_id": pl.String,
    "urutan": pl.Int64, "jenis": pl.String, "sasaran": pl.String, "indikator": pl.String,
    "definisi": pl.String, "satuan": pl.String, "arah": pl.String, "target": pl.Float64,
    "rumus": pl.String, "ukuran": pl.String, "pembilang": pl.String, "penyebut": pl.String,
    "program": pl.String, "capaian_maks": pl.Float64, "rumus_capaian": pl.String,
    **{f"tahun_data_{s}": pl.Int64 for s in SOURCES},
    **SCALE_SCHEMA,
    "source_file": pl.String, "source_sheet": pl.String, "source_row": pl.Int64,
}


def read_katalog(sources: list[SourceFile]) -> pl.DataFrame:
    """Every catalog; a problem in any file is reported together with the others'."""
    problems = Problems()
    frames = []
    for source in sources:  # one YAML file per region-year: a handful of files
        if (katalog := problems.attempt(parse_katalog, source)) is not None:
            frames.append(katalog_rows(katalog, source))
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=ROW_SCHEMA)
    # Two files for the same region-year must agree; the same indicator twice with other settings is an error.
    # The predikat scale takes part as its text (list columns do not compare as values there).
    frame = frame.with_columns(predikat=pl.concat_str(*(pl.col(c).cast(pl.List(pl.String)).list.eval(pl.element().fill_null("-")).list.join("|") for c in SCALE_SCHEMA), separator=";"))
    values = [c for c in frame.columns if c not in ("kode_wilayah", "tahun", "indicator_id", *PROVENANCE, *SCALE_SCHEMA)]
    frame = problems.keep(drop_reexports(frame, ["kode_wilayah", "tahun", "indicator_id"], values, what=_("indicator")))
    problems.raise_any()
    return frame.drop("predikat")
