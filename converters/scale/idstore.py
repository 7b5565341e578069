"""Unique ids over a stream of any length: IdAllocator's rule (a repeat
gets -2, -3 ...) with the ids taken kept in a temporary SQLite file, so a
million records cost no more memory than a thousand."""
from __future__ import annotations

import os
import sqlite3
import tempfile


class _TemporaryTables:
    """Tables in a temporary SQLite file, removed on close: fast settings,
    since nothing here must survive a crash."""

    def __init__(self, folder: str | None, name: str, tables: str):
        handle, self._path = tempfile.mkstemp(prefix=f".bibconv-{name}-", suffix=".db",
                                              dir=folder)
        os.close(handle)
        self._db = sqlite3.connect(self._path)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000;" + tables)

    def close(self) -> None:
        self._db.close()
        try:
            os.unlink(self._path)
        except OSError:
            pass


class StreamIds(_TemporaryTables):
    def __init__(self, folder: str | None = None):
        super().__init__(folder, "ids", "CREATE TABLE taken (id TEXT PRIMARY KEY) WITHOUT ROWID;"
                         "CREATE TABLE last (id TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;"
                         "CREATE TABLE next_letter (id TEXT PRIMARY KEY, n INTEGER) "
                         "WITHOUT ROWID;")

    def _take(self, candidate: str) -> bool:
        return self._db.execute("INSERT OR IGNORE INTO taken VALUES (?)",
                                (candidate,)).rowcount == 1

    def claim(self, wanted: str) -> str:
        if self._take(wanted):
            return wanted
        row = self._db.execute("SELECT n FROM last WHERE id = ?", (wanted,)).fetchone()
        n = row[0] if row else 1
        while True:
            n += 1
            candidate = f"{wanted}-{n}"
            if self._take(candidate):
                break
        self._db.execute("INSERT OR REPLACE INTO last VALUES (?, ?)", (wanted, n))
        return candidate

    def claim_suffixed(self, wanted: str) -> str:
        """IdAllocator.claim_suffixed's rule: repeats get a, b, c ... (the
        first free; the search goes on from where the last one for ``wanted``
        stopped, since nothing taken is freed)."""
        if self._take(wanted):
            return wanted
        row = self._db.execute("SELECT n FROM next_letter WHERE id = ?", (wanted,)).fetchone()
        n = row[0] if row else 0
        while not self._take(wanted + letter(n)):
            n += 1
        self._db.execute("INSERT OR REPLACE INTO next_letter VALUES (?, ?)", (wanted, n + 1))
        return wanted + letter(n)

    def claim_all(self, wanted: list[str]) -> list[str]:
        """``claim`` of each in order, the common case (an id not taken) in
        two queries a batch instead of one a record."""
        known = self._taken_of(set(wanted))
        got: list[str] = []
        fresh: list[tuple[str]] = []
        for one in wanted:
            if one not in known:
                fresh.append((one,))
                got.append(one)
            else:  # a repeat: the earlier ones must be in the table first
                self._insert(fresh)
                fresh = []
                got.append(self.claim(one))
            known.add(got[-1])
        self._insert(fresh)
        return got

    def take_all(self, ids: list[str]) -> None:
        """``ids`` known to be unique and new (a first part's, claimed before)."""
        self._db.executemany("INSERT OR IGNORE INTO taken VALUES (?)", [(i,) for i in ids])

    def _taken_of(self, ids: set[str]) -> set[str]:
        found: set[str] = set()
        listed = list(ids)
        for start in range(0, len(listed), _PARAMETERS):
            part = listed[start:start + _PARAMETERS]
            found.update(row[0] for row in self._db.execute(
                f"SELECT id FROM taken WHERE id IN ({','.join('?' * len(part))})", part))
        return found

    def _insert(self, rows: list[tuple[str]]) -> None:
        if rows:
            self._db.executemany("INSERT INTO taken VALUES (?)", rows)


def letter(n: int) -> str:
    """The ``n``-th (from 0) of ids.letters(): a ... z, aa, ab ... (bijective
    base 26)."""
    out = ""
    n += 1
    while n:
        n, digit = divmod(n - 1, 26)
        out = chr(ord("a") + digit) + out
    return out


_PARAMETERS = 900  # under SQLite's oldest limit of a statement's parameters


class SeenKeys(_TemporaryTables):
    """BibTeX keys of the earlier chunks of one file (case folded, with the
    key as written and its line), so that a key repeated in a later chunk
    is treated as the reader treats it within one text: each spelling is
    kept, since a key repeated exactly is skipped even where an earlier one
    differs from it only in case."""

    def __init__(self, folder: str | None = None):
        super().__init__(folder, "keys", "CREATE TABLE seen (folded TEXT, key TEXT, "
                         "line INTEGER, PRIMARY KEY (folded, key)) WITHOUT ROWID;")

    def earlier(self, key: str) -> tuple[str, int] | None:
        return self.earlier_all([key])[0]

    def earlier_all(self, keys: list[str]) -> list[tuple[str, int] | None]:
        """For each key, (the key, its line) where an earlier chunk has it as
        written, else the first of its case folded, else None; a query a
        few hundred keys."""
        folded = list(dict.fromkeys(key.lower() for key in keys))
        found: dict[str, list[tuple[str, int]]] = {}
        for start in range(0, len(folded), _PARAMETERS):
            part = folded[start:start + _PARAMETERS]
            for row in self._db.execute(
                    f"SELECT folded, key, line FROM seen WHERE folded IN "
                    f"({','.join('?' * len(part))})", part):
                found.setdefault(row[0], []).append((row[1], row[2]))
        out: list[tuple[str, int] | None] = []
        for key in keys:
            spellings = found.get(key.lower())
            out.append(None if not spellings else next(
                (s for s in spellings if s[0] == key), None) or min(spellings,
                                                                   key=lambda s: s[1]))
        return out

    def add(self, pairs) -> None:
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)",
                             [(key.lower(), key, line) for key, line in pairs])


class Payloads(_TemporaryTables):
    """The duplicate candidates' records by position (shard, number), so
    that only the positions are held while the components are found."""

    def __init__(self, folder: str | None = None):
        super().__init__(folder, "payloads", "CREATE TABLE kept (shard INTEGER, n INTEGER, "
                         "payload BLOB, PRIMARY KEY (shard, n)) WITHOUT ROWID;")
        # Written once, then read a key at a time: a small page cache will do.
        self._db.execute("PRAGMA cache_size=-1000")

    def put(self, position: tuple[int, int], payload: tuple) -> None:
        import pickle

        self._db.execute("INSERT OR IGNORE INTO kept VALUES (?, ?, ?)",
                         (*position, pickle.dumps(payload, pickle.HIGHEST_PROTOCOL)))

    def get(self, position: tuple[int, int]) -> tuple:
        import pickle

        row = self._db.execute("SELECT payload FROM kept WHERE shard = ? AND n = ?",
                               position).fetchone()
        return pickle.loads(row[0])
