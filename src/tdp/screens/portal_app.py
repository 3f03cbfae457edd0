"""The practice portal: one trainee's way through the screens, one step at a time.

log in with VNeID → find the procedure → declaration → papers → "Kiểm tra lại" → pay if a fee
is due → receipt; "Dịch vụ công của tôi" from the header. Every decision about a filing is
the engine's (`tdp.engine.checking.check` / `submit`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from tdp.catalog import load_catalog
from tdp.dates import format_at, now_local
from tdp.screens import declaration as declaration_screen
from tdp.screens import drafts, login, my_files, papers, payment, receipt, review, search
from tdp.screens.declaration import Declaration, is_document_path
from tdp.store import Store, open_store
from tdp.widgets import (
    AppFrame,
    ErrorSummary,
    FieldBox,
    button,
    esc,
    html_box,
    log_problem,
)


class PortalApp(AppFrame):
    def __init__(self, store: Store | None = None):
        self.catalog = load_catalog()
        self.store = store or open_store()
        drafts.ensure_tables(self.store)
        self.person: Any = None
        self.declaration: Declaration | None = None
        self.draft_notice = ""
        self._draft_failed = False
        super().__init__()
        self.show_login()

    # ----- layout --------------------------------------------------------------------------

    def page(self, title: str, parts: list[w.Widget], focus: FieldBox | None = None) -> None:
        self.notice.layout.display = "none"
        self._header()
        self.main.children = [html_box(f"<span class='tdp-page-title'>{esc(title)}</span>",
                                       "tdp-hint")] + parts
        if focus is not None:
            focus.focus()

    def _header(self) -> None:
        if self.person is None:
            self.header.children = [html_box("<strong>Cổng Dịch vụ công (mô phỏng)</strong>")]
            return
        self.header.children = [
            html_box(f"<strong>Cổng Dịch vụ công (mô phỏng)</strong><br>"
                     f"Người dân: {esc(self.person.ho_ten)}"),
            button("Tìm thủ tục", self.show_search, kind="link", dom="tdp-nav-search"),
            button("Dịch vụ công của tôi", self.show_my_files, kind="link",
                   dom="tdp-nav-my-files"),
            button("Đăng xuất", self.logout, kind="link", dom="tdp-nav-logout"),
        ]

    @staticmethod
    def focus_summary(summary: ErrorSummary) -> None:
        links = [c for c in summary.box.children if isinstance(c, w.Button)]
        if links:
            links[0].focus()

    # ----- login ---------------------------------------------------------------------------
    @property
    def owner(self) -> str:
        return self.person.so_dinh_danh if self.person is not None else ""

    @property
    def form(self) -> Declaration:
        """The declaration being filled: every screen after the choice of procedure has one."""
        if self.declaration is None:
            raise RuntimeError("Chưa chọn thủ tục: chưa có tờ khai")
        return self.declaration

    def find_person(self, number: str) -> Any:
        from tdp.engine import ensure_registry
        from tdp.registry.store import RegistryRepo

        if not number:
            return None
        ensure_registry(self.store, self.catalog)
        with self.store.reading() as session:
            return RegistryRepo(session).get(number)

    def show_login(self) -> None:
        login.show(self)

    def logged_in(self, person: Any) -> None:
        self.person = person
        self.show_search()

    def logout(self) -> None:
        self.person = None
        self.declaration = None
        self.show_login()

    # ----- steps ---------------------------------------------------------------------------
    def show_search(self) -> None:
        search.show(self)

    def drafts(self) -> list[tuple[str, str]]:
        return drafts.list_drafts(self.owner, self.store) if self.person else []

    def open_procedure(self, proc_id: str) -> None:
        proc = self.catalog.procedure(proc_id)
        if proc is None:
            return
        self.declaration = Declaration(self.catalog, proc, self.draft_changed)
        saved = drafts.load_draft(self.owner, proc_id, self.store)
        self.draft_notice = ""
        if saved:
            self.form.restore(saved)
            self.draft_notice = "Đã mở lại bản nháp đã lưu của hồ sơ này."
        else:
            self.form.prefill_requester(self.person)
        self.show_declaration()

    def show_declaration(self, focus_path: str | None = None) -> None:
        declaration_screen.show(self, focus_path)

    def show_papers(self, focus_path: str | None = None) -> None:
        papers.show(self, focus_path)

    def show_review(self) -> None:
        review.show(self)

    def show_payment(self, fee: int) -> None:
        payment.show(self, fee)

    def show_my_files(self) -> None:
        my_files.show(self)

    def edit(self, path: str) -> None:
        """"Sửa" or an error link on the review page: back to the part holding `path`."""
        if is_document_path(path):
            self.show_papers(path)
            return
        self.show_declaration()
        self.focus_field(path)

    def focus_field(self, path: str) -> None:
        box = self.form.anchor(path) if self.declaration else None
        if box is not None:
            box.focus()

    # ----- engine --------------------------------------------------------------------------
    def check(self) -> Any:
        from tdp.engine import check

        return check(self.form.proc.id, self.form.filing(), now_local(),
                     self.store)

    def submit(self, paid_with: str | None = None) -> None:
        from tdp.engine import submit

        decl = self.form
        result = submit(decl.proc.id, decl.filing(), now_local(), self.store, owner=self.owner)
        if not result.valid:
            self.show_review()
            return
        drafts.delete_draft(self.owner, decl.proc.id, self.store)
        receipt.show(self, result, decl.proc.name)

    # ----- drafts --------------------------------------------------------------------------
    def draft_changed(self) -> None:
        try:
            self.save_draft()
        except Exception:  # noqa: BLE001 - typing must go on even if the store is busy
            log_problem("save_draft")
            if not self._draft_failed:
                self._draft_failed = True
                self.show_problem("Chưa lưu được bản nháp; thông tin trên màn hình vẫn còn.")

    def save_draft(self) -> str:
        if self.declaration is None or self.person is None:
            return ""
        at = now_local()
        drafts.save_draft(self.owner, self.form.proc.id, self.form.state(),
                          self.store, at)
        return format_at(at)[-5:]
