"""JupyterHub for a province: one hub, many classes, one PostgreSQL.

Follows nbgrader's multi-course layout: each class is an nbgrader course served as a
JupyterHub service named after its `course_id`, run by a `grader-<class>` account; trainers
are in `formgrade-<class>`, trainees in `nbgrader-<class>`. Everything is read from
`$TDP_HUB_DIR/hub.yaml`, which `tdp hub init` and `tdp hub class add` write.
"""

import os
import sys
from pathlib import Path

from tdp.hub.config import configure

c = get_config()  # noqa: F821 - provided by JupyterHub
configure(c, Path(os.environ.get("TDP_HUB_DIR", Path(__file__).parent / "local")),
          python=Path(sys.executable))
