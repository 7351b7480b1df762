"""Layouts of budget files as data: how a sheet is recognised (the columns its header names) and
what each column means in the one canonical table of budget lines (`raw.sipd_rfk`).

The layouts known are those found in real exports (their origins are in the README and in
tests/data/sipd/README.md) and the sample's; a steward describes another one in
`raw/sipd/tata_letak.yaml` (same fields; parsed, never run), without editing the package.

A header may span several rows (merged group headings above their sub-columns): a column is
named by its cells top-down, joined with '/' (`keuangan/realisasi/rp`), each cell normalised like
every header (case, spaces and punctuation do not matter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from pipelines.lib.data_text import DataError, load_yaml
from schemas.pesan import _
from pipelines.lib.problems import Problem
from pipelines.lib.tabular import HEADER_SEARCH_ROWS, header_name

# The canonical columns a layout may map (what a line of the budget means).
KOLOM = (
    "kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik", "nomor",
    "kode_skpd", "nama_skpd", "kode_unit", "nama_unit", "kode_rekening", "nomor_dokumen", "tanggal", "tahun",
)
# How a layout codes its lines: a code per line as printed; lines named only (matched to the
# national nomenclature); the code split over several cells (urusan, bidang, program, kegiatan, sub).
# tiers over several cells (urusan | organisation | program … sub kegiatan | rekening).
DICETAK, BERNAMA, TERPISAH, BERTINGKAT = "dicetak", "bernama", "terpisah", "bertingkat"
STEWARD_FILE = "tata_letak.yaml"  # in raw/sipd/


@dataclass(frozen=True)
class TataLetak:
    nama: str  # what a steward calls it; recorded in lineage (column tata_letak)
    asal: str  # where it was seen
    kolom: dict[str, tuple[str, ...]]  # canonical column → header names, in order of preference
    wajib: tuple[str, ...]  # canonical columns whose header must be found for the layout to be recognised
    baris_header: int = 1
    kode: str = DICETAK
    kode_kolom: int = 1  # TERPISAH, BERTINGKAT: how many cells the code is spread over, from the `kode` column on
    kanan: tuple[str, ...] = ()  # columns whose header appears twice: the rightmost one counts
    baris_rekening: bool = False  # lines are rekening (or documents): summed per sub kegiatan and unit
    total: tuple[str, ...] = ("jumlah", "total")  # the label of the printed total line (its first word)
    # title items: item → regular expression on a title line, the value in group 1
    judul: dict[str, str] = field(default_factory=dict)
    judul_wajib: tuple[str, ...] = ()  # title items a sheet of this layout must carry

    def kolom_dari(self, paths: list[str]) -> dict[str, int]:
        """Canonical column → its position among the header's column names (absent: not mapped)."""
        found = {}
        for canonical, names in self.kolom.items():
            for name in names:
                hits = [i for i, p in enumerate(paths) if p == name]
                if hits:
                    found[canonical] = hits[-1] if canonical in self.kanan else hits[0]
                    break
        return found


def header_paths(
    cells: pl.DataFrame, top: int, rows: int, merged: list[tuple[int, int, int, int]] | None = None, printed: bool = False
) -> list[str]:
    """The name of every column of a header `rows` deep from row index `top`: its cells top-down,
    each normalised, joined by '/'. A heading merged over several cells names each of them: from
    the workbook's merged areas where it has them (`merged`, 0-based first row, first column, last
    row, last column), else carried right over the empty cells whose next header row names a
    sub-column (a cell under a heading is taken as merged with it, not with its left). With
    `printed`, the cells as the file prints them, joined by ' / ' (for messages)."""
    name = (lambda v: " ".join(str(v or "").split())) if printed else header_name
    grid = [[name(v) for v in cells.row(top + r)] for r in range(rows) if top + r < cells.height]
    if merged is not None:
        for r1, c1, r2, c2 in merged:
            value = grid[r1 - top][c1] if 0 <= r1 - top < len(grid) and c1 < len(grid[r1 - top]) else None
            for r in range(max(r1, top), min(r2, top + len(grid) - 1) + 1):
                for c in range(c1, min(c2 + 1, len(grid[r - top]))):
                    grid[r - top][c] = grid[r - top][c] or (value or "")
    else:
        for r in range(len(grid) - 2, -1, -1):  # bottom-up: a carried sub-heading lets its heading carry
            for c in range(1, len(grid[r])):
                above = grid[r - 1][c] if r else ""
                if not grid[r][c] and not above and grid[r][c - 1] and grid[r + 1][c]:
                    grid[r][c] = grid[r][c - 1]
    width = len(grid[0]) if grid else 0
    paths = []
    for c in range(width):
        parts: list[str] = []
        for row in grid:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        paths.append((" / " if printed else "/").join(parts))
    return paths


