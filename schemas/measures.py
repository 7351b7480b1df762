"""The measures table: one number per region, year and measure, with the files it came from."""

import pandera.polars as pa

# bps.tpt, bps.var543, and a BPS period (and turvar) in brackets: bps.tpt[februari], bps.var543[agustus/laki_laki];
# anggaran.pagu / anggaran.realisasi, optionally under a kode prefix: anggaran.pagu[2.07.01]
MEASURE_PATTERN = (
    r"^(koperasi|umkm|manual)\.[a-z0-9_]+$"
    r"|^bps\.[a-z0-9_]+(\[[a-z0-9_]+(/[a-z0-9_]+)?\])?$"
    r"|^anggaran\.(pagu|realisasi)(\[\d+(\.\d+)*\])?$"
)
from schemas.common import Kontrak, kode_wilayah, tahun
from schemas.pesan import _


class Ukuran(Kontrak):
    kode_wilayah: str = kode_wilayah()
    tahun: int = tahun()
    ukuran: str = pa.Field(str_matches=MEASURE_PATTERN, nullable=False, description=_("<source>.<name>, e.g. umkm.jumlah"))
    nilai: float = pa.Field(nullable=False, description=_("The measure's value: a count, rupiah or percent"))
    periode: str = pa.Field(nullable=True, description=_("The BPS period the figure was read at (tahunan, agustus, …); empty for other sources"))
    sumber: str = pa.Field(nullable=False, description=_("Source files under raw/ the number was computed from"))

    class Config:
        unique = ["kode_wilayah", "tahun", "ukuran"]
