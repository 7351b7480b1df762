"""measures: every measure of indicators.md for one region and year, each with its source files."""

import dagster as dg
import polars as pl

from pipelines.defs.ingest import KINDS, OWNERS, contract_check, staged_output
from pipelines.defs.measures import ukuran
from pipelines.defs.partitions import PARTITION_METADATA, region_year
from schemas.measures import Ukuran


def _staged(name: str) -> dg.AssetIn:
    return dg.AssetIn(key=["staged", name])


@dg.asset(
    key=["staged", "measures"],
    ins={
        "bps": _staged("bps_tenaga_kerja"),
        "koperasi": _staged("koperasi"),
        "penilaian": _staged("koperasi_penilaian"),
        "umkm": _staged("umkm_desa"),
        "sub_kegiatan": _staged("sipd_sub_kegiatan"),
        "manual": _staged("manual_ukuran"),
    },
    partitions_def=region_year,
    check_specs=[contract_check(["staged", "measures"])],
    metadata=PARTITION_METADATA,
    group_name="kinerja",
    owners=OWNERS,
    kinds=KINDS,
    description=(
        "One number per region, year and measure (bps.*, koperasi.jumlah/baru/sehat/berkualitas, "
        "umkm.jumlah, anggaran.pagu/realisasi per kode prefix, manual.*), each with the raw files it was "
        "computed from. The catalog's formulas read realisasi from here (Tabel 3.1, 3.2, 3.3, 3.6)."
    ),
)
def measures(
    bps: pl.DataFrame,
    koperasi: pl.DataFrame,
    penilaian: pl.DataFrame,
    umkm: pl.DataFrame,
    sub_kegiatan: pl.DataFrame,
    manual: pl.DataFrame,
):
    frame = ukuran.all_measures(
        [
            ukuran.from_bps(bps.lazy()),
            ukuran.from_koperasi(koperasi.lazy()),
            ukuran.from_penilaian(penilaian.lazy()),
            ukuran.from_umkm(umkm.lazy()),
            ukuran.from_anggaran(sub_kegiatan.lazy()),
            ukuran.from_manual(manual.lazy()),
        ]
    )
    yield from staged_output(frame, Ukuran, "staged.measures")
