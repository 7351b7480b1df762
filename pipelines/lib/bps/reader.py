"""raw/bps/*.json — BPS WebAPI dynamic tables: labour force, unemployment, TPT (docs/sumber.md §1).

Each file is the response body of BPS `list/model/data` as downloaded. A `datacontent` key is
str(vervar)+str(var)+str(turvar)+str(tahun)+str(turtahun) without separators and with varying
widths, so keys are decoded by joining them to every key the file's listed values can form
(a cross product of the short metadata lists), never by character positions. The year is
`tahun.label` (`tahun.val` is year − 1900).

Every variable is read, without configuration, as `bps.var<id>` (`bps.var543`). The standard
labels are recognised with BPS's suffixes and variants, case- and space-insensitive ("Angkatan
Kerja", "Jumlah Angkatan Kerja", "Pengangguran Terbuka", "Tingkat Pengangguran Terbuka (TPT)
Menurut Provinsi", "... Menurut Kabupaten/Kota") and are also named bps.angkatan_kerja,
bps.pengangguran_terbuka and bps.tpt. Others may be named in the optional `raw/bps/variabel.yaml`,
by var id (first) or label:

    var:
      "543": bps.pengangguran_terbuka
    label:
      Jumlah Penganggur: bps.pengangguran_terbuka

Units: `Ribu Orang`/`Ribu Jiwa` are scaled to persons, `Orang`/`Jiwa` kept, `Persen` stays a
percentage. Every period (turtahun: Februari, Agustus, Tahunan) and every turvar is kept, in
the columns `periode` and `turvar` (`total` for Tidak Ada / Jumlah / Total); which one a measure
reads is decided in measures (ukuran.from_bps), never here.

`data-availability: list-not-available` without datacontent is a valid empty answer. An answer
with status Error (or no answer) is refused quoting BPS's own message. Null or empty values are
cells BPS has not filled and are skipped. JSON has no rows, so source_row is null and `bps_key`
(the datacontent key) says where a value came from.
"""

from __future__ import annotations

import json

import polars as pl

from pipelines.lib import data_text
from schemas.pesan import _
from pipelines.lib.dedupe import drop_reexports
from pipelines.lib.numbers import NUMBERS_READ, Number, read_numbers
from pipelines.lib.problems import (
    MAX_PER_CHECK, PROVENANCE, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, ContractError, Problem, Problems, problems_from_rows,
    raise_if,
)
from pipelines.lib.provenance import SourceFile
from pipelines.lib.tabular import read_table
from pipelines.lib.bps.kode import STEWARD_FILE, TOTAL, kode_wilayah_for, province_of, steward_rows

# BPS answers are .json; the folder also holds the steward's two optional settings files.
FOLDER, EXTENSIONS = "bps", (".json", ".yaml", ".yml", ".csv")
MAX_COMBINATIONS = 1_000_000  # key combinations an answer may list beyond ten per value it holds
VARIABLES_FILE = f"{FOLDER}/variabel.yaml"  # relative to the raw folder, like source names
SETTINGS = (VARIABLES_FILE, STEWARD_FILE)
MEASURE_PATTERN = r"^bps\.[a-z0-9_]+$"

# Labels as BPS writes them in Indonesian and in English (lang=eng), suffixes removed by label_key.
STANDARD_LABELS = {
    "Angkatan Kerja": "bps.angkatan_kerja",
    "Labor Force": "bps.angkatan_kerja",
    "Labour Force": "bps.angkatan_kerja",
    "Pengangguran Terbuka": "bps.pengangguran_terbuka",
    "Open Unemployment": "bps.pengangguran_terbuka",
    "Tingkat Pengangguran Terbuka": "bps.tpt",
    "Open Unemployment Rate": "bps.tpt",
    "Unemployment Rate": "bps.tpt",
}
# unit as BPS writes it (lower case, without Ribu/Juta/Thousand/Million; English too) → satuan
UNITS = pl.DataFrame(
    {
        "unit_key": ["orang", "jiwa", "persen", "%", "percent", "person", "persons", "people"],
        "satuan": ["orang", "orang", "persen", "persen", "persen", "orang", "orang", "orang"],
    }
)
SCALE = {"ribu": 1000.0, "thousand": 1000.0, "juta": 1_000_000.0, "million": 1_000_000.0}
TURVAR_TOTAL = ["tidak ada", "jumlah", "total", "none"]
TOTAL_TURVAR = "total"
ANNUAL = "tahunan"  # the periode of a table without sub-years, and of BPS's "Tahun"/"Tahunan"
# turtahun labels → periode (Indonesian; English answers translated)
PERIODE = {
    "tahun": ANNUAL, "tidak_ada": ANNUAL, "yearly": ANNUAL, "annual": ANNUAL, "year": ANNUAL, "none": ANNUAL,
    "january": "januari", "february": "februari", "march": "maret", "may": "mei", "june": "juni",
    "july": "juli", "august": "agustus", "october": "oktober", "december": "desember",
}
# A listing without turvar/turtahun means the table has no breakdown: BPS writes 0 then.
NO_BREAKDOWN = [{"val": 0, "label": "Tidak Ada"}]

