"""The QR codes a phone scans, decoded by a real decoder (zxing-cpp, from PyPI): the poster's
(`tdp print poster`, and the one `tdp app --lan` writes), its page rasterised by pdftoppm as
a printer would, and the one `tdp app --lan` prints on the terminal, drawn from the printed
characters as a dark terminal shows them. Each must be exactly the start page's address with
the access token, as the console prints it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import zxingcpp
from pdfcheck import ROOT
from PIL import Image  # WeasyPrint's dependency

from tdp.cli import main
from tdp.paths import var_dir


def decode(image: Image.Image) -> list[str]:
    """The text of every QR code zxing-cpp finds in `image`."""
    return [b.text for b in zxingcpp.read_barcodes(image)
            if b.format == zxingcpp.BarcodeFormat.QRCode]


def decode_pdf(pdf: Path, dpi: int = 100) -> list[str]:
    """The QR codes on the PDF's first page, rasterised in grey at `dpi` by pdftoppm."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1",
                    "-l", "1", str(pdf), str(prefix)], check=True, capture_output=True)
    with Image.open(prefix.with_suffix(".png")) as page:
        return decode(page.copy())


# A character cell is one module wide and two tall (qrcode's `print_ascii`); what a glyph
# inks, (top, bottom), is shown light on the terminal's dark background.
_INK = {"█": (True, True), "▀": (True, False), "▄": (False, True), "\xa0": (False, False),
        " ": (False, False)}


def terminal_image(lines: list[str], scale: int = 6, margin: int = 4) -> Image.Image:
    """The QR code printed as text, as a dark terminal shows it (the margin is terminal
    background, dark: only the code's own border is light)."""
    width = max(map(len, lines))
    image = Image.new("L", ((width + 2 * margin) * scale, (2 * len(lines) + 2 * margin) * scale))
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            for half, inked in enumerate(_INK[char]):
                if inked:
                    left, top = (x + margin) * scale, (2 * y + half + margin) * scale
                    image.paste(255, (left, top, left + scale, top + scale))
    return image


def qr_lines(out: str) -> list[str]:
    """The lines of the terminal's QR code: those made only of block characters."""
    return [line for line in out.splitlines() if line and set(line) <= _INK.keys()
            and set(line) != {" "}]


def test_tdp_app_lan_terminal_and_poster_qr_codes_are_the_printed_address(
        db_url, monkeypatch, capsys) -> None:
    import tdp.app.server

    monkeypatch.setattr(tdp.app.server, "main", lambda argv: None)  # no Voilà server here
    monkeypatch.chdir(ROOT)
    assert main(["app", "--lan", "--port", "8899", "--token", "tokLAN42"]) == 0
    out = capsys.readouterr().out
    printed = [line for line in out.splitlines() if "token=" in line]
    assert len(printed) == 1
    url = printed[0].strip()
    assert re.fullmatch(r"http://[0-9.]+:8899/\?token=tokLAN42", url), url
    lines = qr_lines(out)
    assert len(lines) >= 10
    assert decode(terminal_image(lines)) == [url]
    assert decode_pdf(var_dir() / "ap_phich_lop_hoc.pdf") == [url]


def test_tdp_print_poster_qr_code_is_the_address_it_prints(db_url, tmp_path, capsys) -> None:
    out = tmp_path / "ap_phich.pdf"
    assert main(["print", "poster", str(out), "--port", "8877", "--token", "tokPRN42",
                 "--wifi", "TDP-Lop", "--wifi-password", "12345678"]) == 0
    url = re.search(r"\((http://\S+)\)$", capsys.readouterr().out.strip()).group(1)
    assert re.fullmatch(r"http://[0-9.]+:8877/\?token=tokPRN42", url), url
    assert decode_pdf(out) == [url]


def test_a_poster_without_a_token_carries_the_one_it_tells_the_trainer(db_url, tmp_path,
                                                                       capsys) -> None:
    out = tmp_path / "ap_phich.pdf"
    assert main(["print", "poster", str(out)]) == 0
    said = capsys.readouterr().out
    token = re.search(r"tdp app --lan --port 8866 --token (\S+)", said).group(1)
    [decoded] = decode_pdf(out)
    assert decoded.endswith(f":8866/?token={token}") and f"({decoded})" in said
