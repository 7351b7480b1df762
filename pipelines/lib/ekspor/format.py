"""How the report tables are presented: the LKjIP table layouts and how their cells print.

Every export that prints numbers as text (the Word tables, the HTML report) prints a cell with
`sel_teks`, which uses the one notation of `pipelines/lib/angka.py`: rounded half away from zero
on the decimal value (as Excel displays it) to two decimals, `.` grouping thousands and `,` as
the decimal separator (`8.294.394.608`, `88,68`). Rupiah print whole. An undefined value prints
`-`, never `0`.

Capaian prints with the same two decimals and a `%` (`100,20%`), not as the whole percent the
printed LKjIP uses (`100%`): a whole percent hides the differences the reviu is about (an
82,82% capaian printed as 83%), and one decimal still shows `85,0%` for an 84,96% that is
graded Berhasil, not Sangat Berhasil. Two decimals is also what the workbook's number formats
show, so the three exports agree digit for digit.

The layouts (`tabel_3_1` … `tabel_3_7`, `tabel_temuan`) give each table its caption, the
report's column headings and its rows of unrounded values; the workbook, the Word file and the
HTML report only draw them. No personal data: the rows come from the marts, which hold none.
Every text of a layout comes from the message catalogue when the layout is made, so a report is
written in the language chosen at that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipelines.lib.angka import dengan_satuan, kosong, persen, romawi, rupiah, teks_angka
from pipelines.lib.kinerja.capaian import capaian_tidak_wajar
from schemas.pesan import _
from pipelines.lib.reviu.cakupan import SIPD_CHECK
from pipelines.lib.reviu.cakupan import judul as judul_pemeriksaan
from pipelines.lib.reviu.temuan import rule_word, severity_word


# Column kinds: how a value is written (text) and which number format a workbook cell gets.
# NILAI: a findings value stored as text; a number in it prints like the report's numbers.
NO, TEKS, RUPIAH, ANGKA, PERSEN, NILAI = "no", "teks", "rupiah", "angka", "persen", "nilai"
NUMBER_FORMAT = {RUPIAH: "#,##0", ANGKA: "#,##0.00", PERSEN: "#,##0.00"}

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


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
    cakupan: pl.DataFrame | None = None  # the reviu's checks, run or not (reviu.cakupan)
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

    def tidak_dijalankan(self) -> list[dict]:
        """The reviu's checks that did not run: code, title, rules and why."""
        if self.cakupan is None:
            return []
        rows = self.cakupan.filter(~pl.col("dijalankan")).select("pemeriksaan", "aturan", "alasan").to_dicts()
        return [{**r, "judul": judul_pemeriksaan(r["pemeriksaan"])} for r in rows]

    def alasan(self, pemeriksaan: str) -> str | None:
        """Why one check of the reviu (by code) did not run; None when it ran or is unknown."""
        return next((r["alasan"] for r in self.tidak_dijalankan() if r["pemeriksaan"] == pemeriksaan), None)

    @property
    def nama_berkas(self) -> str:
        return f"lkjip_{self.kode_wilayah}_{self.tahun}"


def nama_triwulan(periode: str) -> str:
    """'2023-Q4' → 'Triwulan IV 2023'."""
    tahun, q = periode.split("-Q")
    return _("Quarter {romawi} {tahun}").format(romawi=romawi(int(q)), tahun=tahun)


# ---------------------------------------------------------------------------------------------
# Table layouts


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = TEKS
    lebar: float = 12  # workbook width in characters; Word and HTML use it as a proportion
    kelompok: str | None = None  # an upper heading spanning the adjacent columns that share it
    hanya_xlsx: bool = False  # helper column of the stewards' workbook, not in the printed table
    lencana: str = ""  # "predikat" (Ket.) or "tingkat" (a finding's severity): drawn as a badge or coloured

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
    kosong: str  # printed instead of the rows when there are none
    kolom_uraian: int | None = None  # the column indented by Baris.tingkat
    catatan: tuple[str, ...] = ()  # notes under the table (why a value is empty, …)

    def kolom_untuk(self, xlsx: bool) -> list[int]:
        return [i for i, k in enumerate(self.kolom) if xlsx or not k.hanya_xlsx]

    @property
    def sheet(self) -> str:
        return _("Findings") if self.kode == "temuan" else _("Table {kode}").format(kode=self.kode)

    @property
    def catatan_tercetak(self) -> list[str]:
        """The notes as every export prints them under the table."""
        return [_("Note: {catatan}").format(catatan=note) for note in self.catatan]

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
        _("{indikator}: the capaian is empty ({alasan}).").format(
            indikator=r[label], alasan=r.get("keterangan") or _("realisasi or target not available")
        )
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