COLUMNS = [
    "tahun", "kode_wilayah", "kode_bps", "nama_wilayah", "ukuran", "periode", "turvar", "nilai", "satuan",
    "var_id", "var_label", "bps_key", *PROVENANCE,
]
KEY = ["kode_wilayah", "tahun", "ukuran", "periode", "turvar"]
DECODED = {
    "bps_key": pl.String, "value": pl.Float64, "kode_bps": pl.String, "nama_wilayah": pl.String,
    "kode_provinsi": pl.String, "var_id": pl.String, "var_label": pl.String, "unit": pl.String,
    "tahun_label": pl.String, "turvar_label": pl.String, "turtahun_label": pl.String, "labelvervar": pl.String,
    SOURCE_FILE: pl.String,
}


def read_bps(sources: list[SourceFile]) -> pl.DataFrame:
    """One row per region, year, measure, period and turvar from every BPS answer, read with the
    steward's settings files; all problems at once."""
    answers = [s for s in sources if s.path.suffix.lower() == ".json"]
    settings = {s.name: s for s in sources if s.name in SETTINGS}
    problems = Problems()
    problems.add(
        Problem(file=s.name, message=_("not a BPS answer (.json); besides answers only {settings} are read here").format(settings=" / ".join(SETTINGS)))
        for s in sources if s not in answers and s.name not in SETTINGS
    )
    # A settings file that cannot be read still lets every answer be checked (without it).
    labels, by_id = variable_map(problems.attempt(read_variables, settings.get(VARIABLES_FILE)) or {})
    steward = problems.keep(steward_rows(
        problems.keep(read_table(s.path, s.name, ["kode_bps", "kode_wilayah"])) if (s := settings.get(STEWARD_FILE)) else pl.DataFrame()
    ))
    frames = []
    for source in answers:
        if (read := problems.attempt(read_file, source)) is not None:
            frames.append(problems.keep(read))
    rows = pl.concat(frames) if frames else pl.DataFrame(schema=DECODED)

    rows = name_measures(rows, labels, by_id)
    rows = to_units(rows)
    rows = problems.keep(to_years(rows))
    rows = problems.keep(kode_wilayah_for(rows, steward))
    frame = rows.with_columns(
        periode=slug(pl.col("turtahun_label")).replace(PERIODE),
        turvar=pl.when(pl.col("turvar_label").str.to_lowercase().str.strip_chars().is_in(TURVAR_TOTAL))
        .then(pl.lit(TOTAL_TURVAR))
        .otherwise(slug(pl.col("turvar_label"))),
    ).with_columns(
        pl.col("var_id").cast(pl.Int64, strict=False),
        pl.lit(None, pl.String).alias(SOURCE_SHEET),
        pl.lit(None, pl.Int64).alias(SOURCE_ROW),
    ).select(COLUMNS)

    key = KEY
    # drop_reexports cannot tell two keys of one file apart (source_row is null), so say it here.
    twice = pl.struct(SOURCE_FILE, *key).is_duplicated()
    problems.add(problems_from_rows(
        frame.filter(twice), "bps_key",
        _("gives the same region, year, measure, period and turvar as another key of this file (two variables "
          "mapped to one measure, or two BPS codes to one region)"),
    ))
    frame = problems.keep(drop_reexports(frame.filter(~twice), key=key, values=["nilai", "satuan"], what=_("BPS figure")))
    problems.add(unemployed_beyond_labour_force(frame))
    problems.add(implausible_labour_figures(frame))
    problems.raise_any()
    return frame.sort(key)


