"""Page templates compiled once for all pages (`tdp.app.templates`)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from tdp.app.templates import SHARED, CachedVoilaExporter, MemoryBytecodeCache


def _environment(folder: Path, cache: MemoryBytecodeCache) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache,
                              autoescape=True)


def test_a_new_environment_reuses_the_compiled_template(tmp_path, monkeypatch) -> None:
    (tmp_path / "page.html").write_text("<h1>{{ tieu_de }}</h1>")
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001, ANN202
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    cache = MemoryBytecodeCache()
    first = _environment(tmp_path, cache).get_template("page.html").render(tieu_de="Cổng")
    second = _environment(tmp_path, cache).get_template("page.html").render(tieu_de="Cổng")
    assert first == second == "<h1>Cổng</h1>"
    assert compiled == ["page.html"]  # once, for two environments (two pages)

    (tmp_path / "page.html").write_text("<h2>{{ tieu_de }}</h2>")  # a trainer edits it
    edited = _environment(tmp_path, cache).get_template("page.html").render(tieu_de="Cổng")
    assert edited == "<h2>Cổng</h2>"
    assert compiled == ["page.html", "page.html"]


def test_the_app_renders_pages_with_the_shared_cache() -> None:
    import voila.notebook_renderer

    from tdp.app.templates import compile_templates_once

    before = voila.notebook_renderer.VoilaExporter
    try:
        compile_templates_once()
        assert voila.notebook_renderer.VoilaExporter is CachedVoilaExporter
        exporter = CachedVoilaExporter(template_name="lab")
        assert exporter.environment.bytecode_cache is SHARED
    finally:
        voila.notebook_renderer.VoilaExporter = before


