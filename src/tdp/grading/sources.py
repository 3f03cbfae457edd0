"""Exercise sources: one YAML file per assignment (`solutions/baiN.yaml`) → the nbgrader
source notebook `solutions/baiN/baiN.ipynb`.

A source lists cells by explicit, stable ids: a task `cau_3` gives the question `de_cau_3`,
the answer `cau_3` (its answer type in `metadata.tdp`) and the check `kiem_tra_cau_3`;
a loose markdown or code cell names its own id. Nothing is numbered, so inserting a cell
never renames another one's nbgrader `grade_id`.

Prose is a Jinja template over the catalog (`{{ thu_tuc.khai_sinh.deadline.days }}`,
`{{ hen("xac_nhan_hon_nhan", "2027-02-04T16:30") }}`): a fee, deadline, level or day count
is computed when the notebook is generated, never typed. Check cells ask the catalog when
they run. Then `tdp course release` (nbgrader) makes exercises/ from solutions/.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import nbformat
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from tdp.dates import format_money, format_screen_date, parse_at
from tdp.errors import InputError
from tdp.grading.answer_types import ANSWER_TYPES, LETTERS, blank_line, check_line
from tdp.grading.source_facts import Facts

SETUP = """\
# Ô chuẩn bị: chạy ô này trước (Shift + Enter). Không sửa ô này.
from datetime import datetime
from tdp.catalog import load_catalog
from tdp.grading.bai_tap import *  # noqa: F403 - the checks' helpers
danh_muc = load_catalog()"""

HOW = """
**Cách làm bài trên máy tính (JupyterLab).** Mỗi câu có một ô trả lời: anh/chị chỉ gõ vào
giữa hai dấu ngoặc kép (`""`), rồi bấm **Shift + Enter**. Ô kiểm tra ngay bên dưới (không
sửa được) in ra **Đúng.** khi câu trả lời đạt, hoặc giải thích chỗ chưa đúng. Chạy ô
**chuẩn bị** đầu tiên trước khi làm bài."""

_ID = r"^[a-z][a-z0-9_]{0,40}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Markdown(_Strict):
    id: str = Field(pattern=_ID)
    markdown: str


class Code(_Strict):
    """A locked cell that prepares something (prints a resident's card)."""

    id: str = Field(pattern=_ID)
    code: str


class Task(_Strict):
    """One question: its text, its answer cell, its check cell."""

    task: str = Field(pattern=_ID)
    title: str
    text: str
    answer: Literal[ANSWER_TYPES]  # type: ignore[valid-type]
    variable: str = Field("", pattern=r"^([a-z][a-z0-9_]*)?$")
    solution: str  # the value (choice: the letter); filing: code; written: a model answer
    points: int = Field(1, ge=1)
    choices: list[str] = []  # choice: the options, in letter order
    explain: str = ""  # choice: why the right letter is right (shown when wrong)
    procedure: str = ""  # filing: the catalog procedure
    at: str = ""  # filing: when it is submitted (ISO, local time)
    template: str = ""  # filing: the form's blank skeleton (code)
    check: str = ""  # visible test code, after the answer type's own first line
    hidden: str = ""  # hidden test code

    @model_validator(mode="after")
    def _consistent(self) -> Task:
        if self.answer != "written" and not self.variable:
            raise ValueError(f"{self.task}: thiếu 'variable'")
        if self.answer == "choice":
            if not 2 <= len(self.choices) <= len(LETTERS) or self.solution not in self.letters:
                raise ValueError(f"{self.task}: 'choices' 2–4 mục và 'solution' là một chữ cái")
            if not (self.explain or self.hidden or self.check):
                raise ValueError(f"{self.task}: câu trắc nghiệm cần 'explain' (hoặc một phép "
                                 "kiểm tra 'check' / 'hidden')")
        if self.answer == "filing" and not (self.procedure and self.at and self.template):
            raise ValueError(f"{self.task}: tờ khai cần 'procedure', 'at' và 'template'")
        if self.answer == "filing" and parse_at(self.at) is None:
            raise ValueError(f"{self.task}: 'at' phải có dạng YYYY-MM-DDTHH:MM")
        return self

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.choices)]

    @property
    def check_id(self) -> str:
        return f"kiem_tra_{self.task}"


