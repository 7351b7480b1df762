"""What a measure is called and counted in, for people: `bps.tpt` is "Tingkat Pengangguran
Terbuka (TPT)" in persen. BPS answers and the manual measures file say it of their own measures
(var_label, satuan); the measures the pipeline counts itself are named here.
"""

from __future__ import annotations

import polars as pl

from schemas.pesan import _

KOLOM = {"ukuran": pl.String, "nama_ukuran": pl.String, "satuan": pl.String}


def dihitung() -> pl.DataFrame:
    """The measures the pipeline counts from registries and budget files."""
    rows = [
        ("koperasi.jumlah", _("Active cooperatives at year end"), _("unit")),
        ("koperasi.baru", _("New cooperatives"), _("unit")),
        ("koperasi.sehat", _("Cooperatives assessed sehat"), _("unit")),
        ("koperasi.berkualitas", _("Cooperatives assessed berkualitas"), _("unit")),
        ("umkm.jumlah", _("UMKM"), _("enterprises")),
        ("anggaran.pagu", _("Pagu"), "Rp"),
        ("anggaran.realisasi", _("Budget realisasi"), "Rp"),
    ]
    return pl.DataFrame(rows, schema=KOLOM, orient="row")


def kamus_ukuran(bps: pl.DataFrame | None, manual: pl.DataFrame | None) -> pl.DataFrame:
    """(ukuran, nama_ukuran, satuan) of every measure the sources describe: a BPS measure under
    its standard name and its bps.var<id> name, a manual measure with its satuan (it names none)."""
    parts = [dihitung()]
    if bps is not None:
        described = bps.select("ukuran", nama_ukuran="var_label", satuan="satuan", var_id="var_id")
        parts += [
            described.select(*KOLOM),
            described.select(pl.format("bps.var{}", "var_id").alias("ukuran"), "nama_ukuran", "satuan"),
        ]
    if manual is not None:
        parts.append(manual.select("ukuran", nama_ukuran=pl.lit(None, pl.String), satuan="satuan"))
    return pl.concat([p.cast(KOLOM) for p in parts]).unique("ukuran", keep="first", maintain_order=True)
