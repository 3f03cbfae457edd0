"""Tables for the lessons, drawn from the catalog (`course/`): fees, deadlines, documents,
fields, statuses. Nothing here holds a number of its own: when a fee changes in YAML, the
table shows the new fee.

Every function takes an optional `catalog` (default: `load_catalog()`, which honours
`TDP_COURSE_DIR`) and returns a pandas DataFrame with Vietnamese column names.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tdp.catalog import (  # the words: course/vocabulary.vi.yaml, read when used
    LEVEL_NAMES,
    SERVICE_LEVELS,
    STATUS_MEANING,
    Catalog,
    FieldSpec,
    Procedure,
    load_catalog,
)
from tdp.catalog.models import PerPageFee, ProvinceFee
from tdp.dates import format_money, now_local
from tdp.engine import FINAL, STATUSES, copy_fee
from tdp.errors import CourseUsageError


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else load_catalog()


def _procedures(catalog: Catalog, ids: Iterable[str] | None) -> list[Procedure]:
    if ids is None:
        return list(catalog.procedures.values())
    return [catalog.procedures[i] for i in ids]


def procedure(procedure_id: str, catalog: Catalog | None = None) -> Procedure:
    """One procedure by id, with a Vietnamese error naming the ids that exist."""
    cat = _catalog(catalog)
    proc = cat.procedure(procedure_id)
    if proc is None:
        known = ", ".join(sorted(cat.procedures))
        raise CourseUsageError(f"Không có thủ tục '{procedure_id}'. Các thủ tục: {known}")
    return proc


def sample_province(catalog: Catalog | None = None):
    """The province whose fees the lessons show (the first in `wards.yaml`)."""
    return _catalog(catalog).wards.provinces[0]


def working_days_text(proc: Procedure) -> str:
    if proc.working_days == 0:
        return "Trong ngày"
    return f"{proc.working_days} ngày làm việc"


def fee_text(proc: Procedure, catalog: Catalog | None = None) -> str:
    """The fee rule in words, with the amounts of the catalog (province fees marked samples),
    and the copy fee when the procedure issues copies of an extract."""
    text = _registration_fee_text(proc, _catalog(catalog))
    if proc.copies is None:
        return text
    province = sample_province(_catalog(catalog))
    copy = format_money(province.fee(proc.copies.key, now_local().date()))
    return f"{text}; bản sao trích lục: {copy}/bản"


def _registration_fee_text(proc: Procedure, cat: Catalog) -> str:
    rule = proc.fee_rule(now_local().date())
    if rule.kind == "free":
        return "Miễn lệ phí"
    if isinstance(rule, ProvinceFee):
        province = sample_province(cat)
        amount = format_money(province.fee(rule.key, now_local().date()))
        sample = " — mức mẫu" if province.fees_are_samples else ""
        text = f"{amount} ({province.name}{sample})"
        if rule.only_when_late:
            days = proc.deadline.days if proc.deadline else 0
            return f"Miễn nếu đúng hạn ({days} ngày); quá hạn: {text}"
        return text
    assert isinstance(rule, PerPageFee)
    return per_page_text(rule)


def per_page_text(rule: PerPageFee) -> str:
    parts: list[str] = []
    first = 1
    for tier in rule.tiers:
        price = f"{format_money(tier.per_page)}/trang"
        if tier.up_to_page is None:
            parts.append(f"{price} từ trang {first}")
        else:
            last = tier.up_to_page
            span = f"trang {first}" if last == first else f"trang {first}–{last}"
            parts.append(f"{price} cho {span}")
            first = tier.up_to_page + 1
    return "; ".join(parts) + f"; tối đa {format_money(rule.cap_per_copy)}/bản; nhân số bản"


def procedures_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """The five procedures at a glance: level, time, fee, where."""
    cat = _catalog(catalog)
    rows = [
        {
            "Thủ tục": p.name,
            "Mã": p.id,
            "Mức độ dịch vụ": SERVICE_LEVELS[p.service_level],
            "Thời hạn giải quyết": working_days_text(p),
            "Lệ phí": fee_text(p, cat),
            "Nơi giải quyết": p.jurisdiction.description,
        }
        for p in cat.procedures.values()
    ]
    return pd.DataFrame(rows)


def fees_table(catalog: Catalog | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Fee of each procedure and the note that explains it (exemptions)."""
    cat = _catalog(catalog)
    return pd.DataFrame(
        [
            {"Thủ tục": p.name, "Lệ phí": fee_text(p, cat), "Ghi chú": p.fee_note}
            for p in _procedures(cat, ids)
        ]
    )