def _labour_pairs(frame: pl.DataFrame) -> pl.DataFrame:
    """Unemployed and labour force of the same region, year, period and turvar side by side
    (nilai_, source_file_, bps_key_ unemployed / labour); none where either is missing."""
    key = ["kode_wilayah", "tahun", "periode", "turvar"]

    def side(ukuran: str, role: str) -> pl.DataFrame:
        rows = frame.filter(pl.col("ukuran") == ukuran).unique(key, keep="first", maintain_order=True)
        return rows.select(*key, **{f"{c}_{role}": c for c in ("nilai", SOURCE_FILE, "bps_key")})

    return side("bps.pengangguran_terbuka", "unemployed").join(side("bps.angkatan_kerja", "labour"), on=key, how="inner", nulls_equal=True)


def unemployed_beyond_labour_force(frame: pl.DataFrame) -> list[Problem]:
    """The unemployed are part of the labour force: more of them than the labour force means a
    unit is wrong (thousands read as persons, or the reverse)."""
    wrong = _labour_pairs(frame).filter(pl.col("nilai_unemployed") > pl.col("nilai_labour"))
    return [
        Problem(
            file=r[f"{SOURCE_FILE}_unemployed"],
            column="datacontent",
            value=f"{r['bps_key_unemployed']}: {r['nilai_unemployed']:,.0f}",
            message=_(
                "{wilayah} {tahun}: more unemployed than the labour force ({angkatan} in {berkas}, key {kunci}); check the "
                "units (Ribu Orang or Orang)"
            ).format(wilayah=r["kode_wilayah"], tahun=r["tahun"], angkatan=f"{r['nilai_labour']:,.0f}",
                     berkas=r[f"{SOURCE_FILE}_labour"], kunci=r["bps_key_labour"]),
        )
        for r in wrong.head(MAX_PER_CHECK).iter_rows(named=True)  # offending pairs only
    ]


# What BPS has published: a kabupaten/kota's labour force stays far below 20 million (the largest,
# Bogor, about 3 million), a province's or the nation's below twice the nation's (about 150
# million); an open unemployment rate lies between these bounds (percent).
MOST_PERSONS = {"kabupaten_kota": 20_000_000, "provinsi": 300_000_000}
TPT_BOUNDS = (0.1, 40.0)


def implausible_labour_figures(frame: pl.DataFrame) -> list[Problem]:
    """A unit that does not fit its values (an answer saying Ribu Orang over values in persons
    makes every figure 1,000 times too large): a labour force or unemployed count above any
    nation's, or an unemployment rate (stated, or derived from the two counts) outside what BPS
    has ever published, is refused naming the file, the key and the unit."""
    most = pl.when(pl.col("kode_wilayah").str.contains(".", literal=True)).then(MOST_PERSONS["kabupaten_kota"]).otherwise(MOST_PERSONS["provinsi"])
    persons = frame.filter(pl.col("ukuran").is_in(["bps.angkatan_kerja", "bps.pengangguran_terbuka"]) & (pl.col("nilai") > most))
    low, high = TPT_BOUNDS
    rates = frame.filter((pl.col("ukuran") == "bps.tpt") & ~pl.col("nilai").is_between(low, high))
    derived = _labour_pairs(frame).with_columns(tpt=pl.col("nilai_unemployed") * 100 / pl.col("nilai_labour")).filter(
        ~pl.col("tpt").is_between(low, high))
    unit = _("check the unit the answer states (Ribu Orang: thousands; Orang: persons) against its values")
    return [
        *(Problem(file=r[SOURCE_FILE], column="datacontent", value=f"{r['bps_key']}: {r['nilai']:,.0f}", message=_(
            "{wilayah} {tahun}: {ukuran} of {nilai} persons is more than BPS has ever counted for such a region; {unit}").format(
                wilayah=r["kode_wilayah"], tahun=r["tahun"], ukuran=r["ukuran"], nilai=f"{r['nilai']:,.0f}", unit=unit))
          for r in persons.head(MAX_PER_CHECK).iter_rows(named=True)),
        *(Problem(file=r[SOURCE_FILE], column="datacontent", value=f"{r['bps_key']}: {r['nilai']}", message=_(
            "{wilayah} {tahun}: an unemployment rate of {nilai}% is outside anything BPS has published ({low}–{high}%); {unit}").format(
                wilayah=r["kode_wilayah"], tahun=r["tahun"], nilai=r["nilai"], low=low, high=high, unit=unit))
          for r in rates.head(MAX_PER_CHECK).iter_rows(named=True)),
        *(Problem(file=r[f"{SOURCE_FILE}_unemployed"], column="datacontent", value=f"{r['bps_key_unemployed']}: {r['nilai_unemployed']:,.0f}",
                  message=_(
                      "{wilayah} {tahun}: these unemployed against the labour force of {angkatan} ({berkas}, key {kunci}) give an "
                      "unemployment rate of {tpt}%, outside anything BPS has published ({low}–{high}%); {unit}").format(
                          wilayah=r["kode_wilayah"], tahun=r["tahun"], angkatan=f"{r['nilai_labour']:,.0f}", berkas=r[f"{SOURCE_FILE}_labour"],
                          kunci=r["bps_key_labour"], tpt=f"{r['tpt']:.4g}", low=low, high=high, unit=unit))
          for r in derived.filter(pl.col("nilai_unemployed") <= pl.col("nilai_labour")).head(MAX_PER_CHECK).iter_rows(named=True)),
    ]


