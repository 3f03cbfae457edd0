"""The practice app ("Luyện tập tình huống"): a trainee plays a scenario in the portal screens.

name → module and scenario → story and papers → procedure, file or not → (pre-login as the
resident, or practise the VNeID login) → declaration → papers → "Kiểm tra lại" → pay →
decision questions → feedback (score, each criterion ✓/✗ with its explanation, "Làm lại").

It reuses the portal's screens (`PortalApp`) with three differences:
- every engine check runs against the practice *reference* registry at the scenario's own
  moment (`Scenario.at`), exactly as scoring does;
- "Nộp hồ sơ" never submits: a practice filing must not change the shared store (a death or a
  marriage would change the registry for the next trainee); it goes on to the questions;
- no drafts in the shared store (another trainee plays the same resident).
Only the attempt (`tdp.practice.record_attempt`) is written to the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tdp.catalog import load_catalog
from tdp.dates import format_at, now_local
from tdp.screens import login
from tdp.screens import practice_pages as pages
from tdp.screens.declaration import Declaration
from tdp.screens.portal_app import PortalApp
from tdp.store import Store
from tdp.widgets import button, esc, html_box, log_problem


class PracticeApp(PortalApp):
    """The portal screens in practice mode, with a trainee, a scenario and a score."""

    def __init__(self, store: Store | None = None):
        self.trainee = ""
        self.module: int | None = None
        self.scenario: Any = None  # tdp.practice.Scenario
        self.view: dict[str, Any] = {}
        self.started: datetime | None = None
        self.chosen_proc: str | None = None
        self.file: bool | None = None
        self.decisions: dict[str, str] = {}
        self.practise_login = False
        self.pair = False  # pair work: the volunteer sees the tasks only
        self._ref_store: Store | None = None
        super().__init__(store)

    # ----- the practice registry ---------------------------------------------------------
    @property
    def ref_store(self) -> Store:
        if self._ref_store is None:
            from tdp.practice import reference_store

            self._ref_store = reference_store()
        return self._ref_store

    # ----- layout --------------------------------------------------------------------------
    def page(self, title: str, parts: list[Any], focus: Any = None) -> None:
        if self.playing and self.view:
            parts = [self._scenario_strip()] + list(parts)
        super().page(title, parts, focus)

    @property
    def playing(self) -> bool:
        """In the portal part of a scenario (login, declaration, papers, review, payment)."""
        return getattr(self, "_playing", False)

    def _scenario_strip(self) -> Any:
        r = self.view.get("resident", {})
        text = (f"<strong>Tình huống:</strong> {esc(self.view.get('title', ''))}<br>"
                f"Người dân: {esc(r.get('ho_ten', ''))} — số định danh "
                f"<span class='tdp-resident-id'>{esc(r.get('so_dinh_danh', ''))}</span>")
        if r.get("mat_khau_tap_huan") and not self.pair:
            text += (" — mật khẩu tập huấn <span class='tdp-resident-password'>"
                     f"{esc(r['mat_khau_tap_huan'])}</span>")
        return html_box(text, "tdp-notice", "tdp-scenario-strip")

    def _header(self) -> None:
        title = html_box("<strong>Luyện tập tình huống (mô phỏng)</strong>"
                         + (f"<br>Học viên: <span class='tdp-trainee'>{esc(self.trainee)}</span>"
                            if self.trainee else ""))
        if not self.trainee:
            self.header.children = [title]
            return
        self.header.children = [
            title,
            button("Chọn tình huống", self.show_scenarios, kind="link",
                   dom="tdp-nav-scenarios"),
            button("Lịch sử luyện tập", self.show_history, kind="link", dom="tdp-nav-history"),
            button("Đổi học viên", self.show_start, kind="link", dom="tdp-nav-trainee"),
        ]

    # ----- practice pages ------------------------------------------------------------------
    def show_login(self) -> None:
        if not self.trainee:
            self.show_start()
            return
        self._playing = True
        login.show(self)

    def show_start(self) -> None:
        self._playing = False
        self.trainee = ""
        pages.show_start(self)

    def set_trainee(self, name: str) -> None:
        self.trainee = name
        self.show_scenarios()

    def show_scenarios(self) -> None:
        self._playing = False
        pages.show_scenarios(self)

    def open_scenario(self, scenario_id: str) -> None:
        from tdp.practice import get_scenario, scenario_view

        self.scenario = get_scenario(scenario_id)
        self.view = scenario_view(self.scenario, self.ref_store)
        self.reset_play()
        self.show_scenario()

    def reset_play(self) -> None:
        self.person = None
        self.declaration = None
        self.started = None
        self.chosen_proc = None
        self.file = None
        self.decisions = {}

    def show_scenario(self) -> None:
        self._playing = False
        self.pair = False
        pages.show_scenario(self)

    def show_role_card(self) -> None:
        """"Tôi đóng vai người dân": the resident's card, on the second phone of a pair."""
        from tdp.practice import role_card_view

        self._playing = False
        pages.show_role_card(self, role_card_view(self.scenario, self.ref_store))

    def show_volunteer_card(self) -> None:
        """"Tôi là tình nguyện viên (làm theo cặp)": the tasks only; the rest is asked for."""
        from tdp.practice import volunteer_card_view

        self._playing = False
        self.pair = True
        pages.show_volunteer_card(self, volunteer_card_view(self.scenario))

    def start(self) -> None:
        """"Bắt đầu": the clock starts."""
        from tdp.practice import scenario_view
        from tdp.practice.options import attempt_seed

        pair = self.pair
        self.reset_play()
        self.pair = pair
        self.started = now_local()
        seed = attempt_seed(self.trainee, self.scenario.id, format_at(self.started))
        self.view = scenario_view(self.scenario, self.ref_store, seed=seed)
        self.show_choose()

    def retry(self) -> None:
        """"Làm lại": the same scenario from its story."""
        self.open_scenario(self.scenario.id)

    def show_choose(self) -> None:
        self._playing = False
        pages.show_choose(self)

    def reread(self) -> None:
        """"Đọc lại": the story in solo play, the tasks in pair work."""
        if self.pair:
            from tdp.practice import volunteer_card_view

            pages.show_volunteer_card(self, volunteer_card_view(self.scenario))
        else:
            self.show_scenario()

    def chose(self, proc_id: str, file: bool, practise_login: bool) -> None:
        self.chosen_proc = proc_id
        self.file = file
        self.practise_login = practise_login
        self.declaration = None
        if not file:
            self.show_questions()
        elif practise_login:
            self.person = None
            self.show_login()
        else:
            self.logged_in(self.find_person(self.scenario.resident))

    def show_questions(self) -> None:
        self._playing = False
        pages.show_questions(self)

    def finish(self, decisions: dict[str, str]) -> None:
        """Score the answer, store the attempt, show the feedback."""
        from tdp.practice import record_attempt, score

        self.decisions = dict(decisions)
        answer = self.answer()
        result = score(self.scenario, answer, self.ref_store)
        ended = now_local()
        stored = True
        try:
            record_attempt(self.trainee, self.scenario.id, answer, result,
                           self.started or ended, ended, store=self.store)
        except Exception:  # noqa: BLE001 - the feedback matters more than the record
            log_problem("record_attempt")
            stored = False
        pages.show_feedback(self, result.to_json(), stored)

    def answer(self) -> dict[str, Any]:
        filing = None
        if self.file and self.declaration is not None:
            filing = self.form.filing()
        return {"procedure": self.chosen_proc, "file": self.file, "filing": filing,
                "decisions": dict(self.decisions)}

    def attempts(self) -> list[Any]:
        from tdp.practice import list_attempts

        return list_attempts(self.trainee, store=self.store)

    def show_history(self) -> None:
        self._playing = False
        pages.show_history(self)

    # ----- the portal screens in practice mode ----------------------------------------------
    def find_person(self, number: str) -> Any:
        from tdp.registry.store import RegistryRepo

        if not number:
            return None
        with self.ref_store.reading() as session:
            return RegistryRepo(session).get(number)

    def logged_in(self, person: Any) -> None:
        self.person = person
        self._playing = True
        self.open_procedure(self.chosen_proc or "")

    def logout(self) -> None:
        self.show_scenario()

    def show_search(self) -> None:
        """"Quay lại danh sách thủ tục": back to choosing the procedure."""
        self.show_choose()

    def show_my_files(self) -> None:
        self.show_history()

    def drafts(self) -> list[tuple[str, str]]:
        return []

    def open_procedure(self, proc_id: str) -> None:
        proc = self.catalog.procedure(proc_id)
        if proc is None:
            self.show_choose()
            return
        self._playing = True
        self.declaration = Declaration(self.catalog, proc, self.draft_changed)
        self.draft_notice = ""
        self.form.prefill_requester(self.person)
        self.show_declaration()

    def check(self) -> Any:
        from tdp.engine import check

        return check(self.form.proc.id, self.form.filing(),
                     self.scenario.submitted_at, self.ref_store)

    def submit(self, paid_with: str | None = None) -> None:
        """"Nộp hồ sơ" in practice: checked, never submitted; on to the questions."""
        if not self.check().valid:
            self.show_review()
            return
        self.show_questions()

    def draft_changed(self) -> None:
        return None  # the form keeps what was typed; nothing goes to the shared store

    def save_draft(self) -> str:
        return format_at(now_local())[-5:]


def show_practice() -> Any:
    """Display the practice app in a notebook or Voilà page. Never raises."""
    from tdp.widgets import open_app

    def make() -> PracticeApp:
        load_catalog()
        return PracticeApp()

    return open_app(make, "show_practice",
                    "Không mở được phần luyện tập. Báo người hướng dẫn.")
