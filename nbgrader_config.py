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
