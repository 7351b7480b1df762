"""How the report tables are presented: the one rounding rule and the LKjIP table layouts.

Every export that prints numbers as text (the Word tables, the HTML report) formats them here,
with one formula: rounded half away from zero on the decimal value (as Excel displays it) to
two decimals, `.` grouping thousands and `,` as the decimal separator (`8.294.394.608`,
`88,68`). Rupiah print whole. An undefined value prints `-`, never `0`.

Capaian prints with the same two decimals and a `%` (`100,20%`), not as the whole percent the
printed LKjIP uses (`100%`): a whole percent hides the differences the reviu is about (an
82,82% capaian printed as 83%), and one decimal still shows `85,0%` for an 84,96% that is
graded Berhasil, not Sangat Berhasil. Two decimals is also what the workbook's number formats
show, so the three exports agree digit for digit.

The layouts (`tabel_3_1` … `tabel_3_7`, `tabel_temuan`) give each table its caption, the
report's column headings and its rows of unrounded values; the workbook, the Word file and the
HTML report only draw them. No personal data: the rows come from the marts, which hold none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipelines.lib.angka import KOSONG, angka, angka_dari_teks, dengan_satuan, kosong, persen, rupiah, teks_angka  # noqa: F401 - the notation the layouts print
from pipelines.lib.kinerja.capaian import capaian_tidak_wajar
from pipelines.lib.reviu.temuan import severity_word


# Column kinds: how a value is written (text) and which number format a workbook cell gets.
# NILAI: a findings value stored as text; a number in it prints like the report's numbers.
NO, TEKS, RUPIAH, ANGKA, PERSEN, NILAI = "no", "teks", "rupiah", "angka", "persen", "nilai"
NUMBER_FORMAT = {RUPIAH: "#,##0", ANGKA: "#,##0.00", PERSEN: "#,##0.00"}

ROMAWI = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


# ---------------------------------------------------------------------------------------------
# Numbering


def romawi(n: int) -> str:
    out = []
    for value, letters in ROMAWI:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# What is reported


@dataclass(frozen=True)
class Laporan:
    """One region-year's marts and the names its captions need. `findings` is None when the
    reviu table does not exist (yet); an empty frame means the reviu found nothing."""

    kode_wilayah: str
    tahun: int
    iku_capaian: pl.DataFrame
    iku_perbandingan: pl.DataFrame
    realisasi_anggaran: pl.DataFrame = field(default_factory=pl.DataFrame)
    serapan: pl.DataFrame = field(default_factory=pl.DataFrame)
    findings: pl.DataFrame | None = None
    opd: str | None = None
    nama_wilayah: str | None = None

    @property
    def instansi(self) -> str:
        """'Dinas Koperasi UKM dan Tenaga Kerja Kabupaten Tabanan': the OPD, with its region
        when the OPD name does not already say it."""
        opd = (self.opd or "").strip()
        wilayah = (self.nama_wilayah or "").strip() or self.kode_wilayah
        if not opd:
            return wilayah
        return opd if wilayah.lower() in opd.lower() else f"{opd} {wilayah}"

    @property
    def periode_terakhir(self) -> str | None:
        """The latest quarter with budget data: Tabel 3.7 shows the year's last cut-off."""
        if self.realisasi_anggaran.is_empty():
            return None
        return self.realisasi_anggaran.get_column("periode").max()  # type: ignore[return-value]

    @property
    def nama_berkas(self) -> str:
        return f"lkjip_{self.kode_wilayah}_{self.tahun}"


def nama_triwulan(periode: str) -> str:
    """'2023-Q4' → 'Triwulan IV 2023'."""
    tahun, q = periode.split("-Q")
    return f"Triwulan {romawi(int(q))} {tahun}"


# ---------------------------------------------------------------------------------------------
# Table layouts


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = TEKS
    lebar: float = 12  # workbook width in characters; Word and HTML use it as a proportion
    kelompok: str | None = None  # an upper heading spanning the adjacent columns that share it
    hanya_xlsx: bool = False  # helper column of the stewards' workbook, not in the printed table

    @property
    def judul_lengkap(self) -> str:
        return f"{self.kelompok} {self.judul}" if self.kelompok else self.judul

    @property
    def angka(self) -> bool:
        return self.jenis in NUMBER_FORMAT


