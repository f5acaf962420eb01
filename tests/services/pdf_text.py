"""Read a PDF back the way a person would check it: its pages' text, and its fonts."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

PAGE_X_OF_Y = re.compile(r"Page (\d+) of (\d+)")


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def font_files(pdf: bytes) -> dict[str, bool]:
    """Base font name → whether the font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for ref in resources.get_object().get("/Font", {}).values():
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]
            embedded = any(
                d is not None
                and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def assert_marked(pdf: bytes) -> list[str]:
    """Every page: the CUI banner top and bottom, the Privacy Act statement, "Page x of n"
    with the right x and n; the designation block on page 1 only. Returns the pages' text."""
    pages = pages_text(pdf)
    assert pages, "the PDF has no pages"
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines()]
        assert lines.count("CUI") >= 2, f"page {number} lacks the CUI banner top and bottom"
        assert "PRIVACY ACT STATEMENT." in page, f"page {number} lacks the Privacy Act statement"
        assert "Privacy Act of 1974 (5 U.S.C. 552a)" in " ".join(page.split())
        found = {(int(x), int(y)) for x, y in PAGE_X_OF_Y.findall(page)}
        assert found == {(number, len(pages))}, f"page {number} says {found}"
        assert ("CUI Category: PRVCY" in page) == (number == 1)
        assert ("Controlled by:" in page) == (number == 1)
    return pages
