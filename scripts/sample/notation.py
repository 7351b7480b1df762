"""Indonesian notation as the source systems write it: thousands dots, decimal commas,
Roman and Indonesian month names, and the three date notations of ODS exports."""

from __future__ import annotations

import datetime as dt

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def ribuan(n: int) -> str:
    """8294394608 -> '8.294.394.608' (Indonesian thousands dots)."""
    return f"{n:,}".replace(",", ".")


def desimal(x: float, places: int = 2) -> str:
    """94.19 -> '94,19' (Indonesian decimal comma)."""
    return f"{x:.{places}f}".replace(".", ",")


def tanggal(d: dt.date, style: str) -> str:
    """The three date notations found in ODS exports."""
    return {"iso": d.isoformat(), "slash": d.strftime("%d/%m/%Y"),
            "dash": d.strftime("%d-%m-%Y")}[style]