@dataclass(frozen=True)
class Baris:
    sel: tuple[object, ...]
    satuan: str | None = None  # of the ANGKA cells (target, realisasi)
    tingkat: int = 0  # indentation of the uraian column
    tebal: bool = False
    jenis: str = ""  # program, kegiatan, sub_kegiatan, total; error, warning (findings)


@dataclass(frozen=True)
class Tabel:
    kode: str  # '3.1' … '3.7', 'temuan'
    judul: str
    kolom: tuple[Kolom, ...]
    baris: tuple[Baris, ...]
    kolom_uraian: int | None = None  # the column indented by Baris.tingkat
    catatan: tuple[str, ...] = ()  # notes under the table (why a value is empty, …)
    kosong: str = "Tidak ada baris."

    def kolom_untuk(self, xlsx: bool) -> list[int]:
        return [i for i, k in enumerate(self.kolom) if xlsx or not k.hanya_xlsx]

    @property
    def sheet(self) -> str:
        return "Temuan" if self.kode == "temuan" else f"Tabel {self.kode}"

    @property
    def bertingkat(self) -> bool:
        return any(k.kelompok for k in self.kolom)


def sel_teks(kolom: Kolom, baris: Baris, value: object) -> str:
    """A cell as the Word table and the HTML report print it."""
    if kolom.jenis == RUPIAH:
        return rupiah(value)  # type: ignore[arg-type]
    if kolom.jenis == PERSEN:
        return persen(value)  # type: ignore[arg-type]
    if kolom.jenis == ANGKA:
        return dengan_satuan(value, baris.satuan)  # type: ignore[arg-type]
    if kolom.jenis == NILAI:
        return teks_angka(None if kosong(value) else str(value))
    return "" if kosong(value) else str(value)


def _definisi(row: dict) -> str | None:
    return row.get("definisi")


def _ket(row: dict) -> str | None:
    """Ket.: the predikat; for an empty capaian the reason it is empty; an implausible capaian
    is said next to its predikat (KET_SEPARATOR between them)."""
    keterangan = row.get("keterangan") or ""
    if row.get("predikat") and capaian_tidak_wajar() in keterangan:
        return f"{row['predikat']}{KET_SEPARATOR}{capaian_tidak_wajar()}"
    return row.get("predikat") or row.get("keterangan")


KET_SEPARATOR = " — "


def _notes(rows: list[dict], label: str = "indikator") -> tuple[str, ...]:
    empty = tuple(
        f"{r[label]}: capaian kosong ({r.get('keterangan') or 'realisasi atau target tidak tersedia'})."
        for r in rows
        if kosong(r.get("capaian"))
    )
    implausible = tuple(f"{r[label]}: {r['keterangan']}." for r in rows if capaian_tidak_wajar() in (r.get("keterangan") or ""))
    return empty + implausible


def _capaian_rows(lap: Laporan, jenis: str) -> list[dict]:
    frame = lap.iku_capaian.filter(pl.col("jenis") == jenis)
    if "urutan" in frame.columns:
        frame = frame.sort("urutan")
    return frame.to_dicts()


KOLOM_DEFINISI = Kolom("Definisi Operasional/Formula", TEKS, 34)
KOLOM_SATUAN = Kolom("Satuan", TEKS, 9, hanya_xlsx=True)


def _tabel_capaian(lap: Laporan, jenis: str, kode: str, judul: str, sasaran: str, indikator: str, kosong: str) -> Tabel:
    """Tabel 3.1 and 3.2 share their layout; only headings and the rows' jenis differ."""
    rows = _capaian_rows(lap, jenis)
    return Tabel(
        kode=kode,
        judul=f"Tabel {kode} {judul} {lap.instansi} Tahun {lap.tahun}",
        kolom=(
            Kolom("No", NO, 5), Kolom(sasaran, TEKS, 32), Kolom(indikator, TEKS, 40),
            KOLOM_DEFINISI, KOLOM_SATUAN, Kolom("Target", ANGKA, 12), Kolom("Realisasi", ANGKA, 12),
            Kolom("Capaian", PERSEN, 12), Kolom("Ket.", TEKS, 18),
        ),
        baris=tuple(
            Baris((i, r.get("sasaran"), r["indikator"], _definisi(r), r.get("satuan"), r["target"],
                   r.get("realisasi"), r.get("capaian"), _ket(r)), satuan=r.get("satuan"))
            for i, r in enumerate(rows, start=1)
        ),
        catatan=_notes(rows),
        kosong=kosong,
    )


