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


def write_lan_poster(url: str) -> Path | None:
    """What `tdp app --lan` calls: the poster for the address it serves, in `var/`, named on
    the terminal. A poster that cannot be written never stops the app."""
    import sys

    from tdp.errors import TdpError
    from tdp.paths import var_dir

    try:
        path = write_poster(url, var_dir() / "ap_phich_lop_hoc.pdf")
    except (TdpError, OSError) as exc:
        print(f"Chưa ghi được áp phích ({exc}); in sau bằng: tdp print poster --url URL TEP.pdf",
              file=sys.stderr)
        return None
    print(f"Áp phích để in (mã QR, địa chỉ, Wi-Fi): {path}")
    return path
