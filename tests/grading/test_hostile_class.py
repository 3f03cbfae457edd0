"""A hostile class: whatever trainees send, the run completes, every submission gets the
right status, and the good submissions get exactly their scores."""

from __future__ import annotations

import copy
import os
import time
import unicodedata
import zipfile

import nbformat
import pytest

from tdp.grading.autograde import autograde
from tdp.grading.collect import collect
from tdp.grading.export import grades, to_xlsx
from tdp.grading.feedback import feedback

from .conftest import answers_from_solution, fill, released, solved

A = "bai1"


def _nb_bytes(nb) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def hostile(course, tmp_path_factory):
    inbox = tmp_path_factory.mktemp("zalo")
    answers = answers_from_solution(course, A)
    files: dict[str, bytes] = {}
    files["Nguyễn Văn An"] = _nb_bytes(solved(course, A))  # 5/5
    part = {k: v for k, v in answers.items() if k in ("cau_1", "cau_3")}
    files["Trần Thị Bình"] = _nb_bytes(fill(released(course, A), part))  # 2/5
    wrong = dict(answers, cau_2='muc_do_ket_hon = "toan_trinh"')  # fails the hidden test
    files["Lê Văn Cường"] = _nb_bytes(fill(released(course, A), wrong))  # 4/5
    loop = dict(answers, cau_3="while True:\n    pass\nso_ngay = 3")
    files["Phạm Thị Dung"] = _nb_bytes(fill(released(course, A), loop))
    files["Hoàng Văn Em"] = _nb_bytes(fill(released(course, A), dict(
        answers, cau_2="import os\nos._exit(1)")))
    nb = solved(course, A)
    dropped = ("kiem_tra_cau_1", "cau_2")
    nb.cells = [c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") not in dropped]
    files["Vũ Thị Giang"] = _nb_bytes(nb)
    nb = solved(course, A)
    nb.cells.insert(5, copy.deepcopy(_cell(nb, "kiem_tra_cau_1")))
    for i, c in enumerate(nb.cells):
        c.id = f"c{i}"
    files["Đỗ Văn Hùng"] = _nb_bytes(nb)
    nb = solved(course, A)
    cell = _cell(nb, "cau_1")
    nb.cells[nb.cells.index(cell)] = nbformat.v4.new_markdown_cell(
        cell.source, metadata=cell.metadata, id=cell.id)
    files["Ngô Thị Lan"] = _nb_bytes(nb)
    nb = fill(released(course, A), dict(answers, cau_3="so_ngay = 99"))
    _cell(nb, "kiem_tra_cau_3").source = "pass  # bài kiểm tra đã bị xóa"
    files["Bùi Văn Minh"] = _nb_bytes(nb)
    files["Đặng Thị Nga"] = b""
    import io

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    files["Lý Văn Phúc"] = docx.getvalue()
    files["Mai Thị Quỳnh"] = _nb_bytes(fill(released(course, A), dict(
        answers, cau_1='print("x" * 3_000_000)\nthu_tuc = "xac_nhan_hon_nhan"')))
    now = time.time()
    for name, data in files.items():
        path = inbox / f"{A}_{name}.ipynb"
        path.write_bytes(data)
        os.utime(path, (now - 100, now - 100))
    # The same trainee twice: an older empty file, then the good one, with an NFD name.
    older = inbox / f"{A}_Trương Văn Sơn (1).ipynb"
    older.write_bytes(b"")
    os.utime(older, (now - 500, now - 500))
    newer = inbox / unicodedata.normalize("NFD", f"{A}_Trương Văn Sơn.ipynb")
    newer.write_bytes(_nb_bytes(solved(course, A)))
    (inbox / "anh_chup_man_hinh.png").write_bytes(b"\x89PNG")
    archive = inbox.parent / "lop.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in sorted(inbox.iterdir()):
            z.write(p, p.name)
    report = collect(course, A, archive)
    outcomes = autograde(course, A, progress=False, only=[t for t, _, _ in report.collected])
    return report, {o.name: o for o in outcomes}


def test_collect_matches_names_and_keeps_the_newest(hostile, course):
    report, _ = hostile
    names = {name for _, name, _ in report.collected}
    assert "Trương Văn Sơn" in names and len(names) == 13
    assert [f for f, _ in report.unmatched] == ["anh_chup_man_hinh.png"]
    assert any("Sơn" in unicodedata.normalize("NFC", f) for f, _ in report.kept_older)
    assert set(report.new_trainees) == names  # the scratch course had no trainees.csv
    # proposed for the class list (`tdp class import`), never written into it silently
    listed = course.trainees_csv.read_text(encoding="utf-8") if course.trainees_csv.exists() else ""
    assert "Trương Văn Sơn" not in listed
    assert report.proposal.read_text(encoding="utf-8-sig").count("Trương Văn Sơn") == 1


EXPECTED = {
    "Nguyễn Văn An": ("ok", 5),
    "Trương Văn Sơn": ("ok", 5),
    "Trần Thị Bình": ("ok", 2),
    "Lê Văn Cường": ("ok", 4),
    "Phạm Thị Dung": ("timed_out", 4),
    "Hoàng Văn Em": ("crashed", 0),
    "Vũ Thị Giang": ("tampered", 4),
    "Đỗ Văn Hùng": ("tampered", 5),
    "Ngô Thị Lan": ("tampered", None),
    "Bùi Văn Minh": ("tampered", 4),
    "Đặng Thị Nga": ("not_notebook", 0),
    "Lý Văn Phúc": ("not_notebook", 0),
    "Mai Thị Quỳnh": ("huge_output", 5),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_submission_gets_its_status_and_score(hostile, name):
    _, outcomes = hostile
    status, score = EXPECTED[name]
    o = outcomes[name]
    assert o.status == status, (o.status, o.reasons)
    if score is not None:
        assert o.auto_score == score, (o.auto_score, o.reasons)
    if status != "ok":
        assert o.reasons


def test_a_duplicated_cell_is_graded_and_the_file_as_sent_kept(hostile, course):
    """nbgrader 0.9.6 alone fails a notebook with a copied graded cell (KeyError in
    OverwriteCells); the copy is graded as an ordinary cell and the file as sent is kept."""
    _, outcomes = hostile
    o = outcomes["Đỗ Văn Hùng"]
    assert any("nhân đôi ô kiem_tra_cau_1" in r for r in o.reasons), o.reasons
    kept = course.var / "originals" / A / o.trainee / f"{A}.ipynb"
    ids = [c.metadata.get("nbgrader", {}).get("grade_id")
           for c in nbformat.read(kept, as_version=4).cells]
    assert ids.count("kiem_tra_cau_1") == 2
    assert (course.autograded / o.trainee / A / f"{A}.ipynb").is_file()


def test_feedback_hides_hidden_tests_and_export(hostile, course, tmp_path):
    _, outcomes = hostile
    written = feedback(course, A)
    # a page for every graded submission of this class (other modules may grade other
    # trainees in the shared course): not the two non-notebooks, not the crashed one
    graded = {name for name, o in outcomes.items() if o.status not in ("not_notebook",
                                                                        "crashed")}
    mine = [p for p in written if p.stem.removeprefix(f"{A}_") in outcomes]
    assert {p.stem.removeprefix(f"{A}_") for p in mine} == graded and len(graded) == 10
    for page in written:  # this class's pages and any other
        text = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text
        assert "danh_muc.procedures[\"ket_hon\"].service_level" not in text  # a hidden line
        assert 'lang="vi"' in text
        # read on a phone: no setup or check code, no nbgrader English labels
        assert "tdp.grading.bai_tap" not in text  # the setup cell's import
        assert "Student's answer" not in text and "Grade cell" not in text
        assert "Câu trả lời của anh/chị" in text
    # a typed answer reads as the answer, not as the code the app wrote for it
    an = (course.var / "phan_hoi" / A / f"{A}_Nguyễn Văn An.html").read_text(encoding="utf-8")
    assert "Cấp giấy xác nhận tình trạng hôn nhân (xac_nhan_hon_nhan)" in an
    assert "thu_tuc =" not in an and "cau_2 =" not in an and "ngay_hen =" not in an
    table = grades(course)
    mine = table[table.bai == A].set_index("ho_ten")
    assert mine.loc["Nguyễn Văn An", "diem_tu_dong"] == 5
    assert mine.loc["Đặng Thị Nga", "trang_thai"] == "không phải notebook"
    to_xlsx(course, tmp_path / "diem.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "diem.xlsx")
    assert book.sheetnames[0] == "Tổng hợp" and A in book.sheetnames
    assert book["Tổng hợp"]["A1"].value == "Mã học viên"