def tabel_3_1(lap: Laporan) -> Tabel:
    return _tabel_capaian(
        lap, "iku", "3.1", "Capaian Kinerja", "Sasaran Strategis", "Indikator Kinerja",
        "Katalog tahun ini tidak memuat indikator kinerja utama (jenis iku).",
    )


def tabel_3_2(lap: Laporan) -> Tabel:
    return _tabel_capaian(
        lap, "tambahan", "3.2", "Capaian Kinerja Tambahan", "Prioritas Pembangunan Daerah", "Kinerja Kegiatan",
        "Katalog tahun ini tidak memuat kinerja tambahan.",
    )


def tabel_3_3(lap: Laporan) -> Tabel:
    names = lap.iku_capaian.select("indicator_id", "sasaran", "indikator", "definisi", "satuan", "keterangan")
    frame = lap.iku_perbandingan
    if "urutan" in frame.columns:
        frame = frame.sort("urutan")
    rows = frame.join(names, on="indicator_id", how="left", maintain_order="left").to_dicts()
    lalu = rows[0]["tahun_lalu"] if rows else lap.tahun - 1
    ini = lap.tahun
    return Tabel(
        kode="3.3",
        judul=f"Tabel 3.3 Perbandingan Capaian Kinerja {lap.instansi} Tahun {lalu} dan {ini}",
        kolom=(
            Kolom("No", NO, 5), Kolom("Sasaran Strategis", TEKS, 28), Kolom("Indikator Kinerja", TEKS, 36),
            Kolom("Definisi Operasional/Formula", TEKS, 30), KOLOM_SATUAN,
            Kolom(f"Target {lalu}", ANGKA, 11), Kolom(f"Realisasi {lalu}", ANGKA, 11), Kolom(f"Capaian {lalu}", PERSEN, 11),
            Kolom(f"Target {ini}", ANGKA, 11), Kolom(f"Realisasi {ini}", ANGKA, 11), Kolom(f"Capaian {ini}", PERSEN, 11),
        ),
        baris=tuple(
            Baris((i, r.get("sasaran"), r.get("indikator") or r["indicator_id"], r.get("definisi"), r.get("satuan"),
                   r.get("target_lalu"), r.get("realisasi_lalu"), r.get("capaian_lalu"),
                   r.get("target"), r.get("realisasi"), r.get("capaian")), satuan=r.get("satuan"))
            for i, r in enumerate(rows, start=1)
        ),
        catatan=tuple(
            f"{r.get('indikator') or r['indicator_id']}: capaian {tahun} kosong."
            for r in rows
            for tahun, key in ((lalu, "capaian_lalu"), (ini, "capaian"))
            if kosong(r.get(key))
        ),
        kosong="Tidak ada indikator kinerja utama untuk dibandingkan.",
    )


def tabel_3_6(lap: Laporan) -> Tabel:
    rows = _capaian_rows(lap, "program")
    return Tabel(
        kode="3.6",
        judul=f"Tabel 3.6 Capaian Program {lap.instansi} Tahun {lap.tahun}",
        kolom=(
            Kolom("No", NO, 5), Kolom("Program", TEKS, 32), Kolom("Indikator", TEKS, 40), KOLOM_DEFINISI,
            KOLOM_SATUAN, Kolom("Target", ANGKA, 11), Kolom("Anggaran (Rp)", RUPIAH, 17),
            Kolom("Realisasi Target", ANGKA, 12), Kolom("Realisasi Anggaran (Rp)", RUPIAH, 17),
        ),
        baris=tuple(
            Baris((i, r.get("sasaran"), r["indikator"], _definisi(r), r.get("satuan"), r["target"], r.get("pagu"),
                   r.get("realisasi"), r.get("realisasi_anggaran")), satuan=r.get("satuan"))
            for i, r in enumerate(rows, start=1)
        ),
        catatan=tuple(
            f"{r.get('sasaran') or r['indikator']}: realisasi target kosong ({r.get('keterangan') or 'tidak tersedia'})."
            for r in rows
            if kosong(r.get("realisasi"))
        ),
        kosong="Katalog tahun ini tidak memuat indikator program.",
    )


