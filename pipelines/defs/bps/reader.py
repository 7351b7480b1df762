"""raw/bps/*.json — BPS WebAPI dynamic tables: labour force, unemployment, TPT (sources.md §1).

Each file is the response body of BPS `list/model/data` as downloaded. A `datacontent` key is
str(vervar)+str(var)+str(turvar)+str(tahun)+str(turtahun) without separators and with varying
widths, so keys are decoded by joining them to every key the file's listed values can form
(a cross product of the short metadata lists), never by character positions. The year is
`tahun.label` (`tahun.val` is year − 1900).

Variables are recognised by label, case- and space-insensitive: "Angkatan Kerja",
"Pengangguran Terbuka", "Tingkat Pengangguran Terbuka" (with or without "(TPT)"). Others are
mapped in the optional `raw/bps/variabel.yaml`, by var id (first) or label:

    var:
      "543": bps.pengangguran_terbuka
    label:
      Jumlah Penganggur: bps.pengangguran_terbuka

Units: `Ribu Orang`/`Ribu Jiwa` are scaled to persons, `Orang`/`Jiwa` kept, `Persen` stays a
percentage. When a file holds several sub-years (turtahun, e.g. Februari and Agustus) only
`Tahun`, else `Agustus` (the Sakernas month LKjIP figures use) is kept; with several turvar only
the total (`Tidak Ada`, `Jumlah`, `Total`). Anything else is a problem, never a silent choice.

`data-availability: list-not-available` without datacontent is a valid empty answer. Null or
empty values are cells BPS has not filled and are skipped. JSON has no rows, so source_row is
null and `bps_key` (the datacontent key) says where a value came from.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import polars as pl
import yaml

from pipelines.core.dedupe import drop_reexports
from pipelines.core.numbers import parse_number, unreadable_number
from pipelines.core.problems import (
    PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, ContractError, Problem, problems_from_rows, raise_if,
)
from pipelines.core.provenance import SourceFile
from pipelines.defs.bps.kode import TOTAL, kode_wilayah_for, province_of_total

FOLDER, EXTENSIONS = "bps", (".json",)
VARIABLES_FILE = f"{FOLDER}/variabel.yaml"  # relative to the raw folder, like source names
MEASURE_PATTERN = r"^bps\.[a-z_]+$"

STANDARD_LABELS = {
    "Angkatan Kerja": "bps.angkatan_kerja",
    "Pengangguran Terbuka": "bps.pengangguran_terbuka",
    "Tingkat Pengangguran Terbuka": "bps.tpt",
}
# unit as BPS writes it (lower case) → (satuan, factor to that satuan)
UNITS = pl.DataFrame(
    {
        "unit_key": ["orang", "jiwa", "ribu orang", "ribu jiwa", "persen", "%"],
        "satuan": ["orang", "orang", "orang", "orang", "persen", "persen"],
        "factor": [1.0, 1.0, 1000.0, 1000.0, 1.0, 1.0],
    }
)
TURTAHUN_KEPT = ["tahun", "agustus"]  # in order of preference
TURVAR_TOTAL = ["tidak ada", "jumlah", "total"]
# A listing without turvar/turtahun means the table has no breakdown: BPS writes 0 then.
NO_BREAKDOWN = [{"val": 0, "label": "Tidak Ada"}]

COLUMNS = [
    "tahun", "kode_wilayah", "kode_bps", "nama_wilayah", "ukuran", "nilai", "satuan",
    "var_id", "var_label", "bps_key", *PROVENANCE,
]
DECODED = {
    "bps_key": pl.String, "value": pl.Float64, "kode_bps": pl.String, "nama_wilayah": pl.String,
    "kode_provinsi": pl.String, "var_id": pl.String, "var_label": pl.String, "unit": pl.String,
    "tahun_label": pl.String, SOURCE_FILE: pl.String,
}


def read_bps(sources: list[SourceFile]) -> pl.DataFrame:
    """One row per (kode_wilayah, tahun, ukuran) from every BPS file; all problems at once."""
    labels, by_id = variable_map(sources)
    problems: list[Problem] = []
    frames = []
    for source in sources:
        try:
            frames.append(read_file(source))
        except ContractError as err:
            problems += err.problems
    raise_if(problems)
    rows = pl.concat(frames) if frames else pl.DataFrame(schema=DECODED)

    rows = name_measures(rows, labels, by_id)
    rows = to_units(rows)
    rows = to_years(rows)
    rows = kode_wilayah_for(rows)
    frame = rows.with_columns(
        pl.col("var_id").cast(pl.Int64, strict=False),
        pl.lit(None, pl.String).alias(SOURCE_SHEET),
        pl.lit(None, pl.Int64).alias(SOURCE_ROW),
    ).select(COLUMNS)

    key = ["kode_wilayah", "tahun", "ukuran"]
    # drop_reexports cannot tell two keys of one file apart (source_row is null), so say it here.
    twice = frame.filter(pl.struct(SOURCE_FILE, *key).is_duplicated())
    raise_if(problems_from_rows(
        twice, "bps_key",
        "gives the same region, year and measure as another key of this file (two variables mapped to one "
        "measure, or two BPS codes to one region)",
    ))
    frame = drop_reexports(frame, key=key, values=["nilai", "satuan"], what="BPS figure")
    raise_if(unemployed_beyond_labour_force(frame))
    return frame.sort(key)


def unemployed_beyond_labour_force(frame: pl.DataFrame) -> list[Problem]:
    """The unemployed are part of the labour force: more of them than the labour force means a
    unit is wrong (thousands read as persons, or the reverse)."""
    ukuran = {"bps.pengangguran_terbuka": "unemployed", "bps.angkatan_kerja": "labour"}
    pairs = (
        frame.filter(pl.col("ukuran").is_in(list(ukuran)))
        .with_columns(pl.col("ukuran").replace_strict(ukuran))
        .pivot(on="ukuran", index=["kode_wilayah", "tahun"], values=["nilai", SOURCE_FILE, "bps_key"], aggregate_function="first")
    )
    needed = {"nilai_unemployed", "nilai_labour"}
    if not needed <= set(pairs.columns):
        return []
    wrong = pairs.filter(pl.col("nilai_unemployed") > pl.col("nilai_labour"))
    return [
        Problem(
            file=r[f"{SOURCE_FILE}_unemployed"],
            column="datacontent",
            value=f"{r['bps_key_unemployed']}: {r['nilai_unemployed']:,.0f}",
            message=f"{r['kode_wilayah']} {r['tahun']}: more unemployed than the labour force "
            f"({r['nilai_labour']:,.0f} in {r[f'{SOURCE_FILE}_labour']}, key {r['bps_key_labour']}); check the units (Ribu Orang or Orang)",
        )
        for r in wrong.head(200).iter_rows(named=True)  # offending pairs only
    ]


# --- one file ------------------------------------------------------------------------------


def read_file(source: SourceFile) -> pl.DataFrame:
    """Decoded datacontent of one file: one row per filled value, before measures and units."""
    body = load_json(source)
    content = body.get("datacontent")
    if content in (None, "", {}):
        if body.get("data-availability") == "list-not-available":
            return pl.DataFrame(schema=DECODED)  # BPS's own "no data for this request"
        raise ContractError.single(source.name, "no datacontent although data-availability is not 'list-not-available'")
    if not isinstance(content, dict):
        raise ContractError.single(source.name, "datacontent is not an object of key: value", column="datacontent")

    vervar = listing(body, "vervar", source.name)
    var = listing(body, "var", source.name)
    tahun = listing(body, "tahun", source.name)
    turvar = listing(body, "turvar", source.name, default=NO_BREAKDOWN)
    turtahun = listing(body, "turtahun", source.name, default=NO_BREAKDOWN)

    candidates = (
        vervar.select(kode_bps="val", nama_wilayah="label")
        .join(var.select(var_id="val", var_label="label", unit="unit"), how="cross")
        .join(turvar.select(turvar="val"), how="cross")
        .join(tahun.select(tahun_val="val", tahun_label="label"), how="cross")
        .join(turtahun.select(turtahun="val"), how="cross")
        .with_columns(bps_key=pl.concat_str("kode_bps", "var_id", "turvar", "tahun_val", "turtahun"))
    )
    data = content_frame(content, source.name)
    decoded = data.join(candidates, on="bps_key", how="left").with_columns(pl.lit(source.name).alias(SOURCE_FILE))

    unmatched = decoded.filter(pl.col("kode_bps").is_null())
    # Varying widths can let two combinations spell one key; such a key cannot be read safely.
    ambiguous = decoded.filter(pl.col("bps_key").is_duplicated()).unique("bps_key", maintain_order=True)
    problems = [
        Problem(file=source.name, column="datacontent", value=key, message=message)
        for keys, message in [
            (unmatched, "this key is not formed by any listed vervar, var, turvar, tahun and turtahun"),
            (ambiguous, "this key can be read as two different cells of the listed values"),
        ]
        for key in keys.get_column("bps_key").head(200).to_list()  # offending keys only
    ]
    raise_if(problems)

    decoded = decoded.filter(
        pl.col("turvar") == pick(turvar, TURVAR_TOTAL, "turvar", source.name),
        pl.col("turtahun") == pick(turtahun, TURTAHUN_KEPT, "turtahun", source.name),
        pl.col("value").is_not_null(),
    )
    provinsi = None
    if decoded.filter(pl.col("kode_bps") == TOTAL).height:
        provinsi = province_of_total(vervar.get_column("val"), source.name)
        if provinsi is None:  # national table: its total is Indonesia, not a region
            decoded = decoded.filter(pl.col("kode_bps") != TOTAL)
    return decoded.with_columns(kode_provinsi=pl.lit(provinsi, pl.String)).select(list(DECODED))


def load_json(source: SourceFile) -> dict:
    try:
        body = json.loads(source.path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as err:
        raise ContractError.single(source.name, f"not a valid JSON file ({err})") from None
    if not isinstance(body, dict):
        raise ContractError.single(source.name, "not a BPS WebAPI answer (expected a JSON object)")
    return body


def listing(body: dict, name: str, file: str, default: list[dict] | None = None) -> pl.DataFrame:
    """A metadata list (var, vervar, tahun, …) as val/label/unit text; short, so plain Python."""
    items = body.get(name, default)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) and "val" in i for i in items):
        raise ContractError.single(file, f"'{name}' is missing or not a list of {{val, label}}: not a BPS table answer", column=name)
    return pl.DataFrame(
        {
            "val": [str(i["val"]) for i in items],
            "label": [str(i.get("label") or "").strip() for i in items],
            "unit": [str(i.get("unit") or "").strip() for i in items],
        }
    )


def content_frame(content: dict, file: str) -> pl.DataFrame:
    """datacontent as bps_key, value (float; null where BPS left the cell empty)."""
    try:
        value = pl.Series("value", list(content.values()), strict=False)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        raise ContractError.single(file, "datacontent values are not numbers", column="datacontent") from None
    data = pl.DataFrame({"bps_key": list(content.keys())}).with_columns(value)
    if value.dtype == pl.String:  # some exports quote numbers, possibly in Indonesian notation
        bad = data.filter(unreadable_number(pl.col("value")))
        raise_if([
            Problem(file=file, column="datacontent", value=f"{k}: {v}", message="not a number")
            for k, v in bad.head(200).iter_rows()  # offending values only
        ])
        return data.with_columns(parse_number(pl.col("value")))
    if value.dtype == pl.Null or value.dtype.is_numeric():
        return data.with_columns(pl.col("value").cast(pl.Float64))
    raise ContractError.single(file, f"datacontent values are {value.dtype}, not numbers", column="datacontent")


def pick(options: pl.DataFrame, preferred: list[str], name: str, file: str) -> str:
    """The one turvar/turtahun value kept (see module docstring)."""
    if options.height == 1:
        return options.item(0, "val")
    labels = options.get_column("label").str.to_lowercase().to_list()
    for wanted in preferred:
        if wanted in labels:
            return options.item(labels.index(wanted), "val")
    raise ContractError.single(
        file, f"several {name} values ({', '.join(options.get_column('label'))}) and none of "
        f"{', '.join(preferred)}: download the table for one of them", column=name,
    )


# --- all files -----------------------------------------------------------------------------


def label_key(label: pl.Expr) -> pl.Expr:
    """'Tingkat  Pengangguran Terbuka (TPT)' ~ 'tingkat pengangguran terbuka'."""
    return (
        label.str.to_lowercase()
        .str.replace_all(r"\(\s*tpt\s*\)", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def variable_map(sources: list[SourceFile]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(label_key → ukuran, var_id → ukuran): the standard labels plus raw/bps/variabel.yaml."""
    config = read_variables(sources)
    labels = (
        pl.DataFrame(
            {"label": [*STANDARD_LABELS, *config.get("label", {})],
             "ukuran": [*STANDARD_LABELS.values(), *config.get("label", {}).values()]},
            schema={"label": pl.String, "ukuran": pl.String},
        )
        .select(label_key=label_key(pl.col("label")), ukuran_label="ukuran")
        .unique("label_key", keep="last", maintain_order=True)  # the steward's mapping wins
    )
    by_id = pl.DataFrame(
        {"var_id": list(config.get("var", {})), "ukuran_var": list(config.get("var", {}).values())},
        schema={"var_id": pl.String, "ukuran_var": pl.String},
    )
    return labels, by_id


