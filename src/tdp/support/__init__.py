"""The support log: each procedure a volunteer helped a resident with (issue 7).

    from tdp.support import add_record, records_frame
    add_record({"ngay": "05/03/2025", "xa_phuong": "thong_nhat", "to_dan_pho": "to_1",
                "thu_tuc": "khai_sinh", "hinh_thuc": "tai_nha", "nhom_tuoi": "tu_60",
                "ket_qua": "da_nop", "tinh_nguyen_vien": "Nguyễn Văn An"})
    frame = records_frame(ward="thong_nhat")   # pandas, for reports and the dashboard

Choices (communes, groups, procedures, channels, age groups, outcomes) are data:
`course/wards.yaml`, `course/procedures/`, `course/support.yaml`.
"""

from tdp.support.choices import Choice, Option, SupportChoices, load_support_choices, lookup_key
from tdp.support.excel import (
    ImportReport,
    RowError,
    export_workbook,
    import_workbook,
    parse_rows,
    read_workbook,
    write_template,
)
from tdp.support.log import (
    COLUMNS,
    DuplicateImportError,
    add_record,
    add_records,
    count_records,
    empty_frame,
    ensure_tables,
    frame_from_rows,
    list_records,
    records_frame,
)
from tdp.support.model import (
    FIELDS,
    LABELS,
    RecordError,
    SupportRecord,
    SupportValidationError,
    parse_date_value,
    validate_record,
)

__all__ = [
    "COLUMNS", "FIELDS", "LABELS", "Choice", "DuplicateImportError", "ImportReport", "Option",
    "RecordError", "RowError", "SupportChoices", "SupportRecord", "SupportValidationError",
    "add_record", "add_records", "count_records", "empty_frame", "ensure_tables",
    "export_workbook", "frame_from_rows", "import_workbook", "list_records",
    "load_support_choices", "lookup_key", "parse_date_value", "parse_rows", "read_workbook",
    "records_frame", "validate_record", "write_template",
]
