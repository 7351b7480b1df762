"""SIPD budget realisation: raw workbooks → validated lines → sub kegiatan and printed subtotals."""


from pipelines.defs.ingest import raw_asset, staged_asset
from pipelines.defs.partitions import PER_TRIWULAN
from pipelines.defs.resources import read_rows
from pipelines.lib.sipd.reader import FOLDER, EXTENSIONS, read_rfk
from pipelines.lib.sipd.split import printed_subtotals, sub_kegiatan
from schemas.sipd import SipdRfk, SipdSubKegiatan, SipdSubtotalCetak

GROUP = "anggaran"
RAW_TABLE = "raw.sipd_rfk"

raw_sipd_rfk = raw_asset(
    name="sipd_rfk",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_rfk,
    model=SipdRfk,
    group=GROUP,
    description="""
    Every line of the SIPD Laporan Realisasi Fisik dan Keuangan workbooks (`raw/sipd/*.xlsx`, first
    sheet): program, kegiatan, sub kegiatan and JUMLAH lines with pagu, realisasi and the printed
    percentages. Region, fiscal year, SKPD, DPA/DPPA and cut-off date (quarter) come from each
    workbook's title block; a workbook exported twice counts once. Metadata lists each file with its
    sha256.
    """,
)



def _quarters_of_lines(name: str, model, split, description: str):
    """staged/<name>: one split of the quarters' SIPD lines, every region and SKPD."""
    return staged_asset(
        name=name, upstream=raw_sipd_rfk, model=model, group=GROUP, partitioning=PER_TRIWULAN, description=description,
        read=lambda warehouse, periodes: split(read_rows(warehouse, RAW_TABLE, periode=periodes)),
    )


sipd_sub_kegiatan = _quarters_of_lines("sipd_sub_kegiatan", SipdSubKegiatan, sub_kegiatan, """
    Sub kegiatan lines of the SIPD budget realisation for the quarters being built, every region and
    SKPD, DPA/DPPA and quarter: the budget data itself. Program, kegiatan and JUMLAH amounts are
    rebuilt from these rows for Tabel 3.7 and the anggaran columns of Tabel 3.6.
    """)

sipd_subtotal_cetak = _quarters_of_lines("sipd_subtotal_cetak", SipdSubtotalCetak, printed_subtotals, """
    Program, kegiatan and JUMLAH lines exactly as SIPD printed them, for the quarters being built.
    Never summed as data: they are only compared with the sums of their sub kegiatan, and a
    difference becomes a subtotal_mismatch finding in the reviu.
    """)
