"""`tdp grade collect | autograde | feedback | export`: the trainer's grading pipeline."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    grade = commands.add_parser("grade", help="thu bài, chấm tự động, phản hồi, xuất điểm")
    grade.add_argument("--course-root", help="thư mục gốc khóa học (mặc định: kho mã này)")
    grade.add_argument("--var", help="thư mục trạng thái nbgrader (mặc định: var/nbgrader)")
    actions = grade.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    collect = actions.add_parser("collect", help="thu bài từ thư mục hoặc tệp .zip")
    collect.add_argument("bai", help="mã bài, ví dụ bai1")
    collect.add_argument("nguon", help="thư mục hoặc tệp .zip chứa bài học viên gửi")
    collect.add_argument("--toi-da-moi-bai", dest="per_notebook", type=float, metavar="MB",
                         help="dung lượng tối đa của một bài (mặc định 20 MB)")
    collect.add_argument("--toi-da-ca-lop", dest="per_class", type=float, metavar="MB",
                         help="dung lượng tối đa cả lớp (mặc định 500 MB)")
    collect.set_defaults(run=_collect)
    auto = actions.add_parser("autograde", help="chấm tự động mọi bài đã thu (song song)")
    auto.add_argument("bai")
    auto.add_argument("--timeout", type=int, help="giới hạn giây cho mỗi ô (mặc định: cấu hình)")
    auto.add_argument("--workers", type=int, help="số bài chấm cùng lúc (mặc định: số lõi CPU + 1)")
    auto.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    auto.add_argument("--khong-co-lap", dest="isolate", action="store_false",
                      help="chấm KHÔNG cô lập (chỉ với bài đáng tin: mã trong bài nộp chạy với "
                           "quyền của máy chấm)")
    auto.set_defaults(run=_autograde)
    fb = actions.add_parser("feedback", help="tạo trang phản hồi HTML cho từng học viên")
    fb.add_argument("bai")
    fb.set_defaults(run=_feedback)
    export = actions.add_parser("export", help="xuất bảng điểm CSV / Excel")
    export.add_argument("--csv", help="ghi CSV vào tệp này (mặc định: in ra màn hình)")
    export.add_argument("--xlsx", help="ghi thêm tệp Excel: mỗi bài một trang và trang tổng hợp")
    export.set_defaults(run=_export)


def _course(args: argparse.Namespace, timeout: int | None = None):
    from pathlib import Path

    from tdp.grading.course import Course

    root = Path(args.course_root) if args.course_root else None
    return Course(root=root, var=Path(args.var) if args.var else None, timeout=timeout)


def _collect(args: argparse.Namespace) -> int:
    from dataclasses import replace
    from pathlib import Path

    from tdp.errors import InputError
    from tdp.grading.collect import MB, CollectLimits, collect
    from tdp.grading.names import printable as p

    if not Path(args.nguon).exists():
        raise InputError(f"Không tìm thấy '{p(args.nguon)}'")
    limits = CollectLimits()
    for option, key, value in (("--toi-da-moi-bai", "notebook_bytes", args.per_notebook),
                               ("--toi-da-ca-lop", "class_bytes", args.per_class)):
        if value is not None:
            if not 0 < value <= 100_000:
                raise InputError(f"{option}: cần một số MB từ 0 đến 100000")
            limits = replace(limits, **{key: int(value * MB)})
    report = collect(_course(args), args.bai, Path(args.nguon), limits)
    for trainee_id, name, shown in report.collected:
        print(f"Đã thu: {p(name)} ({trainee_id}) ← {p(shown)}")
    for shown, why in report.notes:
        print(f"Lưu ý: {p(shown)} ({why})")
    for shown, why in report.kept_older:
        print(f"Bỏ qua bản cũ: {p(shown)} ({why})")
    for shown, why in report.unmatched:
        print(f"Không khớp: {p(shown)} ({why})")
    for shown, why in report.rejected:
        print(f"Không thu: {p(shown)} ({why})")
    if report.new_trainees:
        names = ", ".join(f"'{p(n)}'" for n in report.new_trainees)
        sys.stderr.write(f"Cảnh báo: {names} chưa có trong danh sách lớp (chưa thêm; các tên "
                         f"đề xuất ghi ở {report.proposal}). Kiểm tra chính tả, thêm tên đúng "
                         "vào tệp danh sách lớp rồi nhập lại bằng 'tdp class import'.\n")
    print(f"Tổng: thu {len(report.collected)} bài, {len(report.unmatched)} tệp không khớp, "
          f"{len(report.rejected)} tệp không thu được.")
    return 0


def _autograde(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from tdp.grading.autograde import autograde, format_table

    course = _course(args, args.timeout)
    outcomes = autograde(course, args.bai, workers=args.workers, progress=not args.json,
                         isolate=args.isolate)
    if args.json:
        print(json.dumps([asdict(o) | {"trang_thai": o.label} for o in outcomes],
                         ensure_ascii=False, indent=1))
    else:  # reasons quote nbgrader's log, which quotes the submission: no escape codes
        from tdp.grading.names import printable

        print("\n".join(printable(line) for line in format_table(outcomes).splitlines()))
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from tdp.grading.feedback import feedback

    course = _course(args)
    written = feedback(course, args.bai)
    for path in written:
        print(f"Đã tạo phản hồi: {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tdp.grading.export import to_csv, to_xlsx

    course = _course(args)
    text = to_csv(course, Path(args.csv) if args.csv else None)
    if not args.csv:
        sys.stdout.write(text)
    if args.xlsx:
        to_xlsx(course, Path(args.xlsx))
        sys.stderr.write(f"Đã ghi {args.xlsx}\n")
    return 0
