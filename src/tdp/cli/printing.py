"""`tdp print …`: the A4 PDFs of a training day (cheat-sheet, role cards, poster, attendance,
paper tests, certificates, the paper support log, an appointment slip)."""

from __future__ import annotations

import argparse
import sys

OUT_HELP = "tệp PDF sẽ ghi (tệp cũ cùng tên được đổi tên, không bị xóa)"


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser("print", help="in tài liệu lớp học ra PDF khổ A4")
    docs = cmd.add_subparsers(dest="document", metavar="TAI_LIEU")
    docs.required = True

    def doc(name: str, help_text: str, run) -> argparse.ArgumentParser:  # noqa: ANN001
        parser = docs.add_parser(name, help=help_text)
        parser.set_defaults(run=run)
        return parser

    doc("cheat-sheet", "bảng tóm tắt thủ tục (mỗi thủ tục một trang)", _cheat_sheet) \
        .add_argument("out", metavar="TEP_PDF", help=OUT_HELP)

    cards = doc("role-cards", "thẻ vai luyện tập theo cặp (người dân, tình nguyện viên)",
                _role_cards)
    cards.add_argument("items", nargs="+", metavar="TINH_HUONG",
                       help="mã tình huống (bỏ trống: mọi tình huống), rồi tệp PDF")

    poster = doc("poster", "áp phích hội trường: mã QR và địa chỉ ứng dụng", _poster)
    poster.add_argument("out", metavar="TEP_PDF", help=OUT_HELP)
    poster.add_argument("--url", help="địa chỉ ứng dụng (mặc định: địa chỉ máy này trong mạng)")
    poster.add_argument("--port", type=int, default=8866, help="cổng của ứng dụng (mặc định 8866)")
    poster.add_argument("--token", help="mã truy cập của 'tdp app --lan' (mặc định: tạo mới)")
    poster.add_argument("--wifi", default="", help="tên mạng Wi-Fi của lớp")
    poster.add_argument("--wifi-password", default="", help="mật khẩu Wi-Fi của lớp")

    attendance = doc("attendance", "danh sách điểm danh một buổi học", _attendance)
    attendance.add_argument("--session", type=int, required=True, metavar="N",
                            help="buổi học số mấy (1–5)")
    attendance.add_argument("out", metavar="TEP_PDF", help=OUT_HELP)

    test = doc("test", "đề kiểm tra trên giấy (đầu khóa: pre, cuối khóa: post)", _test)
    test.add_argument("form", choices=("pre", "post"), metavar="pre|post")
    test.add_argument("out", metavar="TEP_PDF", help=OUT_HELP)
    test.add_argument("--answers", action="store_true", help="in kèm đáp án cho giảng viên")

    doc("certificates", "giấy chứng nhận hoàn thành cho học viên đủ điều kiện", _certificates) \
        .add_argument("out", metavar="TEP_PDF", help=OUT_HELP)

    log = doc("support-log", "sổ theo dõi hỗ trợ bằng giấy (cùng cột với tệp Excel)",
              _support_log)
    log.add_argument("out", metavar="TEP_PDF", help=OUT_HELP)
    log.add_argument("--pages", type=int, default=1, help="số trang (mặc định 1)")

    receipt = doc("receipt", "phiếu hẹn trả kết quả (mô phỏng) của một hồ sơ", _receipt)
    receipt.add_argument("receipt", metavar="MA_HO_SO")
    receipt.add_argument("out", metavar="TEP_PDF", help=OUT_HELP)


def _done(path: object, extra: str = "") -> int:
    sys.stdout.write(f"Đã ghi {path}{extra}\n")
    return 0


def _cheat_sheet(args: argparse.Namespace) -> int:
    from tdp.printouts.cheat_sheet import write_cheat_sheet

    return _done(write_cheat_sheet(args.out))


def _role_cards(args: argparse.Namespace) -> int:
    from tdp.errors import InputError
    from tdp.printouts.role_cards import write_role_cards

    *ids, out = args.items
    if not out.lower().endswith(".pdf"):
        raise InputError(f"Tham số cuối cùng phải là tệp .pdf (nhận được '{out}')")
    return _done(write_role_cards(out, ids))


def _poster(args: argparse.Namespace) -> int:
    from tdp.printouts.poster import write_poster

    url = args.url
    if url is None:
        import secrets

        from tdp.app.guards import check_token
        from tdp.cli.app import lan_address, start_url

        token = check_token(args.token) if args.token else secrets.token_urlsafe(9)
        url = start_url(lan_address(), args.port, token)
        if args.token is None:
            sys.stdout.write(f"Khởi động ứng dụng với cùng mã truy cập: "
                             f"tdp app --lan --port {args.port} --token {token}\n")
    path = write_poster(url, args.out, args.wifi, args.wifi_password)
    return _done(path, f" ({url})")


def _attendance(args: argparse.Namespace) -> int:
    from tdp.printouts.attendance_sheet import write_attendance

    return _done(write_attendance(args.session, args.out))


def _test(args: argparse.Namespace) -> int:
    from tdp.printouts.paper_test import write_test

    return _done(write_test(args.form, args.out, with_answers=args.answers))


def _certificates(args: argparse.Namespace) -> int:
    from tdp.printouts.certificates import write_certificates

    path, issued, refused = write_certificates(args.out)
    for line in refused:
        sys.stdout.write(f"Chưa cấp: {line}\n")
    return _done(path, f": {issued} giấy chứng nhận")


def _support_log(args: argparse.Namespace) -> int:
    from tdp.errors import InputError
    from tdp.printouts.support_log import write_support_log

    if not 1 <= args.pages <= 100:
        raise InputError("Số trang phải từ 1 đến 100")
    return _done(write_support_log(args.out, args.pages))


def _receipt(args: argparse.Namespace) -> int:
    from tdp.printouts.receipt import write_receipt

    return _done(write_receipt(args.receipt, args.out))