def kenali(
    cells: pl.DataFrame, layouts: list[TataLetak], merged: list[tuple[int, int, int, int]] | None = None
) -> tuple[TataLetak, int, list[str]] | None:
    """The first layout whose header is in the first rows of the sheet: (layout, header row index,
    column names). Layouts are tried in order, so a specific one goes before a general one."""
    for top in range(min(HEADER_SEARCH_ROWS, cells.height)):
        first = {header_name(v) for v in cells.row(top)} - {""}
        if len(first) < 2:
            continue
        for layout in layouts:
            paths = header_paths(cells, top, layout.baris_header, merged)
            if set(layout.wajib) <= set(layout.kolom_dari(paths)):
                return layout, top, paths
    return None


# --- the layouts found in real exports ------------------------------------------------------

_TAHUN = r"\bTAHUN(?:\s+ANGGARAN)?\s*:?\s*(\d{4})\b"

SIPD_RFK = TataLetak(
    nama="sipd_rfk",
    asal="the shipped sample's SIPD Laporan Realisasi Fisik dan Keuangan (a title block, one header row, coded lines)",
    kolom={
        "kode": ("kode",), "uraian": ("uraian",), "pagu": ("pagu_rp", "pagu"),
        "realisasi": ("realisasi_keuangan_rp",), "persen_keuangan": ("realisasi_keuangan_%",),
        "persen_fisik": ("realisasi_fisik_%",),
    },
    wajib=("kode", "uraian", "pagu", "realisasi", "persen_keuangan", "persen_fisik"),
    judul={
        "wilayah": r"^(PEMERINTAH\s+(?:KABUPATEN|KOTA|PROVINSI)\b.*)$",
        "tahun": _TAHUN,
        "skpd": r"^SKPD\s*:?\s*(\S+\s+.*\S)",
        "jenis_dokumen": r"^JENIS\s+DOKUMEN\s*:?\s*(\S+)",
        "keadaan": r"^KEADAAN\s+(?:S\s*[./]?\s*D\.?|SAMPAI\s+DENGAN)\s*:?\s*(.+)$",
    },
    judul_wajib=("wilayah", "tahun", "skpd", "jenis_dokumen", "keadaan"),
)

SIPD_RI_REKAP = TataLetak(
    nama="sipd_ri_rekap",
    asal="SIPD-RI rekap as a BPKAD exports it (Kabupaten Buru 2024–2026, GitHub bpkadkabburu/sipd-ri; Kota Banjarmasin 2025)",
    kolom={
        "tahun": ("tahun",), "kode_skpd": ("kode_skpd",), "nama_skpd": ("nama_skpd",),
        "kode_unit": ("kode_sub_unit",), "nama_unit": ("nama_sub_unit",),
        "kode": ("kode_sub_kegiatan",), "uraian": ("nama_sub_kegiatan",), "kode_rekening": ("kode_rekening",),
        "pagu": ("pagu",),
    },
    wajib=("tahun", "kode_skpd", "kode", "uraian", "pagu"),
    baris_rekening=True,
)

REALISASI_PER_DOKUMEN = TataLetak(
    nama="realisasi_per_dokumen",
    asal="SIPD-RI Laporan Realisasi Per Dokumen (Kabupaten Buru 2026, GitHub bpkadkabburu/bpkad-superapps)",
    kolom={
        "kode_skpd": ("kode_skpd",), "nama_skpd": ("nama_skpd",), "kode_unit": ("kode_sub_skpd",),
        "nama_unit": ("nama_sub_skpd",), "kode": ("kode_sub_kegiatan",), "uraian": ("nama_sub_kegiatan",),
        "kode_rekening": ("kode_rekening",), "nomor_dokumen": ("nomor_dokumen",),
        "tanggal": ("tanggal_sp2d", "tanggal_dokumen"), "realisasi": ("nilai_realisasi",),
    },
    wajib=("kode_skpd", "kode", "nomor_dokumen", "realisasi"),
    baris_rekening=True,
    judul={"wilayah": r"^((?:KAB(?:UPATEN)?|KOTA|PROV(?:INSI)?)\.?\s+.+)$", "tahun": _TAHUN},
    judul_wajib=("tahun",),
)

