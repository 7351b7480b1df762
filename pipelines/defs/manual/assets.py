"""Manual measures: raw files → validated table → one slice per year, every region together."""

from pipelines.defs.ingest import source_assets
from pipelines.defs.manual.reader import FOLDER, EXTENSIONS, read_manual
from schemas.manual import ManualUkuran

raw_manual_ukuran, manual_ukuran = source_assets(
    name="manual_ukuran",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_manual,
    model=ManualUkuran,
    group="manual",
    file_kinds={"csv"},
    raw_description=(
        "Numbers the dinas keeps in its own documents (`raw/manual/*.csv`): Inspektorat scores, BLK "
        "certifications, job placements, website and social media counts, P3DN spending. Every row names "
        "its sumber document. Feeds the `manual.*` measures of Tabel 3.1, 3.2 and 3.6."
    ),
    staged_description="Manual measures per year, every region, each with its sumber document and source row.",
)
