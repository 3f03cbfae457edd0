"""Printouts: the A4 PDFs a trainer prints for a training day (a face on the engine).

Each document gathers its facts from the catalog, the registry, the scenarios or the
gradebook and fills an HTML template of `course/printouts/` (Jinja2), laid out by WeasyPrint.
"""
