"""Each trainee's own server: their own system account and work area, the course's apps.

A LocalProcessSpawner (one process per trainee, as the trainee's own system account, so one
trainee's kernel cannot read another's files) whose work area is `<homes>/<username>`,
private to its owner. The course's app and lesson notebooks are copied in at every start,
so a trainer's update reaches everyone, while what the trainee saved stays. The server's
store address is the account's own PostgreSQL role (`tdp.hub.store_access`): the only one
its kernels can learn, and it opens that account's schema and nothing else.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

COURSE_FOLDERS = ("app", "lessons")


def prepare_home(home: Path, notebooks: Path, owner: str) -> None:
    """The work area, owned by and private to `owner`, with fresh copies of the apps."""
    entry = pwd.getpwnam(owner)
    home.mkdir(parents=True, exist_ok=True)
    for folder in COURSE_FOLDERS:
        source = notebooks / folder
        if source.is_dir():
            shutil.copytree(source, home / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for path in [home, *home.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    home.chmod(0o700)


class CourseSpawner(LocalProcessSpawner):
    homes = Unicode("/srv/tdp/home", config=True, help="folder holding every work area")
    course_notebooks = Unicode("", config=True, help="the course's notebooks/ folder")
    hub_dir = Unicode("", config=True, help="the hub's folder (hub.yaml, the store's key)")

    async def start(self) -> object:
        from tdp.hub.settings import load_settings
        from tdp.hub.store_access import StoreAccess

        name = self.user.name
        home = Path(self.homes) / name
        prepare_home(home, Path(self.course_notebooks), name)
        self.notebook_dir = str(home)
        settings = load_settings(Path(self.hub_dir))
        access = StoreAccess.of(settings)
        await asyncio.to_thread(access.ensure, name)
        environment: dict[str, str] = dict(self.environment)  # type: ignore[has-type]
        environment["TDP_VAR_DIR"] = str(home / ".tdp")
        environment["TDP_DATABASE_URL"] = access.url_for(name)
        self.environment = environment
        return await super().start()
