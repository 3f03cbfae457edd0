"""nbgrader's configuration: the course root is this repository (see README)."""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader

ROOT = Path(__file__).resolve().parent
VAR = ROOT / "var" / "nbgrader"

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "to_dan_pho_dien_tu"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = str(VAR / "submitted")
c.CourseDirectory.autograded_directory = str(VAR / "autograded")
c.CourseDirectory.feedback_directory = str(VAR / "feedback")
c.CourseDirectory.solution_directory = str(VAR / "solution")
c.CourseDirectory.db_url = f"sqlite:///{VAR / 'gradebook.db'}"
c.Exchange.root = str(VAR / "exchange")
c.Execute.timeout = 60

# Released notebooks: Vietnamese stubs that still run (trainees answer in plain cells), and
# graded cells a trainee deleted are put back when grading (tdp.grading.course mirrors this).
c.ClearSolutions.code_stub = {
    "python": "# ↑ Anh/chị điền câu trả lời vào dòng ở trên, rồi bấm Shift + Enter."
}
c.ClearSolutions.text_stub = "VIẾT CÂU TRẢ LỜI CỦA ANH/CHỊ Ở ĐÂY"
c.OverwriteCells.add_missing_cells = True
