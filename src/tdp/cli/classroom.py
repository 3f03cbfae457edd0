"""`tdp attendance …`, `tdp test …`, `tdp certificate …`: the class record behind the
printouts — who came, the paper tests' scores, who earned a certificate and whether a
certificate's code is genuine."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    att = commands.add_parser("attendance", help="điểm danh các buổi học")
    acts = att.add_subparsers(dest="action", metavar="VIEC")
    acts.required = True
    tpl = acts.add_parser("template", help="tệp Excel điểm danh (danh sách lớp × 5 buổi)")
    tpl.add_argument("out", metavar="TEP_XLSX")
    tpl.set_defaults(run=_attendance_template)
    imp = acts.add_parser("import", help="nhập tệp Excel điểm danh đã đánh dấu x")
    imp.add_argument("file", metavar="TEP_XLSX")
    imp.set_defaults(run=_attendance_import)
    mark = acts.add_parser("mark", help="ghi có mặt một buổi (theo tờ điểm danh đã ký)")
    mark.add_argument("--session", type=int, required=True, metavar="N", help="buổi số mấy")
    mark.add_argument("who", nargs="+", metavar="HOC_VIEN", help="mã học viên hoặc họ tên")
    mark.set_defaults(run=_attendance_mark)
    acts.add_parser("list", help="số buổi có mặt của từng học viên").set_defaults(
        run=_attendance_list)

    test = commands.add_parser("test", help="bài kiểm tra đầu khóa / cuối khóa trên giấy")
    acts = test.add_subparsers(dest="action", metavar="VIEC")
    acts.required = True
    tpl = acts.add_parser("template", help="tệp Excel để nhập bài làm (mỗi học viên một dòng)")
    tpl.add_argument("form", choices=("pre", "post"), metavar="pre|post")
    tpl.add_argument("out", metavar="TEP_XLSX")
    tpl.set_defaults(run=_test_template)
    score = acts.add_parser("score", help="chấm tệp Excel bài làm và lưu điểm")
    score.add_argument("form", choices=("pre", "post"), metavar="pre|post")
    score.add_argument("file", metavar="TEP_XLSX")
    score.set_defaults(run=_test_score)
    acts.add_parser("check", help="kiểm tra ngân hàng câu hỏi course/kiem_tra.yaml") \
        .set_defaults(run=_test_check)

    cert = commands.add_parser("certificate", help="giấy chứng nhận hoàn thành")
    acts = cert.add_subparsers(dest="action", metavar="VIEC")
    acts.required = True
    verify = acts.add_parser("verify", help="kiểm tra mã xác minh của một giấy chứng nhận")
    verify.add_argument("code", metavar="MA_XAC_MINH")
    verify.set_defaults(run=_certificate_verify)
    acts.add_parser("list", help="ai đủ, ai chưa đủ điều kiện và vì sao").set_defaults(
        run=_certificate_list)


def _attendance_template(args: argparse.Namespace) -> int:
    from tdp.classroom.attendance import write_template

    sys.stdout.write(f"Đã ghi {write_template(args.out)}: đánh dấu x vào buổi có mặt\n")
    return 0


def _attendance_import(args: argparse.Namespace) -> int:
    from tdp.classroom.attendance import import_sheet

    record = import_sheet(args.file)
    sys.stdout.write(f"Đã nhập điểm danh của {len(record)} học viên\n")
    return 0


def _attendance_mark(args: argparse.Namespace) -> int:
    from tdp.classroom.attendance import mark

    found = mark(args.session, args.who)
    sys.stdout.write(f"Buổi {args.session}: đã ghi có mặt "
                     + ", ".join(m.name for m in found) + "\n")
    return 0


def _attendance_list(_args: argparse.Namespace) -> int:
    from tdp.classlist import require_trainees
    from tdp.classroom.attendance import read_attendance

    record = read_attendance()
    for m in require_trainees():
        sessions = sorted(record.get(m.id, set()))
        shown = ", ".join(str(s) for s in sessions) or "chưa có"
        sys.stdout.write(f"{m.name}: {len(sessions)} buổi ({shown})\n")
    return 0


def _test_template(args: argparse.Namespace) -> int:
    from tdp.classroom.papertest import write_answer_template

    path = write_answer_template(args.form, args.out)
    sys.stdout.write(f"Đã ghi {path}: ghi chữ A–D học viên khoanh vào từng câu\n")
    return 0


def _test_score(args: argparse.Namespace) -> int:
    from tdp.classroom.papertest import FORM_NAMES, score_sheet

    result = score_sheet(args.form, args.file)
    sys.stdout.write(f"{FORM_NAMES[args.form]}: đã chấm {len(result['hoc_vien'])} bài\n")
    for trainee in result["hoc_vien"].values():
        sys.stdout.write(f"  {trainee['ho_ten']}: {trainee['diem']}/{result['so_cau']}\n")
    return 0


def _test_check(_args: argparse.Namespace) -> int:
    from tdp.classroom.papertest import check_bank

    problems = check_bank()
    for p in problems:
        sys.stdout.write(f"- {p}\n")
    if not problems:
        sys.stdout.write("Ngân hàng câu hỏi không có lỗi.\n")
    return 1 if problems else 0


def _certificate_verify(args: argparse.Namespace) -> int:
    from tdp.classroom.certificates import verify

    verdict = verify(args.code)
    sys.stdout.write(("HỢP LỆ: " if verdict.genuine else "KHÔNG HỢP LỆ: ")
                     + verdict.message + "\n")
    return 0 if verdict.genuine else 1


def _certificate_list(_args: argparse.Namespace) -> int:
    from tdp.printouts.certificates import class_standings

    for s in class_standings():
        state = "đủ điều kiện" if s.eligible else f"chưa đủ: {s.reason}"
        sys.stdout.write(f"{s.member.name}: {s.sessions} buổi, điểm {s.mark:g}/100 — {state}\n")
    return 0
