"""Character handling shared by the normalisers (digits, dashes, spaces, invisible characters)."""

from __future__ import annotations

import unicodedata

#: Invisible characters that arrive with pasted text and carry no meaning in a value.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def entered(n: int, noun: str = "") -> str:
    """How many were entered, without the value: ``entered(9, "digit")`` -> ``"9 digits were
    entered"``; ``entered(1)`` -> ``"1 was entered"``; ``entered(0)`` -> ``"none were entered"``."""
    if n == 0:
        return f"no {noun}s were entered" if noun else "none were entered"
    if n == 1:
        return f"1 {noun} was entered" if noun else "1 was entered"
    return f"{n} {noun}s were entered" if noun else f"{n} were entered"


def unify_digits_and_spacing(text: str) -> str:
    """Map Unicode decimal digits (fullwidth, Arabic-Indic, ...) to ASCII, Unicode dashes to
    ``-``, every kind of space to `` `` and drop zero-width characters. Other text is unchanged."""
    out: list[str] = []
    for ch in text:
        if ch in _ZERO_WIDTH:
            continue
        if ch in _DASHES:
            out.append("-")
        elif ch.isspace():
            out.append(" ")
        elif "0" <= ch <= "9":
            out.append(ch)
        elif unicodedata.category(ch) == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(ch)
    return "".join(out)
