"""`tdp hub`: the province deployment (JupyterHub + PostgreSQL), many classes on one server."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tdp.paths import hub_admin_database_url, project_root

# The course's own folder, wherever the admin's shell is: a relative default made
# `tdp hub overview` in another folder say "run tdp hub init first" of a working hub.
DEFAULT_DIR = project_root() / "deploy" / "hub" / "local"


def register(commands: argparse._SubParsersAction) -> None:
    hub = commands.add_parser("hub", help="hub JupyterHub của tỉnh: nhiều lớp trên một máy chủ")
    sub = hub.add_subparsers(dest="hub_command", metavar="VIỆC", required=True)

    init = sub.add_parser("init", help="tạo cấu hình và cơ sở dữ liệu của hub")
    init.add_argument("--province", required=True, help="mã tỉnh trong course/wards.yaml")
    init.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="thư mục cấu hình")
    init.add_argument("--pg", default=hub_admin_database_url(),
                      help="địa chỉ PostgreSQL có quyền tạo cơ sở dữ liệu (hoặc TDP_HUB_PG)")
    init.add_argument("--bind-url", default="http://127.0.0.1:8000",
                      help="địa chỉ hub lắng nghe (mặc định http://127.0.0.1:8000)")
    init.add_argument("--prefix", default="tdp",
                      help="tiền tố tên các cơ sở dữ liệu (mặc định tdp)")
    init.add_argument("--dry-run", action="store_true", help="chỉ ghi tệp, không tạo gì khác")
    init.set_defaults(run=_init)

    klass = sub.add_parser("class", help="lớp học trên hub")
    ksub = klass.add_subparsers(dest="class_command", metavar="VIỆC", required=True)
    add = ksub.add_parser("add", help="thêm một lớp")
    add.add_argument("class_id", metavar="LỚP")
    add.add_argument("--trainer", required=True, help="họ tên giảng viên của lớp")
    add.add_argument("--ward", required=True, help="mã xã, phường của lớp")
    add.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    add.add_argument("--dry-run", action="store_true")
    add.set_defaults(run=_class_add)
    member = ksub.add_parser("member", help="thêm học viên vào lớp (in tên đăng nhập, mật khẩu)")
    member.add_argument("class_id", metavar="LỚP")
    member.add_argument("names", nargs="+", metavar="HỌ_TÊN")
    member.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    member.set_defaults(run=_class_member)

    imp = ksub.add_parser("import", help="tạo tài khoản cho cả lớp từ danh sách lớp (xlsx, csv)")
    imp.add_argument("class_id", metavar="LỚP")
    imp.add_argument("source", type=Path, metavar="TỆP")
    imp.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    imp.set_defaults(run=_class_import)

    rel = ksub.add_parser("release", help="phát bài tập cho lớp (qua kho trao đổi của nbgrader)")
    rel.add_argument("class_id", metavar="LỚP")
    rel.add_argument("assignment", metavar="BÀI")
    rel.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    rel.set_defaults(run=_class_release)
    grade = ksub.add_parser("grade", help="thu bài đã nộp của lớp và chấm tự động (cô lập "
                                          "từng bài, như tdp grade autograde)")
    grade.add_argument("class_id", metavar="LỚP")
    grade.add_argument("assignment", metavar="BÀI")
    grade.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    grade.add_argument("--khong-co-lap", dest="isolate", action="store_false",
                       help="chấm KHÔNG cô lập (chỉ với bài đáng tin: mã trong bài nộp chạy với "
                            "quyền của máy chấm)")
    grade.set_defaults(run=_class_grade)

    staff = sub.add_parser("staff", help="tài khoản cán bộ tỉnh (xem tiến độ mọi lớp)")
    staff.add_argument("names", nargs="+", metavar="HỌ_TÊN")
    staff.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    staff.set_defaults(run=_staff)
    overview = sub.add_parser("overview", help="tiến độ các lớp (số liệu tổng hợp)")
    overview.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    overview.add_argument("--json", action="store_true", help="in JSON")
    overview.set_defaults(run=_overview)

    reset = sub.add_parser("password", help="đặt lại mật khẩu khi học viên quên")
    reset.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP")
    reset.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    reset.set_defaults(run=_password)

    up = sub.add_parser("up", help="chạy hub (JupyterHub, proxy, các lớp) trên máy này")
    up.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    up.set_defaults(run=_up)


def _init(args: argparse.Namespace) -> int:
    from tdp.errors import InputError
    from tdp.hub.setup import init

    if not args.pg:
        raise InputError("Thiếu địa chỉ PostgreSQL: --pg postgresql+psycopg://… (hoặc TDP_HUB_PG)")
    settings = init(args.dir, args.province, args.pg, args.bind_url, dry_run=args.dry_run,
                    prefix=args.prefix)
    print(f"Đã ghi cấu hình hub của {settings.province_name} vào {settings.dir}")
    print("Tiếp theo: tdp hub class add LỚP --trainer 'Họ tên' --ward MÃ_PHƯỜNG")
    return 0


def _class_add(args: argparse.Namespace) -> int:
    from tdp.hub.setup import add_class

    klass, login = add_class(args.dir, args.class_id, args.trainer, args.ward,
                             dry_run=args.dry_run)
    print(f"Đã thêm lớp {klass.id} (xã, phường {klass.ward}).")
    if login:
        print(f"Giảng viên {args.trainer}: tên đăng nhập {login[0]}, mật khẩu {login[1]}")
    return 0


def _class_member(args: argparse.Namespace) -> int:
    from tdp.hub.settings import load_settings
    from tdp.hub.setup import add_account

    load_settings(args.dir).klass(args.class_id)  # an unknown class: its line, no header
    print("Tên đăng nhập\tMật khẩu\tHọ tên")
    for name in args.names:
        username, password = add_account(args.dir, args.class_id, name)
        print(f"{username}\t{password}\t{name}")
    return 0


def _class_import(args: argparse.Namespace) -> int:
    from tdp.hub.setup import import_members

    created = import_members(args.dir, args.class_id, args.source)
    print("Tên đăng nhập\tMật khẩu\tHọ tên")
    for username, password, name in created:
        print(f"{username}\t{password}\t{name}")
    print(f"Đã tạo {len(created)} tài khoản (người đã có tài khoản được giữ nguyên).")
    return 0


def _class_release(args: argparse.Namespace) -> int:
    from tdp.hub.grading import release

    release(args.dir, args.class_id, args.assignment)
    print(f"Đã phát {args.assignment} cho lớp {args.class_id}.")
    return 0


def _class_grade(args: argparse.Namespace) -> int:
    from tdp.grading.autograde import format_table
    from tdp.grading.names import printable
    from tdp.hub.grading import collect_and_grade

    outcomes = collect_and_grade(args.dir, args.class_id, args.assignment, args.isolate)
    # reasons quote nbgrader's log, which quotes the submission: no escape codes
    print("\n".join(printable(line) for line in format_table(outcomes).splitlines()))
    print(f"Đã thu và chấm {args.assignment} của lớp {args.class_id}.")
    return 0


def _staff(args: argparse.Namespace) -> int:
    from tdp.hub.settings import PROVINCE_SERVICE
    from tdp.hub.setup import add_account

    print("Tên đăng nhập\tMật khẩu\tHọ tên")
    for name in args.names:
        username, password = add_account(args.dir, PROVINCE_SERVICE, name, role="tinh")
        print(f"{username}\t{password}\t{name}")
    return 0


def _overview(args: argparse.Namespace) -> int:
    import json

    from tdp.hub.overview import as_json, province_overview
    from tdp.hub.settings import load_settings

    rows = province_overview(load_settings(args.dir))
    if args.json:
        print(json.dumps(as_json(rows), ensure_ascii=False, indent=2))
        return 0
    print("Lớp\tXã, phường\tHọc viên\tBài\tĐã nộp\tĐiểm tự chấm")
    for r in rows:
        score = "—" if r.mean_score is None else f"{r.mean_score:.0%}"
        print(f"{r.class_id}\t{r.ward_name}\t{r.trainees}\t{r.assignment}\t{r.submitted}\t{score}")
    return 0


def _password(args: argparse.Namespace) -> int:
    from tdp.hub.setup import reset_password

    print(f"Mật khẩu mới của {args.username}: {reset_password(args.dir, args.username)}")
    return 0


def _up(args: argparse.Namespace) -> int:
    from tdp.hub.config import proxy_command
    from tdp.hub.running import refuse_if_running, refuse_without_proxy
    from tdp.hub.settings import load_settings
    from tdp.hub.setup import lock_down, prepare_class

    settings = load_settings(args.dir)
    refuse_without_proxy(proxy_command(project_root()))
    refuse_if_running(settings)
    lock_down(settings)  # a hub set up by an older version: closed as a new one
    for klass in settings.classes:
        prepare_class(settings, klass)
    config = project_root() / "deploy" / "hub" / "jupyterhub_config.py"
    env = {**os.environ, "TDP_HUB_DIR": str(settings.dir)}
    hub = Path(sys.executable).parent / "jupyterhub"
    os.chdir(settings.dir)
    os.execve(str(hub), [str(hub), "-f", str(config)], env)
    return 0  # pragma: no cover - execve does not return