REKAP_BELANJA = TataLetak(
    nama="rekap_belanja",
    asal=(
        "SIPD-RI Rekapitulasi Belanja menurut Urusan, Organisasi, Program, Kegiatan beserta Hasil dan Sub Kegiatan "
        "beserta Keluaran, with anggaran and realisasi (Dinas Kesehatan, Kabupaten Sumenep 2024 and 2026, GitHub "
        "aliefneutron/realisasi_anggaran)"
    ),
    # the code over four cells: urusan/bidang | organisation (unit) | program … sub kegiatan | rekening
    kolom={
        "kode": ("kode",), "uraian": ("uraian_urusan_organisasi_program_kegiatan_dan_sub_kegiatan",),
        "pagu": ("total/anggaran",), "realisasi": ("total/realisasi",),
        "pagu_operasi": ("kelompok_belanja/operasi/anggaran",), "realisasi_operasi": ("kelompok_belanja/operasi/realisasi",),
        "pagu_modal": ("kelompok_belanja/modal/anggaran",), "realisasi_modal": ("kelompok_belanja/modal/realisasi",),
    },
    wajib=("kode", "uraian", "pagu_operasi", "realisasi_operasi"),
    baris_header=3,
    kode=BERTINGKAT,
    kode_kolom=4,
    judul={
        "skpd": r"^((?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|SATUAN|RUMAH SAKIT|KANTOR)\b.*)$",
        "wilayah": r"((?:KAB(?:UPATEN)?|KOTA)\.?\s+[A-Z][A-Z .'-]+)$",
        "tahun": _TAHUN,
        # a header's `SD JUNI` (realisasi to the end of June)
        "keadaan": r"\bS\s*/?\s*D\s+((?:JANUARI|FEBRUARI|MARET|APRIL|MEI|JUNI|JULI|AGUSTUS|SEPTEMBER|OKTOBER|NOVEMBER|DESEMBER)(?:\s+\d{4})?)\b",
    },
    judul_wajib=("tahun",),
)

RFK_BULANAN = TataLetak(
    nama="rfk_bulanan",
    asal=(
        "monthly Laporan Realisasi Fisik dan Keuangan kept by SKPDs and the Bagian Administrasi Pembangunan: a sheet per "
        "SKPD, sub kegiatan named but not coded (Kota Banjarmasin 2023, GitHub asrani27/ipb)"
    ),
    kolom={
        "nomor": ("no",), "uraian": ("uraian_kegiatan", "uraian"),
        "pagu": ("nilai_anggaran/rp", "nilai_dpa/rp", "nilai_dpa"),
        "realisasi": ("keuangan/realisasi/rp",),
        "persen_fisik": ("fisik/real/%", "fisik_%/realisasi/kum", "fisik/realisasi/%", "fisik/realisasi/kum"),
    },
    wajib=("nomor", "uraian", "pagu", "realisasi"),
    baris_header=3,
    kode=BERNAMA,
    judul={
        "skpd": r"^(?:SKPD\s*:?\s*)?((?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|SATUAN|RUMAH SAKIT|KANTOR|BAGIAN)\b.*)$",
        "tahun": _TAHUN,
        "keadaan": r"^KONDISI\s*(?:S\s*/?\s*D\.?\s*(?:TGL\.?)?)?\s*:?\s*(.+)$",
        # a form of one sub kegiatan, its lines rekening: the sub kegiatan (or only its kegiatan) named above
        "sub_kegiatan": r"^SUB\s+KEGIATAN\s*:\s*(.+)$",
        "kegiatan": r"^NAMA\s+KEGIATAN\s*:\s*(.+)$",
    },
)

WPSIPD_RFK = TataLetak(
    nama="wpsipd_rfk",
    asal=(
        "the wp-sipd WordPress plugin's Laporan RFK download, an HTML table saved as .xls (template in GitHub "
        "agusnurwanto/wp-sipd, public/partials/monev/wpsipd-public-monitor-rfk.php)"
    ),
    kolom={
        "kode": ("kode",), "uraian": ("urusan_bidang_urusan_pemerintahan_daerah_dan_program_kegiatan",),
        # capaian is column 9 over column 8: the pagu is the DPA column, the rightmost of these
        "pagu": ("dpa_simda_rp", "dpa_fmis_rp", "dpa_sipd_rp", "rka_simda_rp", "rka_fmis_rp", "rka_sipd_rp"),
        "realisasi": ("realisasi_keuangan_rp",), "persen_keuangan": ("capaian_%",),
        "persen_fisik": ("realisasi_fisik_%",),
    },
    wajib=("kode", "uraian", "pagu", "realisasi"),
    kode=TERPISAH,
    kode_kolom=5,
    kanan=("pagu",),
    total=("total",),
    judul={
        "skpd": r"^(\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}\s+.+)$",
        "tahun": _TAHUN,
        "keadaan": r"^BULAN\s+(\w+)\s+TAHUN\s+\d{4}",
    },
    judul_wajib=("tahun",),
)

