"""The paper tests before and after the course (`course/kiem_tra.yaml`).

The bank lists skills; each skill has one question for the pre-test and a different one for
the post-test, so both forms check the same skills in the same order and the gain is
comparable question by question. Facts in the questions are Jinja expressions over the
catalog (`{{ phi.khai_sinh_qua_han }}`): a changed fee is a changed question. Answers come
back on an Excel sheet (one row per trainee); scores are kept in `var/kiem_tra/`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tdp.errors import InputError
from tdp.paths import course_dir, move_aside, var_dir
from tdp.tables import read_sheet
from tdp.text import name_key

Form = Literal["pre", "post"]
FORMS: tuple[Form, ...] = ("pre", "post")
FORM_NAMES = {"pre": "Kiểm tra đầu khóa", "post": "Kiểm tra cuối khóa"}
LETTERS = ("A", "B", "C", "D")
SHEET = "Bài làm"
ID_HEADER, NAME_HEADER = "Mã học viên", "Họ và tên"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionSpec(Strict):
    hoi: str
    lua_chon: dict[Literal["A", "B", "C", "D"], str] = Field(min_length=2)
    dap_an: Literal["A", "B", "C", "D"]

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> QuestionSpec:
        if self.dap_an not in self.lua_chon:
            raise ValueError(f"đáp án {self.dap_an} không có trong lua_chon")
        return self


class Skill(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    ky_nang: str  # the skill, in words
    quy_tac: str  # the rule it checks, with its source
    pre: QuestionSpec
    post: QuestionSpec


class Bank(Strict):
    so_cau: int = Field(ge=1)
    ky_nang: list[Skill]

    @model_validator(mode="after")
    def _enough(self) -> Bank:
        if len(self.ky_nang) < self.so_cau:
            raise ValueError(f"cần ít nhất {self.so_cau} kỹ năng, mới có {len(self.ky_nang)}")
        ids = [s.id for s in self.ky_nang]
        if len(set(ids)) != len(ids):
            raise ValueError("hai kỹ năng trùng mã")
        return self


@dataclass(frozen=True)
class Question:
    """One question of a form, its facts filled in from the catalog."""

    number: int
    skill: str
    skill_text: str
    rule: str
    text: str
    options: dict[str, str]
    answer: str


def bank_file(root: Path | None = None) -> Path:
    return (root or course_dir()) / "kiem_tra.yaml"


def load_bank(root: Path | None = None) -> Bank:
    from tdp.catalog import load_model_file

    return load_model_file(bank_file(root), Bank)


def catalog_facts(catalog: Any = None) -> dict[str, Any]:
    """What a question may name, from the catalog (see the head of `course/kiem_tra.yaml`)."""
    from tdp.catalog import SERVICE_LEVELS, load_catalog
    from tdp.catalog.models import PerPageFee
    from tdp.dates import format_money, now_local
    from tdp.engine import copy_fee

    cat = catalog or load_catalog()
    province = cat.wards.provinces[0]
    today = now_local().date()  # the facts in force when the paper is printed
    procs: dict[str, Any] = {}
    for p in cat.procedures.values():
        procs[p.id] = {
            "ten": p.name,
            "han": p.deadline.days if p.deadline else None,
            "ngay_lam_viec": "Trong ngày" if p.working_days == 0
            else f"{p.working_days} ngày làm việc",
            "muc_do": SERVICE_LEVELS[p.service_level],
            "vneid": p.vneid_level or 1,
            "noi_nop": p.jurisdiction.description,
            "le_phi": "Miễn lệ phí" if p.fee_rule(today).kind == "free" else "Có lệ phí",
        }
    ages = {"nam": None, "nu": None}
    marriage = cat.procedure("ket_hon")
    for rule in marriage.rules if marriage else []:
        extra = rule.model_extra or {}
        if rule.kind == "min_age":
            ages["nam" if extra.get("person") == "ben_nam" else "nu"] = extra.get("years")
    certify = next((rule for p in cat.procedures.values()
                    if isinstance(rule := p.fee_rule(today), PerPageFee)), None)

    def phi_chung_thuc(pages: int, copies: int) -> str:
        if certify is None:
            raise InputError("Không có thủ tục nào tính phí theo trang trong danh mục")
        return format_money(copy_fee(pages, certify.tiers, certify.cap_per_copy) * copies)

    return {
        "thu_tuc": procs,
        "phi": {k: format_money(province.fee(k, today)) for k in province.fees},
        "giay": {p.id: {d.id: d.name for d in p.documents} for p in cat.procedures.values()},
        "tuoi_ket_hon": ages,
        "phi_chung_thuc": phi_chung_thuc,
        "tinh": province.name,
    }


def _fill(env: Any, text: str, facts: dict[str, Any], where: str) -> str:
    import jinja2

    try:
        return env.from_string(text).render(**facts)
    except jinja2.TemplateError as exc:
        raise InputError(f"{bank_file().name}, {where}: không điền được số liệu ({exc})") from None
    except TypeError as exc:  # e.g. a deadline the catalog does not have (None + 1)
        raise InputError(f"{bank_file().name}, {where}: số liệu không dùng được ({exc})") from None


def form_questions(form: Form, bank: Bank | None = None, catalog: Any = None
                   ) -> list[Question]:
    """The questions of a form, numbered, facts filled in; options must stay distinct."""
    import jinja2

    if form not in FORMS:
        raise InputError(f"Đề '{form}' không có: chọn pre (đầu khóa) hoặc post (cuối khóa)")
    bank = bank or load_bank()
    facts = catalog_facts(catalog)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    out = []
    for number, skill in enumerate(bank.ky_nang[: bank.so_cau], start=1):
        spec: QuestionSpec = getattr(skill, form)
        where = f"kỹ năng '{skill.id}', đề {form}"
        options = {k: _fill(env, v, facts, f"{where}, lựa chọn {k}")
                   for k, v in sorted(spec.lua_chon.items())}
        if len(set(options.values())) != len(options):
            raise InputError(f"{bank_file().name}, {where}: hai lựa chọn giống nhau sau khi "
                             "điền số liệu: sửa một lựa chọn")
        letters = {str(k): v for k, v in options.items()}
        out.append(Question(number, skill.id, skill.ky_nang, skill.quy_tac,
                            _fill(env, spec.hoi, facts, where), letters, spec.dap_an))
    return out


def check_bank(root: Path | None = None) -> list[str]:
    """Every problem of the bank (empty: sound): both forms render, and they differ."""
    from tdp.catalog import load_catalog

    problems = []
    try:
        bank, catalog = load_bank(root), load_catalog(root)
        pre, post = (form_questions(f, bank, catalog) for f in FORMS)
    except InputError as exc:
        return [str(exc)]
    for a, b in zip(pre, post, strict=True):
        if a.text == b.text:
            problems.append(f"Kỹ năng '{a.skill}': câu đầu khóa và cuối khóa giống nhau")
    return problems


# --- answer sheets and scores --------------------------------------------------------------


def write_answer_template(form: Form, out: str | Path) -> Path:
    """An Excel sheet, one row per trainee of the class list, a column per question."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from tdp.classlist import read_trainees
    from tdp.tables import append_row, save_workbook

    questions = form_questions(form)
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"Tệp '{path}' phải có đuôi .xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    append_row(ws, [ID_HEADER, NAME_HEADER] + [f"Câu {q.number}" for q in questions])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for m in read_trainees():
        append_row(ws, [m.id, m.name])
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 28
    letters = DataValidation(type="list", formula1='"A,B,C,D"', allow_blank=True,
                             error="Ghi một chữ A, B, C hoặc D", showErrorMessage=True)
    ws.add_data_validation(letters)
    letters.add(f"C2:{ws.cell(row=1, column=2 + len(questions)).column_letter}500")
    path.parent.mkdir(parents=True, exist_ok=True)
    move_aside(path)
    save_workbook(wb, path)
    return path


