"""Numbers as a steward reads them: Indonesian separators (8.294.394.608, 88,68), rounded half
up as the reports print them. The one formatter of exports, reports, findings and messages.

Not Babel's `id` locale: Babel 2.18 rounds half even by default (0.125 → '0,12', the report
prints '0,13'), takes its rounding only from the ambient decimal context, and even under a
half-up context prints '-0,00' for -0.001 and is ~6× slower per number; the separators are the
only part it would do."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

DESIMAL = 2
KOSONG = "-"  # an undefined value, never 0


def kosong(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def angka(value: float | int | None, desimal: int | None = DESIMAL) -> str:
    """8294394608 → '8.294.394.608' (desimal=0); 88.675 → '88,68'; None/NaN → '-'.
    desimal=None: none for a whole number, else DESIMAL (for numbers inside sentences).
    A float is rounded as its shortest repr, the number as written: 2.675 (stored as
    2.67499…) → '2,68', not the '2,67' that rounding the binary value gives."""
    if kosong(value):
        return KOSONG
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if desimal is None:
        desimal = 0 if float(value).is_integer() else DESIMAL
    exact = Decimal(repr(value))
    with localcontext() as context:  # enough digits for any float: 1e300 rounds, never raises
        context.prec = max(28, exact.adjusted() + desimal + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no '-0,00'
    text = f"{rounded:,.{desimal}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rupiah(value: float | int | None) -> str:
    return angka(value, 0)


def persen(value: float | None) -> str:
    """Capaian and other shares: '100,20%'; empty stays '-'."""
    return KOSONG if kosong(value) else f"{angka(value)}%"


def dengan_satuan(value: float | None, satuan: str | None) -> str:
    """Target and realisasi as the report prints them: a '%' indicator carries its sign
    ('3,00%'), other units (nilai, postingan, orang) print the bare number."""
    text = angka(value)
    return f"{text}%" if satuan == "%" and text != KOSONG else text


def teks_angka(text: str | None) -> str:
    """A findings value (stored as text): numbers get the report's notation, the rest stays."""
    if not text:
        return KOSONG  # undefined (growth from zero, …)
    number = angka_dari_teks(text)
    if number is None:
        return text
    return angka(number, 0 if number == int(number) else DESIMAL)


def angka_dari_teks(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) or math.isinf(number) else number


ROMAWI = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def romawi(n: int) -> str:
    """Roman numerals, as the report numbers its programs and quarters (Triwulan IV)."""
    out = []
    for value, letters in ROMAWI:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
