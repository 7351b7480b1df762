"""What a budget file's title lines say: region, fiscal year, SKPD, document and cut-off.

Each layout names the items its titles carry (tata_letak.TataLetak.judul, a regular expression
per item); this module reads their values. Cut-offs come in every form real files print:
`KEADAAN S.D. : 31 Desember 2023`, `KONDISI DESEMBER 2023` (the month's last day), `KONDISI S/D TGL.
: 28 Februari 2023`, `: 31-01-2023`, `Bulan Desember Tahun 2023`, a header's `SD JUNI`. A cut-off
belongs to the quarter that contains it.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

import polars as pl

from pipelines.lib.dates import BULAN
from schemas.pesan import _
from pipelines.lib.problems import Problem
from schemas.sipd import KODE_SKPD_PATTERN, TAHUN_13_2006

_TANGGAL = re.compile(r"^(\d{1,2})\s*[-/ ]\s*([A-Za-z]+|\d{1,2})\s*[-/ ]\s*(\d{4})$")
_BULAN_TAHUN = re.compile(r"^([A-Za-z]+)(?:\s+(\d{4}))?$")
_EXCEL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # a real date cell, read as text


def title_lines(cells: pl.DataFrame) -> list[tuple[int, str]]:
    """(Excel row, the row's cells joined): a label and its value may sit in separate cells."""
    lines = []
    for i, row in enumerate(cells.iter_rows()):
        text = " ".join(str(v).strip() for v in row if v is not None and str(v).strip())
        if text:
            lines.append((i + 1, re.sub(r"\s+", " ", text)))
    return lines


def find(items: dict[str, str], lines: list[tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """item → (row, value) for every item of the layout a title line carries (the first line wins)."""
    found = {}
    for item, pattern in items.items():
        regex = re.compile(pattern, re.I)
        for row, text in lines:
            if match := regex.search(text):
                found[item] = (row, match.group(1).strip(" :\t"))
                break
    return found


def cutoff_date(text: str, tahun: int | None) -> datetime.date | None:
    """'31 Desember 2023', '31-01-2023', 'DESEMBER 2023' or 'Juni' (the month's last day, in
    `tahun` when the text gives no year), or a real date cell; None when none of these."""
    text = text.strip(" :.").strip()
    try:
        if match := _EXCEL_DATE.match(text):
            return datetime.date(*(int(g) for g in match.groups()))
        if match := _TANGGAL.match(text):
            day, month, year = match.groups()
            bulan = int(month) if month.isdigit() else BULAN.get(month.lower())
            return None if bulan is None else datetime.date(int(year), bulan, int(day))
        if match := _BULAN_TAHUN.match(text):
            bulan = BULAN.get(match.group(1).lower())
            year = int(match.group(2)) if match.group(2) else tahun
            if bulan is None or year is None:
                return None
            return datetime.date(year, bulan, calendar.monthrange(year, bulan)[1])
    except ValueError:  # 31 Juni and the like
        return None
    return None


def triwulan(date: datetime.date) -> int:
    return (date.month - 1) // 3 + 1


@dataclass(frozen=True)
class Judul:
    """A sheet's title items, read: any of them may be absent (the lines name them, the file's
    name, a mapping file or the catalog supply the rest)."""

    wilayah: str | None = None  # the region's name as printed
    wilayah_baris: int | None = None  # the row that prints it
    tahun: int | None = None
    kode_skpd: str | None = None
    nama_skpd: str | None = None
    jenis_dokumen: str = "DPA"
    tanggal_keadaan: datetime.date | None = None
    sub_kegiatan: str | None = None  # a form of one sub kegiatan: its lines are rekening
    kegiatan: str | None = None  # … or of one kegiatan's work, named by the kegiatan only

    @property
    def satu_sub_kegiatan(self) -> str | None:
        """The name of the one sub kegiatan a form's rekening lines make (None: not such a form)."""
        return self.sub_kegiatan or self.kegiatan


def read_title(
    found: dict[str, tuple[int, str]], file: str, sheet: str | None, document_hint: str
) -> tuple[Judul, list[Problem]]:
    """The items found, checked; a value that cannot be read is a problem naming its row.
    `document_hint`: text that may say the document is the revised one (the file's name, the
    title): DPPA when it says perubahan or DPPA, else DPA (a rekap is the DPA unless it says so)."""
    problems: list[Problem] = []

    def bad(item: str, message: str) -> None:
        row, value = found[item]
        problems.append(Problem(file=file, sheet=sheet, row=row, value=value, message=message))

    tahun = int(found["tahun"][1]) if "tahun" in found else None
    kode_skpd = nama_skpd = None
    if "skpd" in found:
        value = found["skpd"][1]
        code, _sep, name = value.partition(" ")
        if re.match(KODE_SKPD_PATTERN, code):
            kode_skpd, nama_skpd = code, name.lstrip("-–: ") or None
        elif re.match(r"^\d[\d.]+$", code) and tahun is not None and tahun <= TAHUN_13_2006:
            nama_skpd = name.lstrip("-–: ") or None  # a 13/2006 SKPD code (1.15.01): the SKPD goes by its name
        elif re.match(r"^\d[\d.]+$", code):
            bad("skpd", _("not an SKPD code like 2.17.2.07.0.00.01.0000"))
        else:
            nama_skpd = value
    jenis = "DPPA" if re.search(r"(?i)perubahan|dppa", document_hint) else "DPA"
    if "jenis_dokumen" in found:
        jenis = found["jenis_dokumen"][1].upper()
        if jenis not in ("DPA", "DPPA"):
            bad("jenis_dokumen", _("JENIS DOKUMEN must be DPA or DPPA"))
            jenis = "DPA"
    tanggal = None
    if "keadaan" in found:
        tanggal = cutoff_date(found["keadaan"][1], tahun)
        if tanggal is None:
            bad("keadaan", _("not a date like '31 Desember 2023' or a month like 'DESEMBER 2023' (Indonesian month name)"))
        elif tahun is not None and tanggal.year != tahun:
            bad("keadaan", _("cut-off date lies outside TAHUN ANGGARAN {tahun}").format(tahun=tahun))
            tanggal = None
    return (
        Judul(
            wilayah=found["wilayah"][1] if "wilayah" in found else None, wilayah_baris=found.get("wilayah", (None,))[0],
            tahun=tahun, kode_skpd=kode_skpd,
            nama_skpd=nama_skpd, jenis_dokumen=jenis, tanggal_keadaan=tanggal,
            sub_kegiatan=found["sub_kegiatan"][1] if "sub_kegiatan" in found else None,
            kegiatan=found["kegiatan"][1] if "kegiatan" in found else None,
        ),
        problems,
    )
