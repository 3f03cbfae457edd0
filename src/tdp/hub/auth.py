"""JupyterHub's authenticator for the province: accounts from the trainer's class list.

Groups are nbgrader's (`nbgrader-<class>` for everyone in a class, `formgrade-<class>` for its
trainers and grader account); the hub config loads them from the same accounts table.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.auth import Authenticator
from traitlets import Unicode

from tdp.hub.accounts import AccountBook
from tdp.paths import hub_accounts_url


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

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        """Only accounts the class import created (the table is the allow-list)."""
        return authentication is not None or any(
            a.username == username for a in self._accounts().members())