# Tried in this order: the specific before the general.
BAWAAN = [REKAP_BELANJA, REALISASI_PER_DOKUMEN, SIPD_RI_REKAP, WPSIPD_RFK, RFK_BULANAN, SIPD_RFK]


def judul_item(item: str) -> str:
    """A title item as a steward reads it in a message."""
    return {
        "wilayah": _("region (PEMERINTAH KABUPATEN/KOTA/PROVINSI …)"),
        "tahun": _("fiscal year (TAHUN ANGGARAN yyyy)"),
        "skpd": _("SKPD (SKPD : <kode> <nama>)"),
        "jenis_dokumen": _("document type (JENIS DOKUMEN : DPA|DPPA)"),
        "keadaan": _("cut-off date (KEADAAN S.D. : <tanggal>)"),
    }.get(item, item)


def dikenal(layouts: list[TataLetak]) -> str:
    """The layouts known, for a message: their names."""
    return ", ".join(t.nama for t in layouts)


def dari_berkas(text: str, file: str) -> tuple[list[TataLetak], list[Problem]]:
    """A steward's layouts (raw/sipd/tata_letak.yaml): a list of entries with nama, kolom
    (canonical column → header name or names), wajib, and optionally baris_header, kode (dicetak
    or bernama), baris_rekening, total, judul (item → regular expression). Parsed as data only."""
    try:
        entries = load_yaml(text) or []
    except DataError as err:
        return [], [Problem(file=file, row=err.line, message=str(err))]
    if isinstance(entries, dict):
        entries = [entries]
    layouts, problems = [], []
    for n, entry in enumerate(entries if isinstance(entries, list) else [entries], start=1):
        try:
            layouts.append(_layout(entry))
        except (TypeError, ValueError, re.error) as err:
            problems.append(Problem(file=file, row=n, message=_("layout {n} cannot be used: {error}").format(n=n, error=err)))
    return layouts, problems


def _names(value: object) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, (str, int)) for v in values):
        raise ValueError("header names must be text")
    return tuple("/".join(header_name(part) for part in str(v).split("/")) for v in values)


def _layout(entry: object) -> TataLetak:
    if not isinstance(entry, dict):
        raise ValueError("each layout is a mapping with nama, kolom and wajib")
    unknown = set(entry) - {"nama", "kolom", "wajib", "baris_header", "kode", "baris_rekening", "total", "judul"}
    if unknown:
        raise ValueError(f"unknown fields {', '.join(sorted(map(str, unknown)))}")
    kolom = entry.get("kolom")
    if not isinstance(kolom, dict) or not kolom:
        raise ValueError("kolom maps canonical columns to header names")
    wrong = sorted(set(map(str, kolom)) - set(KOLOM))
    if wrong:
        raise ValueError(f"not a canonical column: {', '.join(wrong)} (known: {', '.join(KOLOM)})")
    kode = str(entry.get("kode", DICETAK))
    if kode not in (DICETAK, BERNAMA):
        raise ValueError("kode is 'dicetak' (a code per line) or 'bernama' (lines named only)")
    wajib = tuple(str(w) for w in (entry.get("wajib") or list(kolom)))
    judul = {str(k): str(v) for k, v in (entry.get("judul") or {}).items()}
    for pattern in judul.values():
        re.compile(pattern)
    baris_header = int(entry.get("baris_header", 1))
    if not 1 <= baris_header <= 5:
        raise ValueError("baris_header is 1 to 5")
    return TataLetak(
        nama=str(entry.get("nama") or "steward"), asal=_("described by the steward in raw/sipd/{file}").format(file=STEWARD_FILE),
        kolom={str(k): _names(v) for k, v in kolom.items()}, wajib=wajib, baris_header=baris_header, kode=kode,
        baris_rekening=bool(entry.get("baris_rekening", False)),
        total=tuple(header_name(t) for t in (entry.get("total") or ["jumlah", "total"])), judul=judul,
    )
