"""Helpers for the printout tests: read a PDF back (pdftotext, NFC), check its pages (A4,
no glyph outside the page box: pdfplumber) and keep a PNG of its first page in
`test-artifacts/printouts/` (pdftoppm) to look at."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "printouts"
A4 = (595.28, 841.89)  # points
BANNER = "BẢN MÔ PHỎNG — chỉ dùng để tập huấn"


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of the PDF (or of one page, 1-based), NFC, runs of spaces/lines folded."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, text=True)
    assert unicodedata.is_normalized("NFC", out.stdout)  # diacritics come back composed
    return " ".join(out.stdout.split())


def pages_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        count = len(pdf.pages)
    return [pdf_text(path, n) for n in range(1, count + 1)]


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of every font of the PDF (pdffonts)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]
    return [(r[0], r[-5] == "yes") for r in rows]


def check_pages(path: Path, landscape: bool | None = None) -> int:
    """Every page is A4 (portrait or landscape), every glyph lies inside it, and the text is
    set in the embedded DejaVu fonts (full Vietnamese coverage, no fallback font); returns
    the number of pages."""
    import pdfplumber

    used = fonts(path)
    assert used and all("DejaVu" in name and embedded for name, embedded in used), used

    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            size = sorted((round(float(page.width), 1), round(float(page.height), 1)))
            assert size == [round(A4[0], 1), round(A4[1], 1)], f"trang {number}: {size}"
            if landscape is not None:
                assert (page.width > page.height) == landscape, f"trang {number}: hướng giấy"
            outside = [c["text"] for c in page.chars
                       if c["x0"] < 0 or c["top"] < 0 or c["x1"] > page.width + 0.5
                       or c["bottom"] > page.height + 0.5]
            assert outside == [], f"trang {number}: chữ ra ngoài trang {outside[:10]}"
            assert page.chars, f"trang {number} không có chữ"
        return len(pdf.pages)


def keep_png(path: Path, name: str) -> Path:
    """The first page at 60 dpi, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(path), str(stem)], check=True)
    return stem.with_suffix(".png")
