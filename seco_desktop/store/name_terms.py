"""Typo-tolerant name matching over the distinct name words of a store (``name_term``).

A million spouses share a few thousand to tens of thousands of distinct first and last names, so
a misspelling is compared against those words in memory (rapidfuzz, C speed) and the store is
then read by exact key with ``last_key IN (...)``. The words are cached per engine and refreshed
when ``name_term`` grows (the triggers only ever add terms, so its newest rows tell).

Thresholds (optimal string alignment distance, a transposition counts as one edit):

* spelling: at most 1 edit for words of 4-5 letters, 2 for 6 letters or more, none below 4
  ("Smyth" -> Smith, "Kathrin" -> Katherine; "Johnson" is 3 edits from Jackson: not found);
* sound-alike: the same :func:`phonetic_key` code and at most half the longer word's letters
  differ (floor 2) ("Kathryn" -> Catherine, "Jon" -> John, "Christine" -> Kristin).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection, Engine

from seco_desktop.domain.normalise import phonetic_key

Kind = Literal["first", "last"]

#: How many of the newest name_term rows identify the cached state.
TAIL = 64
_SPAN = "WHERE rowid BETWEEN ? AND ? ORDER BY rowid DESC"
_Tail = tuple[tuple[int, str, str], ...]

#: At most this many stored keys stand for one typed word (a very common word such as "maria"
#: inside many compound names would otherwise make the IN list huge).
MAX_TERMS_PER_WORD = 200


def max_edits(length: int) -> int:
    """Spelling mistakes tolerated in a word of ``length`` letters."""
    if length < 4:
        return 0
    return 1 if length <= 5 else 2


def sounds_alike(query: str, word: str, distance: int) -> bool:
    """Same code and not wildly different: half the longer word may differ, at least 2 letters."""
    return distance <= max(2, max(len(query), len(word)) // 2) and (
        phonetic_key(query) == phonetic_key(word)
    )


@dataclass(slots=True)
class _KindIndex:
    """The distinct words of one kind of name and the stored keys they occur in."""

    words: list[str] = field(default_factory=list)
    word_terms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_phon: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    terms: list[str] = field(default_factory=list)  # whole keys with more than one word
    term_set: set[str] = field(default_factory=set)

    def add(self, term: str) -> None:
        if term in self.term_set:
            return
        self.term_set.add(term)
        parts = term.split()
        if len(parts) > 1:
            self.terms.append(term)
        for word in dict.fromkeys(parts):
            if word not in self.word_terms:
                self.words.append(word)
                self.by_phon[phonetic_key(word)].append(word)
            self.word_terms[word].append(term)


class TermIndex:
    """The name words of one store, in memory."""

    def __init__(self) -> None:
        self._kinds: dict[str, _KindIndex] = {"first": _KindIndex(), "last": _KindIndex()}
        self._tail: _Tail = ()
        self._lock = threading.Lock()

    def refresh(self, conn: Connection) -> None:
        """Load new terms; reload all when the newest rows are not the ones seen last time.

        The newest ``TAIL`` rows are compared, not just the last rowid: a search inside a write
        transaction that then rolled back may have cached terms whose rowids a later insert
        reuses."""
        tail = self._tail_at(conn, "ORDER BY rowid DESC LIMIT ?", (TAIL,))
        with self._lock:
            if tail == self._tail:
                return
            since = 0
            if self._tail and tail and tail[0][0] > self._tail[0][0]:
                span = (self._tail[-1][0], self._tail[0][0])
                if self._tail_at(conn, _SPAN, span) == self._tail:
                    since = self._tail[0][0]
            if since == 0:
                self._kinds = {"first": _KindIndex(), "last": _KindIndex()}
            rows = conn.exec_driver_sql(
                "SELECT kind, term FROM name_term WHERE rowid > ? ORDER BY rowid", (since,)
            )
            for kind, term in rows:
                if kind in self._kinds and term:
                    self._kinds[kind].add(str(term))
            self._tail = tail

    @staticmethod
    def _tail_at(conn: Connection, clause: str, params: tuple[int, ...]) -> _Tail:
        sql = f"SELECT rowid, kind, term FROM name_term {clause}"  # noqa: S608 - fixed clauses
        rows = conn.exec_driver_sql(sql, params)
        return tuple((int(r[0]), str(r[1]), str(r[2])) for r in rows)

    def candidates(self, text: str, kind: Kind) -> list[tuple[str, int]]:
        """Stored keys that ``text`` (one or more folded words) may be a misspelling of, with
        their edit distance, nearest first. The exact key itself comes back at distance 0."""
        words = text.split()
        if not words:
            return []
        with self._lock:  # a refresh on another connection may be adding words
            return self._candidates(words, self._kinds[kind])

    def _candidates(self, words: list[str], index: _KindIndex) -> list[tuple[str, int]]:
        text = " ".join(words)
        if len(words) == 1:
            found = self._word_matches(words[0], index)
            best: dict[str, int] = {}
            for word, distance in sorted(found.items(), key=lambda item: (item[1], item[0])):
                for term in index.word_terms.get(word, [])[:MAX_TERMS_PER_WORD]:
                    best.setdefault(term, distance)
        else:
            best = self._term_matches(text, index)
        ranked = sorted(best.items(), key=lambda item: (item[1], item[0]))
        return ranked[:MAX_TERMS_PER_WORD]

    @staticmethod
    def _word_matches(word: str, index: _KindIndex) -> dict[str, int]:
        found: dict[str, int] = {}
        if word in index.word_terms:
            found[word] = 0
        limit = max_edits(len(word))
        if limit:
            for match, distance, _ in process.extract(
                word, index.words, scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                found.setdefault(match, int(distance))
        if len(word) >= 3:
            for match in index.by_phon.get(phonetic_key(word), []):
                distance = int(OSA.distance(word, match))
                if match not in found and sounds_alike(word, match, distance):
                    found[match] = distance
        return found

    @staticmethod
    def _term_matches(text: str, index: _KindIndex) -> dict[str, int]:
        """A compound name ("garcia marquez") against the stored compound keys."""
        found: dict[str, int] = {}
        if text in index.term_set:
            found[text] = 0
        limit = max_edits(len(text.replace(" ", "")))
        if limit:
            for match, distance, _ in process.extract(
                text, index.terms, scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                found.setdefault(match, int(distance))
        return found


_INDEXES: weakref.WeakKeyDictionary[Engine, TermIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def term_index(conn: Connection) -> TermIndex:
    """The up-to-date term index of the store ``conn`` reads (one per engine, kept in memory)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(conn.engine)
        if index is None:
            index = _INDEXES[conn.engine] = TermIndex()
    index.refresh(conn)
    return index
