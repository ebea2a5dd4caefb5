"""CSV cells that spreadsheet programs show as text, for every export (reports, a person's
own data)."""

# A cell starting with one of these is run as a formula by spreadsheet programs (CWE-1236).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """The cell as text, with a leading ' where a spreadsheet would otherwise run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
