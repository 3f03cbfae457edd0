"""The dashboard's widgets: filters (ward, month range) and three tabs — Luyện tập, Điểm bài
tập, Hoạt động hỗ trợ. Thin: every figure comes from the pure functions of
`tdp.dashboard.practice`, `.grades` and `.support`; tables are HTML, charts PNG (Agg)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from tdp.dashboard import grades as gr
from tdp.dashboard import paper_tests as pt
from tdp.dashboard import practice as pr
from tdp.dashboard import support as sp
from tdp.dashboard.data import Data, month_bounds, month_label
from tdp.dashboard.html import empty_note, figures_html, h2, image_html, table_html
from tdp.widgets import BANNER_TEXT, CSS, esc, html_box, log_problem

if TYPE_CHECKING:

    from tdp.store import Store

ALL_WARDS = "Tất cả xã/phường"
TITLE = "Bảng điều khiển khóa tập huấn"
TABS = ("Luyện tập", "Điểm bài tập", "Hoạt động hỗ trợ", pt.TAB_TITLE)
PROBLEM = ("Chưa đọc được dữ liệu cho phần này. Vui lòng thử lại (nút “Tải lại dữ liệu”); "
           "nếu vẫn lỗi, báo người phụ trách.")

DASH_CSS = """
<style>
.tdp-dashboard .tdp-dash-filters { display: flex; flex-wrap: wrap; gap: 0 12px; width: 100%; }
.tdp-dashboard .tdp-dash-filters .tdp-field { flex: 1 1 200px; width: auto; }
.tdp-dash-table { width: 100%; overflow-x: auto; margin: 6px 0 12px 0; }
.tdp-dash-table table { border-collapse: collapse; font-size: 14px; min-width: 100%; }
.tdp-dash-table th, .tdp-dash-table td { border: 1px solid #b1b4b6; padding: 4px 6px;
  text-align: left; vertical-align: top; }