def read_variables(sources: list[SourceFile]) -> dict[str, dict[str, str]]:
    """The steward's variabel.yaml beside the JSON files, checked; {} when there is none."""
    if not sources:
        return {}
    first = sources[0]
    raw_dir = first.path.parents[len(PurePosixPath(first.name).parts) - 1]
    path = raw_dir / VARIABLES_FILE
    if not path.is_file():
        return {}
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ContractError.single(VARIABLES_FILE, f"not valid YAML ({err})") from None
    problems = []
    if not isinstance(config, dict) or set(config) - {"var", "label"}:
        raise ContractError.single(VARIABLES_FILE, "expected a mapping with 'var' and/or 'label' sections")
    checked: dict[str, dict[str, str]] = {}
    for section, entries in config.items():
        if not isinstance(entries, dict):
            problems.append(Problem(file=VARIABLES_FILE, column=section, message="expected 'var id or label: bps.measure' lines"))
            continue
        checked[section] = {str(k): str(v) for k, v in entries.items()}
        for k, v in checked[section].items():
            if not pl.select(pl.lit(v).str.contains(MEASURE_PATTERN)).item():
                problems.append(Problem(file=VARIABLES_FILE, column=section, value=f"{k}: {v}",
                                        message="a measure name looks like bps.pengangguran_terbuka"))
    raise_if(problems)
    return checked


