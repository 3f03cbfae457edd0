"""Printouts: the A4 PDFs a trainer prints for a training day (a face on the engine).

Each document gathers its facts from the catalog, the registry, the scenarios or the
gradebook and fills an HTML template of `course/printouts/` (Jinja2), laid out by WeasyPrint.
Modules load on first use (WeasyPrint and pandas are not imported by `import tdp.printouts`).

    from tdp.printouts import write_cheat_sheet, write_poster
    write_cheat_sheet("tom_tat.pdf")
    write_poster("http://192.168.1.20:8866/…", "ap_phich.pdf")
"""

from __future__ import annotations

from tdp.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "write_cheat_sheet": "cheat_sheet", "write_role_cards": "role_cards",
    "write_poster": "poster", "write_lan_poster": "poster",
    "write_attendance": "attendance_sheet", "write_test": "paper_test",
    "write_certificates": "certificates", "write_support_log": "support_log",
    "write_receipt": "receipt", "BANNER": "render",
}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