LEVEL_TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2, "total": 0}


def budget_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Tabel 3.7's order: the tree by kode (program, its kegiatan, their sub kegiatan), JUMLAH last."""
    return frame.sort(pl.col("level") == "total", "kode")


def tabel_3_7(lap: Laporan) -> Tabel:
    periode = lap.periode_terakhir
    frame = lap.realisasi_anggaran
    rows = budget_order(frame.filter(pl.col("periode") == periode)).to_dicts() if periode else []
    baris, nomor = [], 0
    for r in rows:
        level = r["level"]
        no = ""
        if level == "program":
            nomor += 1
            no = romawi(nomor)
        uraian = r.get("uraian") or r.get("kode") or ""
        baris.append(
            Baris((no, r.get("kode") or "", uraian, r["pagu"], r["realisasi"], r.get("persen_keuangan"), r.get("persen_fisik")),
                  tingkat=LEVEL_TINGKAT.get(level, 0), tebal=level in ("program", "total"), jenis=level)
        )
    keadaan = f" (keadaan {nama_triwulan(periode)}, periode {periode})" if periode else ""
    keu = f"REALISASI KEUANGAN {lap.tahun}"
    return Tabel(
        kode="3.7",
        judul=f"Tabel 3.7 Capaian Kinerja Keuangan {lap.instansi} Tahun {lap.tahun}{keadaan}",
        kolom=(
            Kolom("NO", NO, 6), Kolom("KODE", TEKS, 17), Kolom("PROGRAM/KEGIATAN/SUB KEGIATAN", TEKS, 52),
            Kolom(f"PAGU {lap.tahun} (Rp)", RUPIAH, 18),
            Kolom("(Rp)", RUPIAH, 18, kelompok=keu), Kolom("(%)", ANGKA, 10, kelompok=keu),
            Kolom("REALISASI FISIK (%)", ANGKA, 12),
        ),
        baris=tuple(baris),
        kolom_uraian=2,
        catatan=(
            "Pagu dan realisasi program, kegiatan dan JUMLAH adalah jumlah sub kegiatannya (bukan subtotal "
            "tercetak); realisasi fisik induk adalah rata-rata tertimbang pagu anak-anaknya.",
        ) if rows else (),
        kosong="Belum ada data realisasi anggaran (SIPD) untuk tahun ini.",
    )


def findings_order(findings: pl.DataFrame) -> pl.DataFrame:
    if findings.is_empty():
        return findings
    rank = pl.col("severity").replace_strict(SEVERITY_ORDER, default=9, return_dtype=pl.Int64)
    return findings.sort(rank, "tabel", "rule", "kunci", nulls_last=True)


def tabel_temuan(lap: Laporan) -> Tabel:
    findings = lap.findings
    rows = findings_order(findings).to_dicts() if findings is not None else []
    return Tabel(
        kode="temuan",
        judul=f"Temuan Reviu Otomatis LKjIP {lap.instansi} Tahun {lap.tahun}",
        kolom=(
            Kolom("No", NO, 5), Kolom("Tingkat", TEKS, 10), Kolom("Aturan", TEKS, 24), Kolom("Tabel", TEKS, 9),
            Kolom("Kunci", TEKS, 22), Kolom("Seharusnya", NILAI, 15), Kolom("Tercetak", NILAI, 15), Kolom("Pesan", TEKS, 72),
        ),
        baris=tuple(
            Baris((i, severity_word(r.get("severity")), r.get("rule"), r.get("tabel"), r.get("kunci"), r.get("expected"),
                   r.get("actual"), r.get("message")), jenis=r.get("severity") or "")
            for i, r in enumerate(rows, start=1)
        ),
        kosong=(
            "Reviu otomatis belum tersedia untuk wilayah dan tahun ini (tabel reviu.findings belum ada)."
            if findings is None else "Reviu otomatis tidak menemukan masalah."
        ),
    )


def tabel_bab3(lap: Laporan) -> list[Tabel]:
    """The BAB III tables in the report's order."""
    return [tabel_3_1(lap), tabel_3_2(lap), tabel_3_3(lap), tabel_3_6(lap), tabel_3_7(lap)]
