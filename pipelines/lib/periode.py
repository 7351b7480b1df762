"""A quarter's two names: Dagster's partition key names it by its first month ("2023-10"), the
tables by its number ("2023-Q4")."""


def periode_of(key: str) -> str:
    """'2023-10' (Dagster's key) → '2023-Q4' (the periode column)."""
    tahun, bulan = key.split("-")
    return f"{tahun}-Q{(int(bulan) - 1) // 3 + 1}"


def key_of_periode(periode: str) -> str:
    """'2023-Q4' → '2023-10'."""
    tahun, q = periode.split("-Q")
    return f"{tahun}-{3 * (int(q) - 1) + 1:02d}"
