"""Published figures: raw transcription → validated table → one slice per year, every region together."""

from pipelines.defs.ingest import source_assets
from pipelines.defs.published.reader import FOLDER, EXTENSIONS, read_published
from schemas.published import AngkaTerbit

raw_angka_terbit, angka_terbit = source_assets(
    name="angka_terbit",
    folder=FOLDER,
    extensions=EXTENSIONS,
    read=read_published,
    model=AngkaTerbit,
    group="reviu",
    file_kinds={"csv"},
    raw_description=(
        "A published LKjIP's tables transcribed cell by cell as printed (`raw/published/*.csv`), with the "
        "number read from each cell and the decimals it shows. The reviu compares these with the "
        "recomputed Tabel 3.1, 3.2, 3.3, 3.4, 3.6 and 3.7."
    ),
    staged_description="Published cells per year, every region (the year the printed value belongs to).",
)
