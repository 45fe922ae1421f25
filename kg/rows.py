"""Query answers as plain Python rows, for the Python API, and as a pandas DataFrame on request.

Every value is the term's text (an IRI, a literal's lexical form) as a `str`, and None where a
variable is unbound: exactly the cells `kg query --format csv` writes (which has "" for None).
Nothing is converted to datetime or int: the stored queries give dates of mixed precision
("1999", "1999-07", "1999-07-14", read from the articles), which a datetime would either refuse
or pad with a day nobody reported; and a str compares equal to the CSV a colleague exported.
Convert columns where you know what they hold (`pd.to_datetime(df.start, format="ISO8601")`).
"""
from __future__ import annotations

from typing import Optional


def plain(term) -> Optional[str]:
    return None if term is None else term.value


class Rows(list):
    """A list of {variable: str or None} dicts, one per solution, in the query's order;
    `columns` keeps the variables in the order the query selects them, even when no row came."""

    def __init__(self, columns: list[str], rows: list[list]):
        super().__init__({c: plain(t) for c, t in zip(columns, r)} for r in rows)
        self.columns = list(columns)

    def to_pandas(self):
        """The rows as a pandas DataFrame with the query's columns (install `kg[pandas]`)."""
        from .errors import no_pandas
        try:
            import pandas as pd
        except ImportError:
            raise no_pandas() from None
        return pd.DataFrame.from_records([[r[c] for c in self.columns] for r in self], columns=self.columns)
