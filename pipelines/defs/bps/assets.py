"""BPS labour figures: raw JSON answers → validated table → one slice per year, every region together."""

from pipelines.defs.bps.reader import FOLDER, EXTENSIONS, read_bps
from pipelines.defs.ingest import source_assets
from schemas.bps import BpsTenagaKerja

raw_bps_tenaga_kerja, bps_tenaga_kerja = source_assets(
    name="bps_tenaga_kerja",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_bps,
    model=BpsTenagaKerja,
    group="bps",
    file_kinds={"json"},
    raw_description=(
        "Labour force (angkatan kerja), open unemployment (pengangguran terbuka) and TPT per "
        "kabupaten/kota and province, from BPS WebAPI answers saved as downloaded (`raw/bps/*.json`; "
        "Sakernas August figures). Thousands are scaled to persons; BPS region codes become Kemendagri "
        "codes (exceptions in pipelines/reference/bps_kemendagri.csv), other variables are mapped in "
        "raw/bps/variabel.yaml; re-downloaded files count once. Metadata lists each file with its sha256. "
        "Feeds bps.angkatan_kerja, bps.pengangguran_terbuka and bps.tpt: TPT, tenaga kerja terampil and "
        "perluasan kesempatan kerja in Tabel 3.1."
    ),
    staged_description=(
        "BPS labour force, unemployment and TPT per year for every region (the BPS year, before any "
        "tahun_data offset), each figure with its source file and datacontent key."
    ),
)
