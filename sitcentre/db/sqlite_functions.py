"""SQL functions SQLite lacks, registered on every connection (sitcentre.db.engine).

sc_casefold(text): Python's str.casefold, so that search folds case in every script ("ГЕРОИН", "Ё",
"Straße") as PostgreSQL's lower() does in a UTF-8 database; SQLite's own lower() and LIKE fold ASCII
only. Deterministic, so SQLite evaluates it once for a constant argument (the search pattern) and may use
it in indexes and CHECK constraints. Non-text values pass through unchanged (NULL stays NULL).
"""

from __future__ import annotations

CASEFOLD = "sc_casefold"


def casefold(value):
    return value.casefold() if isinstance(value, str) else value


def register(dbapi_conn) -> None:
    """Add the functions to one sqlite3 connection."""
    dbapi_conn.create_function(CASEFOLD, 1, casefold, deterministic=True)
