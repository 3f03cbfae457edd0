"""JupyterHub's authenticator for the province: accounts from the trainer's class list.

Groups are nbgrader's (`nbgrader-<class>` for everyone in a class, `formgrade-<class>` for its
trainers and grader account); the hub config loads them from the same accounts table.

The authenticator's handlers come before JupyterHub's own, so it is also where the hub's
token page is taken away (`NoTokenPage`).
"""

from __future__ import annotations

from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.handlers import BaseHandler
from tornado import web
from traitlets import Unicode

from tdp.hub.accounts import AccountBook
from tdp.paths import hub_accounts_url


class NoTokenPage(BaseHandler):  # type: ignore[misc]  # JupyterHub is untyped
    """`/hub/token` answers "Không tìm thấy trang" (the hub's Vietnamese 404) to everybody.

    Nobody on this hub needs an API token: each server gets its own from the hub, the class
    services theirs from the config, `tdp hub` the admin service's. The stock page is English
    and would let a trainee make tokens or revoke their own server's access, which then stops
    working; a page they cannot use is better gone than translated.
    """

    def get(self) -> None:
        raise web.HTTPError(404)


class ClassListAuthenticator(Authenticator):
    """Username and password checked against the hub's accounts table."""

    accounts_url = Unicode(
        hub_accounts_url(), config=True,
        help="SQLAlchemy URL of the accounts database (only the hub reads it)")

    _book: AccountBook | None = None

    def _accounts(self) -> AccountBook:
        if self._book is None:
            self._book = AccountBook(self.accounts_url)
        return self._book

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        account = self._accounts().verify(data.get("username", ""), data.get("password", ""))
        if account is None:
            return None
        return {"name": account.username}

    def get_handlers(self, app: Any) -> list[tuple[str, type]]:
        return [*super().get_handlers(app), (r"/token", NoTokenPage)]

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        """Only accounts the class import created (the table is the allow-list)."""
        return authentication is not None or any(
            a.username == username for a in self._accounts().members())