def _kind(item: Any) -> str:
    if isinstance(item, dict):
        return "task" if "task" in item else "markdown" if "markdown" in item else "code"
    if isinstance(item, Task):
        return "task"
    return "markdown" if isinstance(item, Markdown) else "code"


Cell = Annotated[Annotated[Task, Tag("task")] | Annotated[Markdown, Tag("markdown")]
                 | Annotated[Code, Tag("code")], Discriminator(_kind)]


class Source(_Strict):
    title: str
    intro: str
    setup: str = ""  # code appended to the standard setup cell
    cells: list[Cell]

    @model_validator(mode="after")
    def _unique_ids(self) -> Source:
        seen: set[str] = set()
        for grade_id in self.grade_ids():
            if grade_id in seen:
                raise ValueError(f"mã ô '{grade_id}' bị trùng")
            seen.add(grade_id)
        return self

    def grade_ids(self) -> list[str]:
        out = ["gioi_thieu", "cach_lam_bai", "chuan_bi"]
        for cell in self.cells:
            if isinstance(cell, Task):
                out += [f"de_{cell.task}", cell.task]
                if cell.answer != "written":
                    out.append(cell.check_id)
            else:
                out.append(cell.id)
        return out


def load_source(path: Path) -> Source:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Source.model_validate(data)
    except yaml.YAMLError as exc:
        raise InputError(f"{path.name}: YAML sai cú pháp ({exc})") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"{path.name}: {problems}") from exc


def _environment():
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    env.filters["tien"] = format_money
    env.filters["ngay"] = lambda d: format_screen_date(d) if isinstance(d, date) else d
    return env


# --- the notebook -------------------------------------------------------------------------