.tdp-dash-table th { background: #f3f2f1; }
.tdp-dash-table td.tdp-num { text-align: right; white-space: nowrap; }
.tdp-dash-chart img { max-width: 100%; height: auto; display: block; margin: 6px 0 12px 0; }
.tdp-dash-figures { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.tdp-dash-figure { border: 1px solid #b1b4b6; padding: 8px; flex: 1 1 140px; }
.tdp-dash-figure b { display: block; font-size: 24px; }
.tdp-dash-empty { color: #505a5f; font-style: italic; }
.tdp-dashboard .lm-TabBar, .tdp-dashboard .p-TabBar { max-width: 100%; overflow-x: auto; }
.tdp-dashboard .lm-TabBar-tab, .tdp-dashboard .p-TabBar-tab { min-width: 0; flex: 1 1 auto;
  font-size: 14px; }
.tdp-dashboard .widget-tab-contents, .tdp-dashboard .widget-tab > .widget-tab-contents {
  padding: 8px 4px; overflow-x: hidden; }
</style>
"""


# --- formatting ---------------------------------------------------------------------------


def _dropdown(label: str, options: list[tuple[str, str]], value: str, dom: str) -> w.Dropdown:
    box_label = w.HTML(f'<label class="tdp-dash-label">{esc(label)}</label>')
    dd = w.Dropdown(options=options, layout=w.Layout(width="100%"))
    if options:
        dd.value = value
    dd.add_class(dom)
    dd._tdp_box = w.VBox([box_label, dd], layout=w.Layout(width="auto"))  # type: ignore
    dd._tdp_box.add_class("tdp-field")
    return dd


class Dashboard:
    """The dashboard: `.widget` to display; `refresh()` recomputes from the filters."""

    def __init__(self, store: Store | None = None, gradebook_url: str | None = None,
                 trainees_csv: Any = None):
        self._load = lambda: Data.load(store, gradebook_url, trainees_csv)
        self.data = self._load()
        choices = self.data.choices
        wards = [(ALL_WARDS, "")] + [(o.label, o.id) for o in choices.communes.options]
        self.ward = _dropdown("Xã/phường", wards, "", "tdp-dash-ward")
        self.first = _dropdown("Từ tháng", [], "", "tdp-dash-from")
        self.last = _dropdown("Đến tháng", [], "", "tdp-dash-to")
        self._set_months()
        self.reload = w.Button(description="Tải lại dữ liệu", layout=w.Layout(width="auto"))
        self.reload.add_class("tdp-secondary")
        self.reload.add_class("tdp-dash-reload")
        self.notice = html_box("", "tdp-dash-notice")
        self.practice = html_box("", "tdp-dash-practice")
        self.grades = html_box("", "tdp-dash-grades")
        self.support = html_box("", "tdp-dash-support")
        self.tests = html_box("", "tdp-dash-tests")
        self.tabs = w.Tab(children=[self.practice, self.grades, self.support, self.tests],
                          layout=w.Layout(width="100%"))
        self.tabs.titles = TABS
        self.tabs.add_class("tdp-dash-tabs")
        filters = w.Box([self.ward._tdp_box, self.first._tdp_box, self.last._tdp_box],
                        layout=w.Layout(width="100%"))
        filters.add_class("tdp-dash-filters")
        banner = html_box(esc(BANNER_TEXT), "tdp-banner")
        main = w.VBox([w.HTML(f"<h1>{esc(TITLE)}</h1>"), filters, self.reload, self.notice,
                       self.tabs], layout=w.Layout(width="100%"))
        main.add_class("tdp-main")
        self.widget = w.VBox([w.HTML(CSS + DASH_CSS), banner, main],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("tdp-app")
        self.widget.add_class("tdp-dashboard")
        for dd in (self.ward, self.first, self.last):
            dd.observe(self._changed, names="value")
        self.reload.on_click(lambda _b: self._reload())
        self.refresh()

    def _set_months(self) -> None:
        months = self.data.months()
        options = [(month_label(m), m) for m in months]
        self._quiet = True
        try:
            self.first.options, self.last.options = options, options
            self.first.value, self.last.value = months[0], months[-1]
        finally:
            self._quiet = False

    def _changed(self, _change: Any) -> None:
        if not getattr(self, "_quiet", False):
            self.refresh()

    def _reload(self) -> None:
        try:
            self.data = self._load()
            self._set_months()
        except Exception:  # noqa: BLE001
            log_problem("dashboard: reload")
            self.notice.value = f'<p class="tdp-problem">{esc(PROBLEM)}</p>'
            return
        self.refresh()

    # filters
    def selection(self) -> tuple[str | None, date | None, date | None]:
        first, last = self.first.value, self.last.value
        if first and last and first > last:
            first, last = last, first
        start, end = month_bounds(first, last)
        return (self.ward.value or None), start, end

    def refresh(self) -> None:
        ward, start, end = self.selection()
        self.notice.value = ""
        for box, render in ((self.practice, self._practice), (self.grades, self._grades),
                            (self.support, self._support)):
            box.value = self._safely(render, ward, start, end)
        self.tests.value = self._safely(pt.tab_html)

    @staticmethod
    def _safely(render: Callable[..., str], *args: Any) -> str:
        try:
            return render(*args)
        except Exception:  # noqa: BLE001 - one Vietnamese line, details in the log
            log_problem(f"dashboard: {getattr(render, '__name__', 'tab')}")
            return f'<p class="tdp-problem">{esc(PROBLEM)}</p>'

    # tabs
    def _practice(self, _ward: str | None, start: date | None, end: date | None) -> str:
        d = self.data
        f = pr.filter_attempts(d.attempts, start, end)
        parts = [empty_note("Lượt luyện tập không gắn với xã/phường: bộ lọc xã/phường không "
                            "áp dụng cho thẻ này.").replace("tdp-dash-empty", "tdp-hint")]
        parts.append(figures_html([
            ("Lượt luyện tập", len(f), "tdp-dash-practice-attempts"),
            ("Học viên đã luyện tập", int(f["trainee_key"].nunique()),
             "tdp-dash-practice-trainees"),
        ]))
        parts.append(h2("Số lượt luyện tập của từng học viên"))
        per_trainee = pr.attempts_per_trainee(f)
        # on screen as Vietnamese write it: 11/03/2025 09:00 (the data keep ISO order)
        per_trainee["lan_cuoi"] = pd.to_datetime(per_trainee["lan_cuoi"]).dt.strftime(
            "%d/%m/%Y %H:%M")
        parts.append(table_html(per_trainee, {
            "hoc_vien": "Học viên", "so_luot": "Số lượt", "so_tinh_huong": "Số tình huống",
            "ty_le_tb": "Điểm TB (% tối đa)", "lan_cuoi": "Lần gần nhất"}, "tdp-dash-trainees"))
        modules = pr.module_scores(f, d.scenarios, d.modules)
        parts.append(h2("Điểm trung bình theo học phần"))
        parts.append(table_html(modules, {"hoc_phan": "Học phần", "ten": "Tên",
                                          "so_luot": "Số lượt",
                                          "ty_le_tb": "Điểm TB (% tối đa)"}, "tdp-dash-modules"))
        scen = pr.scenario_scores(f, d.scenarios)
        parts.append(h2("Điểm trung bình theo tình huống"))
        parts.append(table_html(scen, {"ten": "Tình huống", "hoc_phan": "Học phần",
                                       "so_luot": "Số lượt", "diem_tb": "Điểm TB",
                                       "diem_toi_da": "Tối đa", "ty_le_tb": "% tối đa"},
                                "tdp-dash-scenarios"))
        if not scen.empty:
            parts.append(image_html(sp.bar_png(list(scen["ten"]), list(scen["ty_le_tb"]),
                                               "Điểm trung bình theo tình huống",
                                               "% điểm tối đa"),
                                    "Biểu đồ điểm trung bình theo tình huống"))
        missed = pr.missed_items(f)
        titles = {s.id: s.title for s in d.scenarios}
        if not missed.empty:
            missed = missed.assign(ten=[titles.get(s, s) for s in missed["tinh_huong"]])
        parts.append(h2("Cần giảng lại: tiêu chí hay bị sai nhất"))
        parts.append(table_html(missed, {"noi_dung": "Tiêu chí", "ten": "Tình huống",
                                         "so_lan_sai": "Số lần sai", "so_lan_cham": "Số lần chấm",
                                         "ty_le_sai": "% sai"}, "tdp-dash-missed"))
        waiting = pr.not_practised(f, d.trainees)
        parts.append(h2("Học viên chưa luyện tập"))
        if not d.trainees:
            parts.append(empty_note("Chưa có danh sách học viên (course/trainees.csv)."))
        elif waiting.empty:
            parts.append(empty_note("Mọi học viên đều đã luyện tập."))
        else:
            parts.append(table_html(waiting, {"ma_hoc_vien": "Mã học viên",
                                              "ho_ten": "Họ và tên"}, "tdp-dash-waiting"))
        return "".join(parts)

    def _grades(self, _ward: str | None, _start: date | None, _end: date | None) -> str:
        g = self.data.grades
        note = empty_note("Điểm lấy từ sổ điểm nbgrader; bộ lọc xã/phường và thời gian không "
                          "áp dụng cho thẻ này.").replace("tdp-dash-empty", "tdp-hint")
        handed_in = self._submissions()
        if g.empty:
            return note + handed_in + empty_note()
        summary = gr.assignment_summary(g)
        wide = gr.grades_table(g)
        headers = {"ma_hoc_vien": "Mã học viên", "ho_ten": "Họ và tên"}
        headers.update({c: f"Bài {c}" for c in summary["bai"]})
        headers.update({"tong": "Tổng điểm", "so_bai_nop": "Số bài đã nộp"})
        return "".join([
            note,
            handed_in,
            h2("Theo bài tập"),
            table_html(summary, {"bai": "Bài", "diem_toi_da": "Điểm tối đa",
                                 "so_nop": "Số bài nộp", "so_hoc_vien": "Số học viên",
                                 "diem_tb": "Điểm TB (bài đã nộp)"}, "tdp-dash-assignments"),
            h2("Theo học viên"),
            table_html(wide, headers, "tdp-dash-grade-table"),
        ])

    def _submissions(self) -> str:
        """Who has handed in which assignment (phone app or collect), before any grading."""
        frame = gr.read_submissions(trainees=self.data.trainees)
        if frame.empty:
            return ""
        wide = gr.submissions_table(frame, self.data.trainees)
        headers = {"ma_hoc_vien": "Mã học viên", "ho_ten": "Họ và tên"}
        headers.update({c: f"Bài {c}" for c in sorted(frame["bai"].unique())})
        headers["so_bai_nop"] = "Số bài đã nộp"
        return h2("Bài đã nộp (kể cả chưa chấm)") + table_html(wide, headers,
                                                              "tdp-dash-submissions")

    def _support(self, ward: str | None, start: date | None, end: date | None) -> str:
        d = self.data
        figures = sp.totals(d.support, wards=ward, start=start, end=end)
        parts = [figures_html([
            ("Lượt hỗ trợ", figures["luot_ho_tro"], "tdp-dash-support-visits"),
            ("Hồ sơ đã nộp", figures["da_nop"], "tdp-dash-support-submitted"),
            ("Tình nguyện viên", figures["tinh_nguyen_vien"], "tdp-dash-support-volunteers"),
            ("Ngày công", figures["ngay_cong"], "tdp-dash-support-days"),
        ])]
        if figures["luot_ho_tro"] == 0:
            return parts[0] + empty_note()
        months = sp.ward_months(d.support, d.choices, wards=ward, start=start, end=end)
        parts.append(h2("Theo xã/phường và tháng"))
        parts.append(image_html(sp.activity_png(months, d.choices),
                                "Biểu đồ lượt hỗ trợ theo tháng", "tdp-dash-activity-chart"))
        shown = months.assign(thang=[month_label(m) for m in months["thang"]])
        parts.append(table_html(shown, {
            "ten_xa_phuong": "Xã/phường", "thang": "Tháng", "luot_ho_tro": "Lượt hỗ trợ",
            "da_nop": "Đã nộp", "ngay_cong": "Ngày công", "tinh_nguyen_vien": "TNV",
            "thay_doi": "So với tháng trước"}, "tdp-dash-ward-months"))
        procs = sp.procedure_totals(d.support, d.choices, wards=ward, start=start, end=end)
        parts.append(h2("Theo thủ tục"))
        parts.append(image_html(sp.bar_png(list(procs["ten"]), list(procs["so_luot"]),
                                           "Lượt hỗ trợ theo thủ tục", "Số lượt"),
                                "Biểu đồ lượt hỗ trợ theo thủ tục", "tdp-dash-procedure-chart"))
        parts.append(table_html(procs, {"ten": "Thủ tục", "so_luot": "Số lượt"},
                                "tdp-dash-procedures"))
        return "".join(parts)


def show(**kwargs: Any) -> Dashboard:
    """Build the dashboard and display it (the Voilà notebook's one cell)."""
    from IPython.display import display

    try:
        dash = Dashboard(**kwargs)
    except Exception:  # noqa: BLE001 - a friendly line instead of a traceback
        log_problem("dashboard: start")
        display(w.VBox([w.HTML(CSS), html_box(esc(BANNER_TEXT), "tdp-banner"),
                        html_box(f'<p class="tdp-problem">{esc(PROBLEM)}</p>')]))
        raise SystemExit from None
    display(dash.widget)
    return dash
