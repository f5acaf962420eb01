"""Normalisation of what people type: names, phone numbers, email addresses, DoD IDs and dates.

Every function is pure. The ``normalise_*`` and ``parse_date`` functions raise
:class:`~seco_desktop.domain.errors.InvalidValue` with a message a person can act on; the message
never repeats the value that was entered (no personal data in exceptions).
"""

from __future__ import annotations

import re
import unicodedata

from seco_desktop.domain.dates import parse_date
from seco_desktop.domain.errors import InvalidValue
from seco_desktop.domain.names import (
    canonical_suffix,
    fold,
    name_key,
    phonetic_key,
    split_suffix,
    tidy_name,
)
from seco_desktop.domain.text import entered, unify_digits_and_spacing

__all__ = [
    "canonical_suffix",
    "fold",
    "name_key",
    "normalise_dod_id",
    "normalise_email",
    "normalise_phone",
    "normalise_zip",
    "parse_date",
    "phonetic_key",
    "split_suffix",
    "tidy_name",
]

# --- Phone ---

_PHONE_EXTENSION = re.compile(
    r"\s*[,;]?\s*(?:ext(?:ension)?\.?|x|#)\s*[=:.]?\s*(?P<ext>\d{1,7})\s*$", re.IGNORECASE
)
_PHONE_BODY = re.compile(r"\+?[\d\s().\-/]*")
_PHONE_RULE = "Phone must be a 10-digit US number or an international number starting with +"


def normalise_phone(text: str) -> str:
    """A phone number in E.164: ``"(202) 555-0143 x12"`` -> ``"+12025550143;ext=12"``.

    US/NANP numbers have 10 digits (an optional leading 1 or +1 is dropped); punctuation is
    ignored; an extension written ``x123``/``ext 123`` is kept as ``;ext=123``. International
    numbers start with ``+`` (or ``011``) and have 8 to 15 digits.
    """
    body = unify_digits_and_spacing(text).strip()
    extension = ""
    match = _PHONE_EXTENSION.search(body)
    if match is not None:
        extension = f";ext={match.group('ext')}"
        body = body[: match.start()]
    if not _PHONE_BODY.fullmatch(body):
        raise InvalidValue(
            "Phone may contain only digits, spaces, ( ) - . / and a leading +, "
            "then an extension such as x123"
        )
    digits = re.sub(r"\D", "", body)
    international = body.startswith("+")
    if not international and digits.startswith("011"):
        international, digits = True, digits[3:]
    if international and not digits.startswith("1"):
        if not 8 <= len(digits) <= 15:
            raise InvalidValue(
                f"International phone numbers have 8 to 15 digits after the +; "
                f"{entered(len(digits), 'digit')}"
            )
        if digits.startswith("0"):
            raise InvalidValue("The country code after the + cannot start with 0")
        return f"+{digits}{extension}"
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    elif international:  # +1 followed by the wrong number of digits
        raise InvalidValue(
            f"US numbers after +1 must have 10 digits; {entered(len(digits) - 1, 'digit')}"
        )
    if len(digits) != 10:
        raise InvalidValue(f"{_PHONE_RULE}; {entered(len(digits), 'digit')}")
    if digits[0] in "01":
        raise InvalidValue("A US area code cannot start with 0 or 1")
    if digits[3] in "01":
        raise InvalidValue(
            "A US phone exchange (the 3 digits after the area code) cannot start with 0 or 1"
        )
    return f"+1{digits}{extension}"


# --- Email ---

_EMAIL_SPECIALS = frozenset('()<>[]\\,;:"')
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def normalise_email(text: str) -> str:
    """A plausible email address, trimmed, with the domain lower-cased and IDNA-encoded
    (``Ana@Bücher.DE`` -> ``Ana@xn--bcher-kva.de``). The local part is kept as typed."""
    address = text.strip()
    if len(address) > 254:
        raise InvalidValue("Email address must be at most 254 characters")
    if any(ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs"} for ch in address):
        raise InvalidValue("Email address may not contain spaces or invisible characters")
    if address.count("@") != 1:
        raise InvalidValue("Email address must contain exactly one @, as in name@example.com")
    local, domain = address.split("@")
    if not local:
        raise InvalidValue("Email address needs a name before the @, as in name@example.com")
    if len(local) > 64:
        raise InvalidValue(
            "The part of the email address before the @ must be at most 64 characters"
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidValue(
            "The part before the @ cannot start or end with a dot or have two dots in a row"
        )
    if any(ch in _EMAIL_SPECIALS for ch in local):
        raise InvalidValue('The part before the @ may not contain ( ) < > [ ] \\ , ; : or "')
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidValue("The domain of the email address (after the @) is not valid") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2:
        raise InvalidValue("The domain of the email address must contain a dot, as in example.com")
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        raise InvalidValue(
            "The domain of the email address may contain only letters, digits, hyphens and dots"
        )
    if not (labels[-1].isalpha() or labels[-1].startswith("xn--")):
        raise InvalidValue(
            "The domain of the email address must end in a name such as .com or .mil"
        )
    result = f"{local}@{ascii_domain}"
    if len(result) > 254:
        raise InvalidValue("Email address must be at most 254 characters")
    return result


# --- DoD ID ---


def normalise_dod_id(text: str, *, label: str = "DoD ID") -> str:
    """Ten ASCII digits. Spaces and dashes (any Unicode kind) and zero-width characters are
    removed; other Unicode decimal digits become ASCII. ``label`` names the field in messages
    (``"Sponsor's DoD ID"``)."""
    compact = unify_digits_and_spacing(text).replace(" ", "").replace("-", "")
    if compact and not (compact.isascii() and compact.isdigit()):
        raise InvalidValue(f"{label} may contain only digits, spaces and dashes")
    if len(compact) != 10:
        raise InvalidValue(f"{label} must be 10 digits; {entered(len(compact))}")
    return compact


# --- ZIP code ---

_ZIP = re.compile(r"(\d{5})(?: ?-? ?(\d{4}))?")


def normalise_zip(text: str) -> str:
    """A US ZIP code: ``"12345"`` or ``"12345-6789"`` (a 9-digit ZIP typed without the dash,
    or with a space, gets the dash)."""
    match = _ZIP.fullmatch(unify_digits_and_spacing(text).strip())
    if match is None:
        raise InvalidValue("ZIP code must be 5 or 9 digits, as in 12345 or 12345-6789")
    first, plus4 = match.groups()
    return f"{first}-{plus4}" if plus4 else first