# --- one file ------------------------------------------------------------------------------


def read_file(source: SourceFile) -> tuple[pl.DataFrame, list[Problem]]:
    """Decoded datacontent of one file: one row per filled value, before measures and units; and
    the problems of the keys and values left out. Raises ContractError when the file as a whole
    is no answer that can be read."""
    body = load_json(source)
    status = str(body.get("status") or "").strip()
    if status.lower() not in ("", "ok"):
        message = str(body.get("message") or body.get("data") or "no message").strip()
        raise ContractError.single(source.name, _("BPS answered with status {status}: \"{message}\"; download the table again").format(status=status, message=message))
    content = body.get("datacontent")
    if content in (None, "", {}):
        if body.get("data-availability") in ("list-not-available", "not-available"):
            return pl.DataFrame(schema=DECODED), []  # BPS's own "no data for this request"
        raise ContractError.single(source.name, _("no datacontent although data-availability is not 'list-not-available'"))
    if not isinstance(content, dict):
        raise ContractError.single(source.name, _("datacontent is not an object of key: value"), column="datacontent")

    vervar = listing(body, "vervar", source.name)
    var = listing(body, "var", source.name)
    tahun = listing(body, "tahun", source.name)
    turvar = listing(body, "turvar", source.name, default=NO_BREAKDOWN)
    turtahun = listing(body, "turtahun", source.name, default=NO_BREAKDOWN)

    # The keys are read by spelling every combination of the listings; a file may list far more
    # combinations than it holds values, which must not make a small file fill the memory.
    combinations = vervar.height * var.height * turvar.height * tahun.height * turtahun.height
    if combinations > max(MAX_COMBINATIONS, 10 * len(content)):
        raise ContractError.single(source.name, _(
            "its listings (vervar × var × turvar × tahun × turtahun) make {n} combinations for {values} values; "
            "download the table for fewer regions or years").format(n=f"{combinations:,}", values=f"{len(content):,}"))
    candidates = (
        vervar.select(kode_bps="val", nama_wilayah="label")
        .join(var.select(var_id="val", var_label="label", unit="unit"), how="cross")
        .join(turvar.select(turvar="val", turvar_label="label"), how="cross")
        .join(tahun.select(tahun_val="val", tahun_label="label"), how="cross")
        .join(turtahun.select(turtahun="val", turtahun_label="label"), how="cross")
        .with_columns(bps_key=pl.concat_str("kode_bps", "var_id", "turvar", "tahun_val", "turtahun"))
    )
    data, problems = content_frame(content, source.name)
    decoded = data.join(candidates, on="bps_key", how="left").with_columns(pl.lit(source.name).alias(SOURCE_FILE))

    unmatched = pl.col("kode_bps").is_null()
    # Varying widths can let two combinations spell one key; such a key cannot be read safely.
    ambiguous = pl.col("bps_key").is_duplicated()
    problems += [
        Problem(file=source.name, column="datacontent", value=key, message=message)
        for keys, message in [
            (decoded.filter(unmatched), _("this key is not formed by any listed vervar, var, turvar, tahun and turtahun")),
            (decoded.filter(ambiguous).unique("bps_key", maintain_order=True), _("this key can be read as two different cells of the listed values")),
        ]
        for key in keys.get_column("bps_key").head(MAX_PER_CHECK).to_list()  # offending keys only
    ]

    decoded = decoded.filter(~unmatched & ~ambiguous & pl.col("value").is_not_null())
    provinsi = province_of(vervar.get_column("val"), source.name)
    if provinsi is None:  # a national table's total is Indonesia, not a region
        decoded = decoded.filter(pl.col("kode_bps") != TOTAL)
    return decoded.with_columns(
        kode_provinsi=pl.lit(provinsi, pl.String), labelvervar=pl.lit(str(body.get("labelvervar") or ""), pl.String)
    ).select(list(DECODED)), problems


