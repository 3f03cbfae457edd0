"""The status codes the one-stop systems share (domain.md), and the simulated officer's path."""

from __future__ import annotations

STATUSES: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

# The usual path of an accepted file; a file with a fee due is asked to pay before processing.
NEXT_STATUS: dict[int, int] = {1: 2, 2: 4, 6: 4, 5: 4, 4: 9, 9: 10}
FINAL = frozenset({3, 7, 8, 10})
