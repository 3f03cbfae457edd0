"""HTML templates (Jinja2, in `course/printouts/`) laid out as A4 PDFs by WeasyPrint.

The templates and their stylesheet are course data: a trainer changes the wording or the
layout without touching Python. Python only gathers the facts (from the catalog, the
registry, the scenarios, the gradebook) and hands them to a template.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tdp.errors import InputError
from tdp.messages import BANNER_TEXT as BANNER  # printed where the pages show portal data
from tdp.paths import course_dir, move_aside


def templates_dir() -> Path:
    """`course/printouts/` (honours `TDP_COURSE_DIR`)."""
    return course_dir() / "printouts"


def _money(value: Any) -> str:
    from tdp.dates import format_money

    return format_money(int(value or 0))


def _day(value: Any) -> str:
    """An ISO date (or datetime) as dd/mm/yyyy; anything else as it is."""
    from tdp.dates import format_screen_date, parse_iso_date

    if isinstance(value, datetime):
        return format_screen_date(value.date())
    if isinstance(value, date):
        return format_screen_date(value)
    parsed = parse_iso_date(str(value)[:10]) if value else None
    return format_screen_date(parsed) if parsed else str(value or "")


def environment() -> Any:
    """The Jinja2 environment of the course's templates (autoescaped, strict)."""
    import jinja2

    folder = templates_dir()
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục mẫu in '{folder}': cần có course/printouts/")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(("html",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tien"] = _money
    env.filters["ngay"] = _day
    env.globals["BANNER"] = BANNER
    return env


def render_html(template: str, context: dict[str, Any]) -> str:
    """The template filled in; a broken template is reported with its file and line."""
    import jinja2

    env = environment()
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateNotFound:
        raise InputError(f"Không tìm thấy mẫu in '{templates_dir() / template}'") from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(
            f"Mẫu in '{exc.filename or template}' có lỗi ở dòng {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise InputError(f"Mẫu in '{template}' dùng một mục không có: {exc.message}") from None


def _checked_out(out: str | os.PathLike[str]) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".pdf":
        raise InputError(f"Tệp kết quả '{path}' phải có đuôi .pdf")
    if path.is_dir():
        raise InputError(f"'{path}' là thư mục: ghi tên tệp .pdf")
    return path


def _write(write: Any, path: Path) -> None:
    """Write through a temporary file, then move any previous file aside."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        move_aside(path)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"Không ghi được tệp '{path}' ({exc.strerror or exc})") from None


def _quiet_layout_engine() -> None:
    """WeasyPrint and fontTools log every unsupported CSS property and font subset: the
    trainer sees only our one line (a broken template is reported by `render_html`)."""
    import logging

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def write_pdf(template: str, context: dict[str, Any], out: str | os.PathLike[str]) -> Path:
    """Render `template` with `context` to the PDF `out` (A4; the page size is in the CSS)."""
    from weasyprint import HTML

    _quiet_layout_engine()
    path = _checked_out(out)
    html = render_html(template, context)
    document = HTML(string=html, base_url=str(templates_dir()) + os.sep)
    _write(document.write_pdf, path)
    return path


def progress(items: Iterable[Any], total: int, what: str) -> Iterable[Any]:
    """A progress bar on the terminal (stderr) for long runs, e.g. 200 certificates."""
    from tqdm import tqdm

    return tqdm(items, total=total, desc=what, unit=" trang", leave=False,
                disable=total < 20, ncols=80)


def write_pdf_pages(template: str, contexts: list[dict[str, Any]], out: str | os.PathLike[str],
                    what: str) -> Path:
    """One rendering of `template` per context, joined into one PDF, with a progress bar:
    certificates for 200 trainees take a while and the trainer sees how far it is."""
    from weasyprint import HTML

    _quiet_layout_engine()
    path = _checked_out(out)
    base = str(templates_dir()) + os.sep
    documents = [HTML(string=render_html(template, ctx), base_url=base).render()
                 for ctx in progress(contexts, len(contexts), what)]
    pages = [page for doc in documents for page in doc.pages]
    _write(lambda tmp: documents[0].copy(pages).write_pdf(tmp), path)
    return path