def deadlines_table(
    catalog: Catalog | None = None, ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """How long each procedure takes, and the deadline to register on time."""
    cat = _catalog(catalog)
    return pd.DataFrame(
        [
            {
                "Thủ tục": p.name,
                "Thời hạn giải quyết": working_days_text(p),
                "Ghi chú thời hạn": p.working_days_note,
                "Hạn đăng ký": p.deadline.description if p.deadline else "Không có",
            }
            for p in _procedures(cat, ids)
        ]
    )


def documents_table(procedure_id: str, catalog: Catalog | None = None) -> pd.DataFrame:
    """The papers a procedure accepts: name, id (as typed in exercises), when it is needed."""
    proc = procedure(procedure_id, catalog)
    return pd.DataFrame(
        [{"Giấy tờ": d.name, "Mã": d.id, "Khi nào cần": d.hint} for d in proc.documents]
    )


def _field_rows(fields: list[FieldSpec], section: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for spec in fields:
        if spec.type in ("group", "list"):
            rows.extend(_field_rows(spec.fields, spec.label))
            continue
        if spec.type == "documents":
            continue  # shown by documents_table
        choices = ", ".join(c.label for c in spec.choices)
        hint = "; ".join(x for x in (spec.hint, f"Chọn: {choices}" if choices else "") if x)
        rows.append(
            {
                "Mục": section,
                "Ô cần điền": spec.label,
                "Bắt buộc": "Có" if spec.required and spec.when is None else "Không / tùy",
                "Gợi ý": hint,
            }
        )
    return rows


def fields_table(procedure_id: str, catalog: Catalog | None = None) -> pd.DataFrame:
    """The declaration (tờ khai) as the portal asks it, section by section."""
    proc = procedure(procedure_id, catalog)
    return pd.DataFrame(_field_rows(proc.fields, "Chung"))


def legal_basis_table(procedure_id: str, catalog: Catalog | None = None) -> pd.DataFrame:
    proc = procedure(procedure_id, catalog)
    return pd.DataFrame({"Căn cứ pháp lý": proc.legal_basis})


def next_steps(procedure_id: str, catalog: Catalog | None = None) -> list[str]:
    """What the receipt tells the resident, with its blanks named in words."""
    proc = procedure(procedure_id, catalog)
    blanks = {
        "ngay_hen": "[ngày hẹn]",
        "ten_co_quan": "[tên xã, phường]",
        "so_dinh_danh": "[số được cấp]",
        "ma_ho_so": "[mã hồ sơ]",
        "le_phi": "[lệ phí]",
        "so_thang_gia_tri": str(proc.validity_months or ""),
    }
    return [(step if isinstance(step, str) else step.text).format(**blanks)
            for step in proc.next_steps]


def next_steps_table(procedure_id: str, catalog: Catalog | None = None) -> pd.DataFrame:
    proc = procedure(procedure_id, catalog)
    return pd.DataFrame({f"{proc.name} — sau khi nộp": next_steps(procedure_id, catalog)})


def vneid_level_text(proc: Procedure) -> str:
    """The VNeID account level a procedure needs (its `vneid_level` rules)."""
    level = proc.vneid_level
    return f"Mức {level}" if level else "Mức 1 hoặc mức 2"


def vneid_table(catalog: Catalog | None = None) -> pd.DataFrame:
    """The VNeID account level each procedure needs."""
    cat = _catalog(catalog)
    return pd.DataFrame([
        {"Thủ tục": p.name, "Tài khoản VNeID cần có": vneid_level_text(p)}
        for p in cat.procedures.values()
    ])




def practice_table(module: int) -> pd.DataFrame:
    """The practice scenarios of a module (`course/scenarios/`), as `tdp practice list` shows."""
    from tdp.practice import list_scenarios

    return pd.DataFrame(
        [
            {"Mã tình huống": s.id, "Mức": LEVEL_NAMES.get(s.level, s.level), "Tình huống": s.title}
            for s in list_scenarios(module)
        ]
    )


def support_log_table() -> pd.DataFrame:
    """What a volunteer records for each procedure supported (the support log's fields and
    closed lists, from `course/support.yaml`, `wards.yaml` and the procedures)."""
    from tdp.support import FIELDS, LABELS, load_support_choices

    choices = load_support_choices()
    lists = {
        "xa_phuong": choices.communes,
        "thu_tuc": choices.procedures,
        "hinh_thuc": choices.channels,
        "nhom_tuoi": choices.age_groups,
        "ket_qua": choices.outcomes,
    }
    rows = []
    for name in FIELDS:
        options = lists.get(name)
        values = "; ".join(o.label for o in options.options) if options is not None else ""
        if name == "ngay":
            values = "ngày/tháng/năm"
        elif name == "to_dan_pho":
            values = "theo xã, phường đã chọn"
        elif name == "tinh_nguyen_vien":
            values = "họ tên tình nguyện viên"
        rows.append({"Cột trong sổ": LABELS[name], "Ghi gì": values})
    return pd.DataFrame(rows)


def statuses_table() -> pd.DataFrame:
    """The ten status codes of a file and what each means for the resident."""
    return pd.DataFrame(
        [
            {
                "Mã": code,
                "Trạng thái": name,
                "Ý nghĩa với người dân": STATUS_MEANING.get(code, ""),
                "Kết thúc?": "Có" if code in FINAL else "",
            }
            for code, name in STATUSES.items()
        ]
    )


def copy_fee_table(
    pages: Iterable[int] = (1, 2, 3, 5, 10, 50, 100, 200, 300),
    copies: int = 1,
    catalog: Catalog | None = None,
    procedure_id: str = "chung_thuc_ban_sao_dien_tu",
) -> pd.DataFrame:
    """Copy-certification fee for documents of several lengths, from the catalog's tiers."""
    proc = procedure(procedure_id, catalog)
    rule = proc.fee
    if not isinstance(rule, PerPageFee):
        raise CourseUsageError(f"Thủ tục '{procedure_id}' không tính phí theo trang")
    rows = []
    for n in pages:
        per_copy = copy_fee(n, rule.tiers, rule.cap_per_copy)
        capped = per_copy == rule.cap_per_copy
        rows.append(
            {
                "Số trang": n,
                "Phí một bản": format_money(per_copy) + (" (mức tối đa)" if capped else ""),
                f"Phí {copies} bản": format_money(per_copy * copies),
            }
        )
    return pd.DataFrame(rows)


def show(df: pd.DataFrame):
    """A table for a lesson page: no index column, text wraps (works in Voilà and on phones)."""
    from IPython.display import HTML

    html = df.to_html(index=False, escape=True, border=0, classes="tdp-bang")
    return HTML(f'<div class="tdp-bang-wrap">{STYLE}{html}</div>')


STYLE = """<style>
.tdp-bang-wrap { overflow-x: auto; max-width: 100%; }
table.tdp-bang { border-collapse: collapse; font-size: 15px; margin: 6px 0 12px 0; }
table.tdp-bang th { background: #e8f0f8; text-align: left !important; padding: 6px 8px;
  border-bottom: 2px solid #1d70b8; vertical-align: bottom; }
table.tdp-bang td { padding: 6px 8px; border-bottom: 1px solid #ccc; vertical-align: top;
  white-space: normal; text-align: left !important; overflow-wrap: anywhere; }
table.tdp-bang th, table.tdp-bang td { min-width: 7em; max-width: 24em; }
</style>"""