def _meta(grade_id: str, *, grade: bool, solution: bool, points: int = 0,
          tdp: dict[str, Any] | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": not solution,
                            "schema_version": 3, "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    out: dict[str, Any] = {"nbgrader": meta}
    if tdp:
        out["tdp"] = tdp
    return out


def _solution_line(task: Task, prose: Any) -> str:
    if task.answer == "filing":
        return task.solution.strip()
    return f"{task.variable} = {prose(task.solution)!r}"


def _check_code(task: Task) -> str:
    lines = []
    if task.answer == "filing":
        at = parse_at(task.at)
        assert at is not None
        lines += [
            f'assert isinstance({task.variable}, dict), '
            '"Giữ nguyên khung tờ khai, chỉ điền vào chỗ trống."',
            f'kq = kiem_tra("{task.procedure}", {task.variable}, '
            f"datetime({at.year}, {at.month}, {at.day}, {at.hour}, {at.minute}))",
            'assert kq.valid, "Cổng chưa nhận tờ khai. Cần sửa:\\n" + ds_loi(kq)',
        ]
    else:
        lines.append(check_line(task.answer, task.variable, task.letters))
    if task.check.strip():
        lines.append(task.check.strip())
    hidden = task.hidden.strip()
    if task.answer == "choice" and task.explain:
        hidden = "\n".join(filter(None, [
            f'assert tra_loi == "{task.solution}", {("Chưa đúng. " + task.explain.strip())!r}',
            hidden]))
    if hidden:  # released without this block: "Đúng" then says the answer is graded later
        lines += ["da_cham_het = False", "### BEGIN HIDDEN TESTS", hidden,
                  "da_cham_het = True", "### END HIDDEN TESTS", "dung(da_cham_het)"]
    else:
        lines.append("dung()")
    return "\n".join(lines)


def _task_meta(task: Task, title: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"answer": task.answer, "task": task.task, "title": title}
    if task.answer != "written":
        meta.update(variable=task.variable, tests=[task.check_id])
    if task.answer == "choice":
        meta["choices"] = list(task.letters)
    if task.answer == "filing":
        meta["procedure"] = task.procedure
    return meta


def build_notebook(source: Source, facts: Facts | None = None) -> nbformat.NotebookNode:
    """The nbgrader source notebook of one assignment (no outputs)."""
    facts = facts or Facts()
    env = _environment()

    def prose(text: str) -> str:
        return env.from_string(text.strip()).render(**facts.names).strip()

    new_md, new_code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        new_md(prose(f"# {source.title}\n\n{source.intro}"),
               metadata=_meta("gioi_thieu", grade=False, solution=False,
                              tdp={"role": "intro"})),
        new_md(HOW.strip(), metadata=_meta("cach_lam_bai", grade=False, solution=False,
                                           tdp={"role": "jupyterlab"})),
        new_code(SETUP + ("\n" + source.setup.strip() if source.setup.strip() else ""),
                 metadata=_meta("chuan_bi", grade=False, solution=False)),
    ]
    for item in source.cells:
        if isinstance(item, Markdown):
            cells.append(new_md(prose(item.markdown),
                                metadata=_meta(item.id, grade=False, solution=False)))
            continue
        if isinstance(item, Code):
            cells.append(new_code(item.code.strip(),
                                  metadata=_meta(item.id, grade=False, solution=False)))
            continue
        title = prose(item.title)
        text = prose(item.text)
        if item.answer == "choice":
            text += "\n\n" + "\n".join(f"- **{letter}.** {prose(option)}"
                                       for letter, option in zip(item.letters, item.choices,
                                                                 strict=True))
        grader_note = " (trả lời tự luận, giảng viên chấm)" if item.answer == "written" else ""
        cells.append(new_md(f"## {title}{grader_note}\n\n{text}", metadata=_meta(
            f"de_{item.task}", grade=False, solution=False,
            tdp={"task": item.task, "role": "question"})))
        meta = _task_meta(item, title)
        if item.answer == "written":
            cells.append(new_md(prose(item.solution), metadata=_meta(
                item.task, grade=True, solution=True, points=item.points, tdp=meta)))
            continue
        blank = (item.template.strip() if item.answer == "filing"
                 else blank_line(item.answer, item.variable, item.letters))
        cells.append(new_code(
            f"{blank}\n### BEGIN SOLUTION\n{_solution_line(item, prose)}\n### END SOLUTION",
            metadata=_meta(item.task, grade=False, solution=True, tdp=meta)))
        cells.append(new_code(_check_code(item), metadata=_meta(
            item.check_id, grade=True, solution=False, points=item.points)))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
        "title": source.title,
    })
    for cell in nb.cells:
        cell.id = cell.metadata["nbgrader"]["grade_id"].replace("_", "-")
    nbformat.validate(nb)
    return nb


def source_files(solutions: Path) -> list[Path]:
    return sorted(p for p in solutions.glob("*.yaml") if re.fullmatch(r"[a-z0-9_]+", p.stem))


def notebook_text(path: Path, facts: Facts | None = None) -> str:
    return nbformat.writes(build_notebook(load_source(path), facts)) + "\n"


def build(solutions: Path) -> list[Path]:
    """Write solutions/<bai>/<bai>.ipynb from every solutions/<bai>.yaml; the files written."""
    facts = Facts()
    written = []
    for path in source_files(solutions):
        out = solutions / path.stem / f"{path.stem}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        text = notebook_text(path, facts)
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
        written.append(out)
    return written


def stale_sources(solutions: Path) -> list[str]:
    """Source notebooks that differ from what their YAML makes now (empty: up to date)."""
    facts = Facts()
    problems = []
    for path in source_files(solutions):
        out = solutions / path.stem / f"{path.stem}.ipynb"
        if not out.is_file() or out.read_text(encoding="utf-8") != notebook_text(path, facts):
            problems.append(f"solutions/{path.stem}/{path.stem}.ipynb đã cũ so với {path.name}")
    return problems