def scores_file(form: Form) -> Path:
    folder = var_dir() / "kiem_tra"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{form}.json"


def _letter(value: Any) -> str:
    text = str(value if value is not None else "").strip().upper()
    return text.rstrip(".)")


def score_sheet(form: Form, path: str | Path) -> dict[str, Any]:
    """Score a filled answer sheet and keep the scores (`var/kiem_tra/<form>.json`; a previous
    file is moved aside). Every unreadable row or cell is named; nothing is kept then."""
    from tdp.classlist import read_trainees

    questions = form_questions(form)
    header, rows = read_sheet(path, SHEET)
    columns = {}
    for q in questions:
        name = f"Câu {q.number}"
        if name not in header:
            raise InputError(f"Dòng 1 của '{path}' thiếu cột '{name}'")
        columns[q.number] = header.index(name)
    if NAME_HEADER not in header:
        raise InputError(f"Dòng 1 của '{path}' thiếu cột '{NAME_HEADER}'")
    id_col = header.index(ID_HEADER) if ID_HEADER in header else None
    name_col = header.index(NAME_HEADER)
    members = {name_key(m.name): m for m in read_trainees()}
    trainees: dict[str, Any] = {}
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * len(header)
        name = str(cells[name_col] or "").strip()
        given_id = str(cells[id_col] or "").strip() if id_col is not None else ""
        answers = [_letter(cells[columns[q.number]]) for q in questions]
        if not name and not given_id:
            continue
        if not any(answers):
            continue  # absent that day: no score, not a zero
        bad = [f"Câu {q.number} '{a}'" for q, a in zip(questions, answers, strict=True)
               if a and a not in q.options]
        if bad:
            problems.append(f"Dòng {number}: " + ", ".join(bad) + " — ghi A, B, C hoặc D")
            continue
        member = members.get(name_key(name))
        key = given_id or (member.id if member else name)
        correct = [a == q.answer for q, a in zip(questions, answers, strict=True)]
        trainees[key] = {"ho_ten": member.name if member else name, "tra_loi": answers,
                         "dung": correct, "diem": sum(correct)}
    if problems:
        raise InputError("Chưa chấm, sửa các dòng sau:\n" + "\n".join(problems))
    if not trainees:
        raise InputError(f"Tệp '{path}' chưa có bài làm nào (dòng nào cũng trống)")
    result = {
        "de": form,
        "so_cau": len(questions),
        "cau_hoi": [{"so": q.number, "ky_nang": q.skill, "dap_an": q.answer}
                    for q in questions],
        "hoc_vien": trainees,
    }
    target = scores_file(form)
    move_aside(target)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def read_scores(form: Form) -> dict[str, Any] | None:
    """The kept scores of a form, or None when that test was not scored yet."""
    path = scores_file(form)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