def load_json(source: SourceFile) -> dict:
    try:
        body = data_text.load_json(source.path.read_text(encoding="utf-8-sig"))
    except data_text.DataError as err:
        raise ContractError.single(source.name, str(err)) from None
    except UnicodeDecodeError as err:
        raise ContractError.single(source.name, _("not a valid JSON file ({error})").format(error=err)) from None
    if not isinstance(body, dict):
        raise ContractError.single(source.name, _("not a BPS WebAPI answer (expected a JSON object, got {body})").format(body=json.dumps(body)[:80]))
    return body


def listing(body: dict, name: str, file: str, default: list[dict] | None = None) -> pl.DataFrame:
    """A metadata list (var, vervar, tahun, …) as val/label/unit text; short, so plain Python."""
    items = body.get(name, default)
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) and "val" in i for i in items):
        raise ContractError.single(file, _("'{name}' is missing or not a list of {{val, label}}: not a BPS table answer").format(name=name), column=name)
    return pl.DataFrame(
        {
            "val": [str(i["val"]) for i in items],
            "label": [str(i.get("label") or "").strip() for i in items],
            "unit": [str(i.get("unit") or "").strip() for i in items],
        }
    )


def content_frame(content: dict, file: str) -> tuple[pl.DataFrame, list[Problem]]:
    """datacontent as bps_key, value (float; null where BPS left the cell empty), and the problems
    of the values left out."""
    try:
        value = pl.Series("value", list(content.values()), strict=False)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        raise ContractError.single(file, _("datacontent values are not numbers"), column="datacontent") from None
    data = pl.DataFrame({"bps_key": list(content.keys())}).with_columns(value)
    if value.dtype == pl.String:  # some exports quote numbers, in the notation of the file
        # Problems quote the key with the value; JSON has no sheets or rows.
        cells = data.with_columns(
            datacontent=pl.format("{}: {}", "bps_key", "value"),
            **{SOURCE_FILE: pl.lit(file), SOURCE_SHEET: pl.lit(None, pl.String), SOURCE_ROW: pl.lit(None, pl.Int64)},
        )
        read, problems = read_numbers(cells, [Number("datacontent", _("not a number"), text=pl.col("value"), into="value")])
        return read.filter(pl.col(NUMBERS_READ)).select("bps_key", "value"), problems
    if value.dtype == pl.Null or value.dtype.is_numeric():
        numbers = data.with_columns(pl.col("value").cast(pl.Float64))
        infinite = ~pl.col("value").is_finite()  # 1e400 is JSON's infinity: no figure BPS publishes
        return numbers.filter(~infinite | pl.col("value").is_null()), [
            Problem(file=file, column="datacontent", value=f"{k}: {v}", message=_("not a number"))
            for k, v in numbers.filter(infinite).head(MAX_PER_CHECK).iter_rows()
        ]
    raise ContractError.single(file, _("datacontent values are {dtype}, not numbers").format(dtype=value.dtype), column="datacontent")


# --- all files -----------------------------------------------------------------------------


