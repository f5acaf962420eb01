"""Names: the search key, the sound-alike code, the display form and generational suffixes.

Re-exported by :mod:`seco_desktop.domain.normalise`; import from there.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

#: Letters NFKD does not decompose but a person would spell without the mark.
_EXTRA_FOLDS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"}
)
#: Apostrophe look-alikes people (and word processors) type inside names.
APOSTROPHES = "'’‘ʼ`´′＇"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Text for comparison: accents dropped (NFKD minus combining marks), case folded (ß -> ss),
    and a few letters without a decomposition spelled plainly (ø -> o, ł -> l, æ -> ae)."""
    return _strip_marks(_strip_marks(text).casefold().translate(_EXTRA_FOLDS))


_NAME_DROP = str.maketrans("", "", APOSTROPHES + ".")
_NON_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=1 << 16)  # a store has tens of thousands of distinct names at most
def name_key(name: str) -> str:
    """The search key of a name: folded, apostrophes and periods removed (``O'Brien`` ->
    ``obrien``), anything else that is not a-z (hyphens, spaces, digits) becomes one space.

    Only ``[a-z ]`` remains, single-spaced and stripped, so the function is idempotent. Letters
    outside the Latin script have no key and vanish.
    """
    folded = fold(name.translate(_NAME_DROP)).translate(_NAME_DROP)
    return _NON_LETTERS.sub(" ", folded).strip()


#: Spellings metaphone keeps apart that sound alike: Chris/Kris, Thompson/Tomson.
_PHONETIC_PREP = (
    (re.compile(r"^ch(?=[^aeiouy])"), "k"),
    (re.compile(r"chr"), "kr"),
    (re.compile(r"mps"), "ms"),
)
_PHONETIC_SEMIVOWELS = re.compile(r"[YWH]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def phonetic_key(name: str) -> str:
    """A sound-alike code for typo-tolerant search: names spelled differently over the phone get
    the same code (Catherine/Katherine/Kathryn, Steven/Stephen, Smith/Smyth, Nguyen/Nguen,
    Schmidt/Schmitt, McDonald/MacDonald, Sean/Shawn, Christine/Kristin).

    Metaphone (it knows C/K, PH/F, silent letters and drops vowels), computed over ``name_key``
    without spaces, then loosened: TH and T, SH and S share a code, W/Y/H after the first letter
    are dropped and repeated codes collapse. Empty input (or a name with no Latin letters) -> "".
    """
    compact = name_key(name).replace(" ", "")
    if not compact:
        return ""
    for pattern, replacement in _PHONETIC_PREP:
        compact = pattern.sub(replacement, compact)
    code = str(jellyfish.metaphone(compact)).replace("0", "T").replace("X", "S")
    code = code[:1] + _PHONETIC_SEMIVOWELS.sub("", code[1:])
    return _REPEATS.sub(r"\1", code) or compact[:1].upper()


#: Lower-case words that join a surname ("de la Cruz", "van der Berg").
_PARTICLES = frozenset(
    {"da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "la", "le"}
    | {"ten", "ter", "van", "von", "y", "bin", "ibn"}
)
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii"})
#: "Mac" names that are not Mac + surname (after Lingua::EN::NameCase).
_MAC_EXCEPTIONS = frozenset(
    {"macevicius", "machar", "machin", "machlin", "macias", "maciulis", "mackie", "mackle"}
    | {"macklin", "mackmin", "macquarie", "macomber", "macin", "macken", "machen", "mackey"}
    | {"macey", "macon", "macek", "machuca", "machell", "mackinnon"}
)
_APOSTROPHE_TO_ASCII = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
_SPACED_HYPHEN = re.compile(r" ?- ?")


def _capitalise(word: str) -> str:
    """Upper-case the first letter, unless it has no single-letter capital (ß -> SS)."""
    first = word[:1].upper()
    return (first if len(first) == 1 else word[:1]) + word[1:]


def _title_part(part: str) -> str:
    """Title-case one hyphen-free piece of an all-caps or all-lower name."""
    part = part.lower()
    if "'" in part:
        head, _, tail = part.partition("'")
        if len(head) == 1 and tail:  # O'Brien, D'Angelo
            return f"{_capitalise(head)}'{_title_part(tail)}"
        return _capitalise(part)  # Ka'ahumanu: the okina does not start a new word
    if part.startswith("mc") and len(part) > 3:
        return "Mc" + _capitalise(part[2:])
    if (
        part.startswith("mac")
        and len(part) > 5
        and part[-1] not in "aciozj"
        and part not in _MAC_EXCEPTIONS
    ):
        return "Mac" + _capitalise(part[3:])
    return _capitalise(part)


def _title_case(name: str) -> str:
    words = name.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in _PARTICLES and i < len(words) - 1:
            out.append(lower)  # a surname never ends with a particle
        elif lower in _ROMAN and i > 0:
            out.append(lower.upper())
        else:
            out.append("-".join(_title_part(p) for p in word.split("-")))
    return " ".join(out)


def _single_case(text: str) -> bool:
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    return bool(cased) and (all(ch.isupper() for ch in cased) or all(ch.islower() for ch in cased))


def tidy_name(name: str) -> str:
    """The display form of a name, for storage.

    Trims and collapses whitespace, composes accents (NFC, diacritics are kept), turns every
    apostrophe variant into the ASCII ``'`` (what a keyboard types, so a search typed later
    matches what is shown). Input typed all in capitals or all in lower case is title-cased
    ("MCDONALD" -> "McDonald", "o'brien-smith" -> "O'Brien-Smith", "de la cruz" -> "de la Cruz");
    mixed-case input is the person's own spelling and keeps its case.
    """
    text = unicodedata.normalize("NFC", name).translate(_APOSTROPHE_TO_ASCII)
    text = _SPACED_HYPHEN.sub("-", " ".join(text.split()))
    return _title_case(text) if _single_case(text) else text


_SUFFIXES = {"jr": "Jr", "sr": "Sr", "ii": "II", "iii": "III", "iv": "IV", "v": "V"}
_SUFFIXES |= {"2nd": "II", "3rd": "III", "4th": "IV"}
_TRAILING_SUFFIX = re.compile(
    r"(?P<base>.*?[^\s,])[\s,]+(?P<suffix>jr|sr|ii|iii|iv|v|2nd|3rd|4th)\.?", re.IGNORECASE
)


def canonical_suffix(text: str) -> str | None:
    """``"jr."`` -> ``"Jr"``, ``"iii"`` -> ``"III"``, ``""`` -> ``""``; None if not a suffix."""
    key = text.strip().rstrip(".").strip().lower()
    if not key:
        return ""
    return _SUFFIXES.get(key)


def split_suffix(last_name: str) -> tuple[str, str]:
    """Separate a generational suffix typed into the last name: ``"Smith, Jr."`` ->
    ``("Smith", "Jr")``. Recognises Jr, Sr, II, III, IV, V (and 2nd/3rd/4th) with or without a
    period or comma. Without one: ``(last_name stripped, "")``."""
    text = last_name.strip()
    match = _TRAILING_SUFFIX.fullmatch(text)
    if match is None:
        return text, ""
    return match.group("base"), _SUFFIXES[match.group("suffix").lower()]