def name_measures(rows: pl.DataFrame, labels: pl.DataFrame, by_id: pl.DataFrame) -> pl.DataFrame:
    """ukuran from the steward's var id mapping, else the label (theirs or the standard one)."""
    named = (
        rows.with_columns(label_key=label_key(pl.col("var_label")))
        .join(by_id, on="var_id", how="left")
        .join(labels, on="label_key", how="left")
        .with_columns(ukuran=pl.coalesce("ukuran_var", "ukuran_label"))
    )
    unknown = named.filter(pl.col("ukuran").is_null()).unique([SOURCE_FILE, "var_id"], maintain_order=True)
    raise_if([
        Problem(
            file=rec[SOURCE_FILE], column="var", value=rec["var_id"],
            message=f"variable {rec['var_id']} '{rec['var_label']}' is not a known measure; map it in raw/{VARIABLES_FILE} "
            f"(var: {{\"{rec['var_id']}\": bps.<measure>}})",
        )
        for rec in unknown.head(200).iter_rows(named=True)  # one per unknown variable
    ])
    return named.drop("label_key", "ukuran_var", "ukuran_label")


def to_units(rows: pl.DataFrame) -> pl.DataFrame:
    """nilai in persons or percent; satuan says which."""
    joined = rows.with_columns(unit_key=pl.col("unit").str.to_lowercase().str.replace_all(r"\s+", " ")).join(
        UNITS, on="unit_key", how="left"
    )
    unknown = joined.filter(pl.col("satuan").is_null()).unique([SOURCE_FILE, "var_id"], maintain_order=True)
    raise_if([
        Problem(file=rec[SOURCE_FILE], column="unit", value=rec["unit"],
                message=f"variable {rec['var_id']} '{rec['var_label']}': unit not one of Orang, Jiwa, Ribu Orang, Persen")
        for rec in unknown.head(200).iter_rows(named=True)
    ])
    # Rounding removes float noise of the ×1000 (287.569 × 1000 = 287568.99999999997).
    return joined.with_columns(nilai=(pl.col("value") * pl.col("factor")).round(6)).drop("unit_key", "factor")


def to_years(rows: pl.DataFrame) -> pl.DataFrame:
    """tahun from tahun.label: BPS's own val is year − 1900 and is not used."""
    year = pl.col("tahun_label").str.extract(r"^(\d{4})$").cast(pl.Int64)
    bad = rows.filter(year.is_null()).unique([SOURCE_FILE, "tahun_label"], maintain_order=True)
    raise_if([
        Problem(file=rec[SOURCE_FILE], column="tahun", value=rec["tahun_label"], message="the year label is not a year")
        for rec in bad.head(200).iter_rows(named=True)
    ])
    return rows.with_columns(tahun=year)
