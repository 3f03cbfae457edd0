"""The dashboard's HTML pieces (tables, figures, headings, numbers in Vietnamese style),
shared by its view and its tabs' renderers."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tdp.widgets import esc

if TYPE_CHECKING:
    import pandas as pd

EMPTY = "Chưa có dữ liệu."


def number(value: Any) -> str:
    """Vietnamese style: 1.234 and 12,5; missing → —."""
    import numbers

    import pandas as pd

    if isinstance(value, bool):
        return "có" if value else "không"
    if value is None or (isinstance(value, numbers.Real) and pd.isna(value)) \
            or value is pd.NA:
        return "—"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}".replace(",", ".")
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return f"{int(float(value)):,}".replace(",", ".")
    if isinstance(value, numbers.Real):
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def empty_note(text: str = EMPTY) -> str:
    return f'<p class="tdp-dash-empty">{esc(text)}</p>'


def table_html(frame: pd.DataFrame, headers: dict[str, str], dom: str = "") -> str:
    """`frame`'s `headers` columns as an HTML table (escaped; numbers right-aligned)."""
    if frame is None or frame.empty:
        return empty_note()
    import pandas as pd

    cols = [c for c in headers if c in frame.columns]
    head = "".join(f'<th scope="col">{esc(headers[c])}</th>' for c in cols)
    body = []
    for row in frame[cols].itertuples(index=False):
        cells = []
        for value in row:
            numeric = pd.api.types.is_number(value) and not isinstance(value, bool)
            cls = ' class="tdp-num"' if numeric else ""
            cells.append(f"<td{cls}>{esc(number(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="tdp-dash-table {esc(dom)}"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def image_html(png: bytes, alt: str, dom: str = "") -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<div class="tdp-dash-chart {esc(dom)}"><img alt="{esc(alt)}" '
            f'src="data:image/png;base64,{data}"></div>')


def figures_html(items: Sequence[tuple[str, Any, str]]) -> str:
    """Headline figures: (label, value, dom class)."""
    cards = "".join(
        f'<div class="tdp-dash-figure {esc(dom)}">{esc(label)}'
        f'<b class="tdp-dash-value">{esc(number(value))}</b></div>'
        for label, value, dom in items)
    return f'<div class="tdp-dash-figures">{cards}</div>'


def h2(text: str) -> str:
    return f"<h2>{esc(text)}</h2>"
