"""The hall poster: the app's address and QR code, how to join the Wi-Fi, the course title.
`tdp app --lan` writes it too (`write_poster`), with the address it is serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.printouts.render import write_pdf

TEMPLATE = "poster.html"


def qr_svg(url: str) -> str:
    """The QR code of `url` as an SVG document (vector: sharp at any print size)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(url, image_factory=SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def poster_context(url: str, wifi: str = "", wifi_password: str = "") -> dict[str, Any]:
    import base64

    from tdp.classroom.course_info import load_course_info

    info = load_course_info()
    svg = qr_svg(url)
    return {
        "mock": True,
        "url": url,
        "qr": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        "wifi": wifi,
        "wifi_password": wifi_password,
        "course": info.ten_khoa_hoc,
        "organiser": info.don_vi_to_chuc,
        "place": info.dia_diem,
    }


def write_poster(url: str, out: str | Path, wifi: str = "", wifi_password: str = "") -> Path:
    """The poster for `url` (the address phones open), as a one-page A4 PDF at `out`."""
    return write_pdf(TEMPLATE, poster_context(url, wifi, wifi_password), out)
