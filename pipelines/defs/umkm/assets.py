"""UMKM per village: raw files → validated table → one slice per year, every region together."""

from pipelines.defs.ingest import source_assets
from pipelines.defs.umkm.reader import FOLDER, EXTENSIONS, read_umkm
from schemas.umkm import UmkmDesa

raw_umkm_desa, umkm_desa = source_assets(
    name="umkm_desa",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_umkm,
    model=UmkmDesa,
    group="umkm",
    file_kinds={"xlsx", "csv"},
    raw_description=(
        "UMKM counts per village as collected from each kepala desa (`raw/umkm_desa/*.csv|xlsx`). "
        "Every kode_desa is checked against the Kemendagri 2025 list; re-exported rows count once. "
        "Metadata lists each file with its sha256. Feeds umkm.jumlah (pertumbuhan UMKM, Tabel 3.1 and 3.6)."
    ),
    staged_description="UMKM counts per village per year, every region, each row with its source file and row.",
)