def label_key(label: pl.Expr) -> pl.Expr:
    """'Tingkat  Pengangguran Terbuka (TPT) Menurut Provinsi' ~ 'tingkat pengangguran terbuka':
    case, spaces, parenthesised notes, a leading 'Jumlah' and a 'Menurut …' suffix do not matter."""
    return (
        label.str.to_lowercase()
        .str.replace_all(r"\([^)]*\)", " ")
        .str.replace(r"\s+(menurut|by)\s.*$", "")
        .str.replace(r"^\s*jumlah\s+", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def slug(label: pl.Expr) -> pl.Expr:
    """A period or turvar label as it appears in a measure name: 'Laki-laki' → laki_laki."""
    return label.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_")


def variable_map(config: dict[str, dict[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(label_key → ukuran, var_id → ukuran): the standard labels plus raw/bps/variabel.yaml's."""
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


def read_variables(settings: SourceFile | None) -> dict[str, dict[str, str]]:
    """The steward's variabel.yaml, checked; {} when there is none."""
    if settings is None:
        return {}
    try:
        config = data_text.load_yaml(settings.path.read_text(encoding="utf-8")) or {}
    except data_text.DataError as err:
        raise ContractError.single(VARIABLES_FILE, str(err), row=err.line) from None
    except UnicodeDecodeError as err:
        raise ContractError.single(VARIABLES_FILE, _("not valid YAML ({error})").format(error=err)) from None
    problems = []
    if not isinstance(config, dict) or set(config) - {"var", "label"}:
        raise ContractError.single(VARIABLES_FILE, _("expected a mapping with 'var' and/or 'label' sections"))
    checked: dict[str, dict[str, str]] = {}
    for section, entries in config.items():
        if not isinstance(entries, dict):
            problems.append(Problem(file=VARIABLES_FILE, column=section, message=_("expected 'var id or label: bps.measure' lines")))
            continue
        scalar = (str, int, float)
        if not all(isinstance(k, scalar) and isinstance(v, scalar) for k, v in entries.items()):
            problems.append(Problem(file=VARIABLES_FILE, column=section, message=_("expected 'var id or label: bps.measure' lines")))
            continue
        checked[section] = {str(k): str(v) for k, v in entries.items()}
        for k, v in checked[section].items():
            if not pl.select(pl.lit(v).str.contains(MEASURE_PATTERN)).item():
                problems.append(Problem(file=VARIABLES_FILE, column=section, value=f"{k}: {v}",
                                        message=_("a measure name looks like bps.pengangguran_terbuka")))
    raise_if(problems)
    return checked


def name_measures(rows: pl.DataFrame, labels: pl.DataFrame, by_id: pl.DataFrame) -> pl.DataFrame:
    """ukuran from the steward's var id mapping, else the label (theirs or the standard one),
    else bps.var<id>: every variable is readable (measures also names it bps.var<id>)."""
    named = (
        rows.with_columns(label_key=label_key(pl.col("var_label")))
        .join(by_id, on="var_id", how="left")
        .join(labels, on="label_key", how="left")
        .with_columns(ukuran=pl.coalesce("ukuran_var", "ukuran_label", pl.format("bps.var{}", "var_id")))
    )
    return named.drop("label_key", "ukuran_var", "ukuran_label")


def to_units(rows: pl.DataFrame) -> pl.DataFrame:
    """nilai in persons or percent for those units, else in BPS's own unit; `Ribu …` and
    `Juta …` are scaled (Ribu Ton → ton × 1000). satuan says which."""
    unit = pl.col("unit").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    scale = unit.str.extract(r"^(ribu|juta|thousand|million)\b", 1)
    base = unit.str.replace(r"^(ribu|juta|thousand|million)\b\s*", "")
    joined = rows.with_columns(
        unit_key=pl.when(scale.is_not_null() & (base == "")).then(unit).otherwise(base),
        factor=pl.when(base == "").then(1.0).otherwise(scale.replace_strict(SCALE, default=1.0)),
    ).join(UNITS.select("unit_key", "satuan"), on="unit_key", how="left")
    own = pl.col("unit_key").str.replace_all(r"[^a-z0-9%/]+", "_").str.strip_chars("_")
    joined = joined.with_columns(satuan=pl.coalesce("satuan", pl.when(own != "").then(own), pl.lit("tanpa_satuan")))
    # Rounding removes float noise of the ×1000 (287.569 × 1000 = 287568.99999999997).
    return joined.with_columns(nilai=(pl.col("value") * pl.col("factor")).round(6)).drop("unit_key", "factor")


def to_years(rows: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """tahun from tahun.label (BPS's own val is year − 1900 and is not used); the rows of a label
    that is no year are left out, named."""
    year = pl.col("tahun_label").str.extract(r"^(\d{4})$").cast(pl.Int64)
    bad = rows.filter(year.is_null()).unique([SOURCE_FILE, "tahun_label"], maintain_order=True)
    return rows.with_columns(tahun=year).filter(pl.col("tahun").is_not_null()), [
        Problem(file=rec[SOURCE_FILE], column="tahun", value=rec["tahun_label"], message=_("the year label is not a year"))
        for rec in bad.head(MAX_PER_CHECK).iter_rows(named=True)
    ]
