"""The answer types of the exercises, each defined once: what the answer cell starts as,
the check's first line (turning what was typed into a value, `tdp.grading.bai_tap`), and the
Python an app writes for a value.

A task's type is declared in its solution cell's metadata (`metadata.tdp.answer`, next to
nbgrader's), so the released notebook carries it: JupyterLab ignores it, the phone app picks
the widget from it, and the code the app writes always parses (a value is written with
`repr`, never pasted into code).
"""

from __future__ import annotations

import ast
import pprint
from dataclasses import dataclass
from typing import Any

ANSWER_TYPES = ("procedure", "choice", "yes_no", "date", "integer", "money", "text", "filing",
                "written")
LETTERS = "ABCD"


@dataclass(frozen=True)
class AnswerType:
    name: str
    hint: str  # the comment beside the blank in JupyterLab
    check: str  # the normaliser the check cell calls first ("" : none)


_TYPES = {
    "procedure": AnswerType("procedure", "gõ mã thủ tục vào giữa hai dấu ngoặc kép",
                            "ma_thu_tuc({var})"),
    "choice": AnswerType("choice", "gõ một chữ cái ({letters}) vào giữa hai dấu ngoặc kép",
                         'chu_cai({var}, "{letters}")'),
    "yes_no": AnswerType("yes_no", 'gõ "có" hoặc "không" vào giữa hai dấu ngoặc kép',
                         "co_khong({var})"),
    "date": AnswerType("date", "gõ ngày/tháng/năm vào giữa hai dấu ngoặc kép, ví dụ 15/02/2027",
                       "ngay_nhap({var})"),
    "integer": AnswerType("integer", "gõ một con số vào giữa hai dấu ngoặc kép, ví dụ 5",
                          "so_nguyen({var})"),
    "money": AnswerType("money", "gõ số tiền vào giữa hai dấu ngoặc kép, ví dụ 7.000 đ",
                        "so_tien({var})"),
    "text": AnswerType("text", "gõ câu trả lời ngắn vào giữa hai dấu ngoặc kép", "van_ban({var})"),
    "filing": AnswerType("filing", "", ""),
    "written": AnswerType("written", "", ""),
}


def answer_type(name: str) -> AnswerType:
    return _TYPES[name]


def blank_line(kind: str, variable: str, letters: str = LETTERS) -> str:
    """The answer cell as released (before nbgrader's stub): `cau_5 = ""  # gõ …`."""
    hint = _TYPES[kind].hint.format(letters=", ".join(letters))
    return f'{variable} = ""  # ← {hint}'


def check_line(kind: str, variable: str, letters: str = LETTERS) -> str:
    """The check cell's first line: `tra_loi = chu_cai(cau_5, "ABCD")` ("" for a filing)."""
    call = _TYPES[kind].check
    return f"tra_loi = {call.format(var=variable, letters=letters)}" if call else ""


def python_for(kind: str, variable: str, value: Any) -> str:
    """The answer cell an app writes for a widget's value: always valid Python."""
    if kind == "filing":
        data = value if isinstance(value, dict) else {}
        return f"{variable} = {pprint.pformat(_plain(data), width=90, sort_dicts=False)}"
    text = "" if value is None else str(value)
    return f"{variable} = {text!r}"


def _plain(value: Any) -> Any:
    """Only str, int, bool, None, lists and dicts survive: `repr` of them is a literal."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def typed_value(source: str) -> str | None:
    """What an answer cell holds, read back (the inverse of `python_for` for the typed
    kinds): the text of `cau_5 = "B"`, comments aside; when the cell assigns the variable
    more than once (the blank, then a line typed in JupyterLab), the last one, as Python
    would. None for anything else (code a trainee wrote): it is then shown as it is."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    names, values = set(), []
    for statement in tree.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            return None
        try:
            value = ast.literal_eval(statement.value)
        except ValueError:
            return None
        if not isinstance(value, str):
            return None
        names.add(statement.targets[0].id)
        values.append(value)
    return values[-1] if values and len(names) == 1 else None
