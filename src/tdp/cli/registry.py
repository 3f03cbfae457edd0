"""`tdp registry list|show`: the mock population registry (synthetic, for training)."""

from __future__ import annotations

import argparse
import sys

from tdp.cli.common import print_json
from tdp.errors import InputError


def register(commands: argparse._SubParsersAction) -> None:
    registry = commands.add_parser("registry", help="Cơ sở dữ liệu dân cư (mô phỏng)")
    actions = registry.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    listing = actions.add_parser("list", help="liệt kê người dân")
    listing.add_argument("--ward", metavar="MA_PHUONG", help="chỉ người cư trú tại xã, phường này")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(run=_list)
    show = actions.add_parser("show", help="xem một người (kèm mật khẩu tập huấn)")
    show.add_argument("number", metavar="SO_DINH_DANH")
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    show.set_defaults(run=_show)


def _people(ward: str | None):
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.registry.store import RegistryRepo
    from tdp.store import open_store

    catalog = load_catalog()
    if ward and catalog.wards.commune(ward) is None:
        known = ", ".join(c.id for c in catalog.wards.communes)
        raise InputError(f"Không có xã, phường '{ward}'. Dùng một trong: {known}")
    store = open_store()
    ensure_registry(store, catalog)
    with store.reading() as session:
        return RegistryRepo(session).all(ward)


def _list(args: argparse.Namespace) -> int:
    people = _people(args.ward)
    if args.json:
        print_json([p.to_json() for p in people])
        return 0
    out = sys.stdout
    for p in people:
        song = "" if p.con_song else " (đã mất)"
        out.write(f"{p.so_dinh_danh}  {p.ngay_sinh}  {p.gioi_tinh:3}  {p.ho_ten}{song}  "
                  f"[{p.noi_cu_tru.co_quan} {p.noi_cu_tru.to_dan_pho}, hộ {p.ma_ho}]\n")
    out.write(f"Tổng: {len(people)} người\n")
    return 0


def _screen(iso: str) -> str:
    return "/".join(reversed(iso.split("-")))


def _show(args: argparse.Namespace) -> int:
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.registry.store import RegistryRepo
    from tdp.store import open_store

    store = open_store()
    ensure_registry(store, load_catalog())
    with store.reading() as session:
        person = RegistryRepo(session).get(args.number.strip())
    if person is None:
        raise InputError(f"Không có người có số định danh '{args.number}' trong Cơ sở dữ liệu")
    if args.json:
        print_json(person.to_json())
        return 0
    data = person.to_json()
    labels = {
        "so_dinh_danh": "Số định danh", "ho_ten": "Họ và tên", "ngay_sinh": "Ngày sinh",
        "gioi_tinh": "Giới tính", "dan_toc": "Dân tộc", "quoc_tich": "Quốc tịch",
        "ma_ho": "Mã hộ", "quan_he_chu_ho": "Quan hệ với chủ hộ",
        "tinh_trang_hon_nhan": "Tình trạng hôn nhân", "con_song": "Còn sống",
        "vneid_muc": "Mức tài khoản VNeID", "so_dien_thoai": "Số điện thoại",
        "so_dinh_danh_cha": "Số định danh của cha", "so_dinh_danh_me": "Số định danh của mẹ",
        "so_dinh_danh_vo_chong": "Số định danh của vợ/chồng", "ngay_mat": "Ngày mất",
        "mat_khau_tap_huan": "Mật khẩu VNeID tập huấn (không phải mật khẩu thật)",
    }
    for key, label in labels.items():
        if data.get(key) is not None:
            value = data[key]
            if key in ("ngay_sinh", "ngay_mat"):
                value = _screen(value)
            sys.stdout.write(f"{label}: {value}\n")
    end = person.cham_dut_hon_nhan
    if end is not None:
        kind = ("bản án, quyết định ly hôn" if end.loai == "ly_hon"
                else "đăng ký khai tử của vợ/chồng")
        sys.stdout.write(f"Chấm dứt hôn nhân: {kind} số {end.so} ngày {_screen(end.ngay)}, "
                         f"{end.co_quan}\n")
        if end.so_dinh_danh_vo_chong_cu:
            sys.stdout.write(f"Số định danh của vợ/chồng cũ: {end.so_dinh_danh_vo_chong_cu}\n")
    names = {"ho_ngheo": "hộ nghèo", "khuyet_tat": "người khuyết tật",
             "co_cong": "gia đình có công với cách mạng"}
    if person.uu_dai:
        sys.stdout.write("Diện ưu đãi (miễn lệ phí): "
                         + ", ".join(names.get(u, u) for u in person.uu_dai) + "\n")
    if person.cha_me_nuoi:
        sys.stdout.write("Số định danh của cha, mẹ nuôi: " + ", ".join(person.cha_me_nuoi) + "\n")
    r = person.noi_cu_tru
    sys.stdout.write(f"Nơi cư trú: {r.dia_chi} ({r.co_quan}, {r.to_dan_pho})\n")
    return 0
