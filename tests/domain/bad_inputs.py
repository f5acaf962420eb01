"""A corpus of hostile and malformed input for the domain validators.

Every entry is synthetic. Validation must refuse or accept these with a message, never crash,
and never repeat them in a message.
"""

from __future__ import annotations

ONE_MEGABYTE = "A" * (1024 * 1024)

#: Strings that have broken other software: invisible characters, direction overrides, emoji,
#: null bytes, injection fragments, format strings, huge values.
NAUGHTY_STRINGS: tuple[str, ...] = (
    "",
    " ",
    "\t\n\r",
    "\x00",
    "Smith\x00Jones",
    "\u200b",  # zero-width space
    "Smi\u200bth",
    "\u200d\u200c\ufeff",
    "\u202eevil\u202c",  # right-to-left override
    "Smith\u2066\u2069",
    "😀",
    "Jöhn 😀 Smïth",
    "👨‍👩‍👧‍👦",
    "'; DROP TABLE spouse; --",
    "Robert'); DROP TABLE students;--",
    "' OR '1'='1",
    "%s%n{0}",
    "{0.__class__}",
    "${jndi:ldap://x}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\\x00\\u0000",
    "ＡＢＣ",
    "Ω≈ç√∫˜µ≤≥÷",
    "ﷺ",
    "𝕿𝖍𝖊",
    "\ud800",  # a lone surrogate: cannot be encoded as UTF-8
    "\x1b[31mred",
    "null",
    "None",
    "-1",
    "9" * 100,
    "x" * 65,
    "x" * 4001,
    ONE_MEGABYTE,
)

#: DoD IDs that must be refused, with the message a person should see.
BAD_DOD_IDS: tuple[tuple[str, str], ...] = (
    ("", "DoD ID must be 10 digits; none were entered"),
    ("999000001", "DoD ID must be 10 digits; 9 were entered"),
    ("99900000011", "DoD ID must be 10 digits; 11 were entered"),
    ("9", "DoD ID must be 10 digits; 1 was entered"),
    ("99900000O1", "DoD ID may contain only digits, spaces and dashes"),
    ("999.000.0001", "DoD ID may contain only digits, spaces and dashes"),
    ("９９９０００００01²", "DoD ID may contain only digits, spaces and dashes"),
    ("9990\u202e000001", "DoD ID may contain only digits, spaces and dashes"),
    ("'; DROP TABLE spouse; --", "DoD ID may contain only digits, spaces and dashes"),
)

#: DoD IDs written the ways people type or paste them, all meaning 9990000001.
GOOD_DOD_IDS: tuple[str, ...] = (
    "9990000001",
    " 9990000001 ",
    "999-000-0001",
    "999 000 0001",
    "999\u00a0000\u00a00001",  # no-break spaces
    "999\u2013000\u20140001",  # en and em dashes
    "９９９００００００１",  # fullwidth
    "٩٩٩٠٠٠٠٠٠١",  # Arabic-Indic
    "999\u200b0000001",  # a zero-width space from a paste
)

#: Dates typed that do not exist or cannot be read, with a part of the expected message.
IMPOSSIBLE_DATES: tuple[tuple[str, str], ...] = (
    ("02/30/1990", "February has only 28 days"),
    ("02/29/2023", "February has only 28 days"),
    ("2024-02-30", "February has only 29 days"),
    ("04/31/1990", "April has only 30 days"),
    ("13/01/1990", "month outside 1 to 12"),
    ("00/10/1990", "month outside 1 to 12"),
    ("01/32/1990", "day outside 1 to 31"),
    ("01/00/1990", "day outside 1 to 31"),
    ("3/7/90", "four-digit year"),
    ("030790", "four-digit year"),
    ("Mar 7 90", "four-digit year"),
    ("Smarch 7 1990", "month name that is not recognised"),
    ("yesterday", "not a date"),
    ("", "required"),
    ("1990-03-07T10:00", "not a date"),
    ("'; DROP TABLE spouse; --", "not a date"),
)
