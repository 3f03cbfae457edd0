"""Each class's gradebook behind a PostgreSQL role of its own, which owns that database only.

A class's formgrader runs as its grader account, and a trainer can run code there: whatever
address its `nbgrader_config.py` names, the trainer can read. So the address is the class's
own role (`<prefix>-grader-<class>`, after the grader account; the `-` keeps it apart from
every account's store role, which has none), owner of the class's gradebook database and of
everything in it. PostgreSQL refuses it the rest: the other gradebooks, the store, the hub's
and the accounts' databases, the maintenance databases (no CONNECT: `StoreAccess.lock_down`),
the other roles (passwords). Without CONNECT anywhere else, it cannot even drop its own
database (PostgreSQL drops a database only from another one).

The password, the connection limit and the role's rules are `StoreAccess`'s (one mechanism for
every role the hub makes). A class made by an older version has an admin-owned gradebook:
`ensure` hands the database and what is in it to the class's role, at the next release or
grading (or start of the hub).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tdp.hub.settings import HubSettings, driver_url
from tdp.hub.store_access import StoreAccess, admin_connection, ensure_login_role

# What in the gradebook (nbgrader's tables, enum types, sequences) the class's role does not
# own yet: made by the admin (an older version). A sequence that belongs to a column goes with
# its table; so does each table's row type.
_NOT_YET_OWNED = text("""
SELECT 'TABLE', format('%I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> :owner
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%'
UNION ALL
SELECT 'SEQUENCE', format('%I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND c.relowner <> :owner
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid
                   AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
UNION ALL
SELECT 'TYPE', format('%I.%I', n.nspname, t.typname)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE t.typtype IN ('e', 'd') AND t.typowner <> :owner
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_%'
""")


@dataclass(frozen=True)
class GradebookAccess:
    """One class's gradebook: the admin's address of its database, its role's name, and the
    hub's `StoreAccess` (the passwords' key and the role rules)."""

    admin_url: str  # the admin's, pointing at the class's gradebook database
    role: str
    access: StoreAccess
    connection_limit: int

    @classmethod
    def of(cls, settings: HubSettings, class_id: str) -> GradebookAccess:
        klass = settings.klass(class_id)
        return cls(klass.gradebook_url, f"{settings.prefix}-{klass.grader_user}",
                   StoreAccess.of(settings), settings.connections_per_class)

    def _password(self) -> str:
        return self.access.password(f"gradebook:{self.role}")  # ':': never an account name

    def url(self) -> str:
        """The gradebook's address as the class's role: the formgrader's, its grader
        account's nbgrader's and the caged grading's."""
        url = make_url(self.admin_url).set(username=self.role, password=self._password())
        return driver_url(url.render_as_string(hide_password=False))

    def ensure(self) -> None:
        """The role (password, connection limit), owner of the gradebook database and of
        everything in it, as the hub says."""
        database = make_url(self.admin_url).database
        with admin_connection(self.admin_url) as conn:
            ensure_login_role(conn, self.role, self._password(), self.connection_limit)
            conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO "{self.role}"'))
            owner = conn.execute(text("SELECT oid FROM pg_roles WHERE rolname = :r"),
                                 {"r": self.role}).scalar_one()
            for kind, name in conn.execute(_NOT_YET_OWNED, {"owner": owner}).all():
                conn.execute(text(f'ALTER {kind} {name} OWNER TO "{self.role}"'))
