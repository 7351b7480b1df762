"""The Perjanjian Kinerja catalog (`raw/perjanjian_kinerja/`): parsed into a typed model, never evaluated.

A formula names measures; measure names follow one grammar so a typo is caught when the
catalog is read, and an unknown measure is reported against the measures table later.
"""

from __future__ import annotations

from typing import Literal

from schemas.measures import MEASURE_PATTERN
from schemas.sipd import KODE_PROGRAM_PATTERN, KODE_SKPD_PATTERN
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SOURCES = ("bps", "koperasi", "umkm", "anggaran", "manual")


class Skala(BaseModel):
    """One step of the predikat scale: capaian above `lebih_dari` earns `predikat`; or, as real
    reports print it, a band `dari` … `sampai` with inclusive (default) or exclusive ends
    (`86 s/d 100 Baik`, `71 s/d <85 Sedang`, `<55 Sangat Kurang`)."""

    model_config = ConfigDict(extra="forbid")
    lebih_dari: float | None = None
    dari: float | None = None
    dari_termasuk: bool = True
    sampai: float | None = None
    sampai_termasuk: bool = True
    predikat: str = Field(min_length=1)

    @property
    def band(self) -> bool:
        return bool({"dari", "sampai", "dari_termasuk", "sampai_termasuk"} & self.model_fields_set)

    def bounds(self) -> tuple[float | None, bool, float | None, bool]:
        """(lower, lower inclusive, upper, upper inclusive); a `lebih_dari` step is (lebih_dari,
        exclusive, none): the scale is read top down, the first step that holds wins."""
        if self.band:
            return self.dari, self.dari_termasuk, self.sampai, self.sampai_termasuk
        return self.lebih_dari, False, None, True


# Report §3.1.4, the default when a catalog gives no scale.
DEFAULT_SKALA = [
    Skala(lebih_dari=85, predikat="Sangat Berhasil"),
    Skala(lebih_dari=70, predikat="Berhasil"),
    Skala(lebih_dari=55, predikat="Cukup Berhasil"),
    Skala(lebih_dari=None, predikat="Tidak Berhasil"),
]

TahunData = dict[Literal["bps", "koperasi", "umkm", "anggaran", "manual"], int]


class Indikator(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    jenis: Literal["iku", "tambahan", "program"]
    sasaran: str | None = None
    indikator: str = Field(min_length=1)
    definisi: str | None = None
    satuan: str | None = None
    arah: Literal["naik", "turun"]
    target: float
    rumus: Literal["nilai", "rasio", "pertumbuhan"]
    ukuran: str | None = Field(default=None, pattern=MEASURE_PATTERN)
    pembilang: str | None = Field(default=None, pattern=MEASURE_PATTERN)
    penyebut: str | None = Field(default=None, pattern=MEASURE_PATTERN)
    program: str | None = Field(default=None, pattern=KODE_PROGRAM_PATTERN)
    rumus_capaian: Literal["standar", "rasio_terbalik"] | None = None
    capaian_maks: float | None = Field(default=None, gt=0)
    tahun_data: TahunData | None = None

    @model_validator(mode="after")
    def _formula_names_its_measures(self) -> Indikator:
        needs = {"nilai": ["ukuran"], "pertumbuhan": ["ukuran"], "rasio": ["pembilang", "penyebut"]}[self.rumus]
        missing = [f for f in needs if getattr(self, f) is None]
        if missing:
            raise ValueError(f"rumus '{self.rumus}' needs {' and '.join(missing)}")
        if self.jenis == "program" and self.program is None:
            raise ValueError("a jenis 'program' indicator needs its program kode (program: '2.07.03')")
        return self


class Katalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kode_wilayah: str = Field(pattern=r"^\d{2}(\.\d{2})?$")
    tahun: int = Field(ge=2000, le=2100)
    opd: str = Field(min_length=1)
    # The OPD's SKPD code (2.17.2.07.0.00.01.0000): picks its lines out of a budget file of many
    # SKPDs (else its name does); kode_unit: one sub-unit only (an RSUD) instead of the SKPD whole.
    kode_skpd: str | None = Field(default=None, pattern=KODE_SKPD_PATTERN)
    kode_unit: str | None = Field(default=None, pattern=KODE_SKPD_PATTERN)
    tahun_data: TahunData = Field(default_factory=dict)
    rumus_capaian: Literal["standar", "rasio_terbalik"] = "standar"
    predikat: list[Skala] = Field(default_factory=lambda: list(DEFAULT_SKALA))
    indikator: list[Indikator] = Field(min_length=1)

    @field_validator("predikat")
    @classmethod
    def _scale_descends_to_a_floor(cls, skala: list[Skala]) -> list[Skala]:
        if skala and all(s.band for s in skala):  # bands as printed: gaps and a top are allowed (and reviewed)
            wrong = [s.predikat for s in skala if s.dari is not None and s.sampai is not None and s.dari > s.sampai]
            if wrong:
                raise ValueError(f"band(s) with dari above sampai: {', '.join(wrong)}")
            return skala
        if any(s.band for s in skala):
            raise ValueError("a scale is either 'lebih_dari' steps or 'dari'/'sampai' bands, not both")
        bounds = [s.lebih_dari for s in skala]
        if not skala or bounds[-1] is not None or None in bounds[:-1]:
            raise ValueError("the scale must end with one step 'lebih_dari: null' (the floor) and only there")
        if bounds[:-1] != sorted(bounds[:-1], reverse=True):
            raise ValueError("scale steps must go from the highest 'lebih_dari' down")
        return skala

    @field_validator("indikator")
    @classmethod
    def _ids_unique(cls, indikator: list[Indikator]) -> list[Indikator]:
        ids = [i.id for i in indikator]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"indicator id(s) used twice: {', '.join(twice)}")
        return indikator