def _kolom_no() -> Kolom:
    return Kolom(_("No."), NO, 5)


def _kolom_definisi(lebar: float = 34) -> Kolom:
    return Kolom(_("Operational definition/formula"), TEKS, lebar)


def _kolom_satuan() -> Kolom:
    return Kolom(_("Unit"), TEKS, 9, hanya_xlsx=True)


def _tabel_capaian(lap: Laporan, jenis: str, kode: str, judul: str, sasaran: str, indikator: str, kosong: str) -> Tabel:
    """Tabel 3.1 and 3.2 share their layout; only the texts and the rows' jenis differ. `judul` is
    translated already and names {instansi} and {tahun}."""
    rows = _capaian_rows(lap, jenis)
    return Tabel(
        kode=kode,
        judul=judul.format(instansi=lap.instansi, tahun=lap.tahun),
        kolom=(
            _kolom_no(), Kolom(sasaran, TEKS, 32), Kolom(indikator, TEKS, 40),
            _kolom_definisi(), _kolom_satuan(), Kolom(_("Target"), ANGKA, 12), Kolom(_("Realisasi"), ANGKA, 12),
            Kolom(_("Capaian"), PERSEN, 12), Kolom(_("Remarks"), TEKS, 18, lencana="predikat"),
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
    judul = _("Table 3.1 Performance Achievement, {instansi}, {tahun}")
    return _tabel_capaian(lap, "iku", "3.1", judul, _("Strategic sasaran"), _("Performance indicator"),
                          _("This year's catalog holds no main performance indicator (jenis iku)."))


def tabel_3_2(lap: Laporan) -> Tabel:
    judul = _("Table 3.2 Additional Performance Achievement, {instansi}, {tahun}")
    return _tabel_capaian(lap, "tambahan", "3.2", judul, _("Regional development priority"), _("Kegiatan performance"),
                          _("This year's catalog holds no additional performance."))


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
        judul=_("Table 3.3 Comparison of Performance Achievement, {instansi}, {lalu} and {ini}").format(
            instansi=lap.instansi, lalu=lalu, ini=ini
        ),
        kolom=(
            _kolom_no(), Kolom(_("Strategic sasaran"), TEKS, 28), Kolom(_("Performance indicator"), TEKS, 36),
            _kolom_definisi(30), _kolom_satuan(),
            *(
                kolom
                for tahun in (lalu, ini)
                for kolom in (
                    Kolom(_("Target {tahun}").format(tahun=tahun), ANGKA, 11),
                    Kolom(_("Realisasi {tahun}").format(tahun=tahun), ANGKA, 11),
                    Kolom(_("Capaian {tahun}").format(tahun=tahun), PERSEN, 11),
                )
            ),
        ),
        baris=tuple(
            Baris((i, r.get("sasaran"), r.get("indikator") or r["indicator_id"], r.get("definisi"), r.get("satuan"),
                   r.get("target_lalu"), r.get("realisasi_lalu"), r.get("capaian_lalu"),
                   r.get("target"), r.get("realisasi"), r.get("capaian")), satuan=r.get("satuan"))
            for i, r in enumerate(rows, start=1)
        ),
        catatan=tuple(
            _("{indikator}: the {tahun} capaian is empty.").format(indikator=r.get("indikator") or r["indicator_id"], tahun=tahun)
            for r in rows
            for tahun, key in ((lalu, "capaian_lalu"), (ini, "capaian"))
            if kosong(r.get(key))
        ),
        kosong=_("No main performance indicator to compare."),
    )


def tabel_3_6(lap: Laporan) -> Tabel:
    rows = _capaian_rows(lap, "program")
    return Tabel(
        kode="3.6",
        judul=_("Table 3.6 Program Achievement, {instansi}, {tahun}").format(instansi=lap.instansi, tahun=lap.tahun),
        kolom=(
            _kolom_no(), Kolom(_("Program"), TEKS, 32), Kolom(_("Indicator"), TEKS, 40), _kolom_definisi(),
            _kolom_satuan(), Kolom(_("Target"), ANGKA, 11), Kolom(_("Budget (Rp)"), RUPIAH, 17),
            Kolom(_("Realisasi of target"), ANGKA, 12), Kolom(_("Budget realisasi (Rp)"), RUPIAH, 17),
            Kolom(_("Capaian"), PERSEN, 12), Kolom(_("Remarks"), TEKS, 18, lencana="predikat"),
        ),
        baris=tuple(
            Baris((i, r.get("sasaran"), r["indikator"], _definisi(r), r.get("satuan"), r["target"], r.get("pagu"),
                   r.get("realisasi"), r.get("realisasi_anggaran"), r.get("capaian"), _ket(r)), satuan=r.get("satuan"))
            for i, r in enumerate(rows, start=1)
        ),
        catatan=tuple(
            _("{program}: the realisasi of target is empty ({alasan}).").format(
                program=r.get("sasaran") or r["indikator"], alasan=r.get("keterangan") or _("not available")
            )
            for r in rows
            if kosong(r.get("realisasi"))
        ),
        kosong=_("This year's catalog holds no program indicator."),
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
    if periode:
        judul = _("Table 3.7 Financial Performance Achievement, {instansi}, {tahun} (as of {triwulan}, period {periode})").format(
            instansi=lap.instansi, tahun=lap.tahun, triwulan=nama_triwulan(periode), periode=periode
        )
    else:
        judul = _("Table 3.7 Financial Performance Achievement, {instansi}, {tahun}").format(instansi=lap.instansi, tahun=lap.tahun)
    keu = _("FINANCIAL REALISASI {tahun}").format(tahun=lap.tahun)
    return Tabel(
        kode="3.7",
        judul=judul,
        kolom=(
            Kolom(_("NO."), NO, 6), Kolom(_("CODE"), TEKS, 17), Kolom(_("PROGRAM/KEGIATAN/SUB KEGIATAN"), TEKS, 52),
            Kolom(_("PAGU {tahun} (Rp)").format(tahun=lap.tahun), RUPIAH, 18),
            Kolom("(Rp)", RUPIAH, 18, kelompok=keu), Kolom("(%)", ANGKA, 10, kelompok=keu),
            Kolom(_("PHYSICAL REALISASI (%)"), ANGKA, 12),
        ),
        baris=tuple(baris),
        kolom_uraian=2,
        catatan=(
            _("Pagu and realisasi of a program, a kegiatan and JUMLAH are the sums of their sub kegiatan (not the "
              "printed subtotals); a parent's physical realisasi is the average of its children weighted by pagu."),
        ) if rows else (),
        kosong=_("Table 3.7 is not built: {alasan}.").format(alasan=lap.alasan(SIPD_CHECK.kode))
        if lap.alasan(SIPD_CHECK.kode) else _("No budget realisasi data (SIPD) for this year yet."),
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
        judul=_("Automatic LKjIP reviu findings, {instansi}, {tahun}").format(instansi=lap.instansi, tahun=lap.tahun),
        kolom=(
            _kolom_no(), Kolom(_("Severity"), TEKS, 12, lencana="tingkat"), Kolom(_("Rule"), TEKS, 24),
            Kolom(_("Table"), TEKS, 9), Kolom(_("Key"), TEKS, 22), Kolom(_("Expected"), NILAI, 15),
            Kolom(_("Printed"), NILAI, 15), Kolom(_("Column"), TEKS, 14), Kolom(_("Also seen by"), TEKS, 18), Kolom(_("Message"), TEKS, 72),
        ),
        baris=tuple(
            Baris((i, severity_word(r.get("severity")), rule_word(r.get("rule")), r.get("tabel"), r.get("kunci"), r.get("expected"),
                   r.get("actual"), r.get("kolom"), rule_word(r.get("aturan_lain")) or None, r.get("message")), jenis=r.get("severity") or "")
            for i, r in enumerate(rows, start=1)
        ),
        kosong=(
            _("The automatic reviu is not available for this region and year yet (no reviu.findings table).")
            if findings is None else _("The automatic reviu found no problem in the checks it ran.")
            if lap.tidak_dijalankan() else _("The automatic reviu found no problem.")
        ),
        catatan=tuple(
            _("not run: {judul} ({aturan}): {alasan}.").format(**r) for r in lap.tidak_dijalankan()
        ),
    )


@dataclass(frozen=True)
class TataLetak:
    """The tables of one region-year, laid out once and rendered to every format (workbook,
    Word, HTML)."""

    t3_1: Tabel
    t3_2: Tabel
    t3_3: Tabel
    t3_6: Tabel
    t3_7: Tabel
    temuan: Tabel

    @property
    def bab3(self) -> list[Tabel]:
        """The BAB III tables in the report's order."""
        return [self.t3_1, self.t3_2, self.t3_3, self.t3_6, self.t3_7]


def tata_letak(lap: Laporan) -> TataLetak:
    return TataLetak(tabel_3_1(lap), tabel_3_2(lap), tabel_3_3(lap), tabel_3_6(lap), tabel_3_7(lap), tabel_temuan(lap))
