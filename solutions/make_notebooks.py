"""Writes the five source assignments solutions/baiN/baiN.ipynb (nbgrader metadata, no outputs).

Run: .venv/bin/python solutions/make_notebooks.py   then   tdp course release
Edit the content here, not in the notebooks: the notebooks are regenerated from this file.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

SETUP = '''\
# Ô chuẩn bị: chạy ô này trước (Shift + Enter). Không sửa ô này.
from datetime import datetime
from tdp.catalog import load_catalog
from tdp.grading.bai_tap import ds_loi, kiem_tra, lich, ma_loi, ngay, nguoi_mau, phieu
danh_muc = load_catalog()
'''


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int = 0) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


class Book:
    def __init__(self, name: str):
        self.name = name
        self.cells: list = []
        self.n = 0

    def md(self, text: str) -> None:
        self.n += 1
        self.cells.append(nbformat.v4.new_markdown_cell(
            text.strip(), metadata=_meta(f"gioi_thieu_{self.n}", grade=False, solution=False,
                                         locked=True)))

    def setup(self, code: str) -> None:
        self.n += 1
        self.cells.append(nbformat.v4.new_code_cell(
            code.strip(), metadata=_meta(f"chuan_bi_{self.n}", grade=False, solution=False,
                                         locked=True)))

    def answer(self, grade_id: str, template: str, solution: str) -> None:
        source = f"{template.strip()}\n### BEGIN SOLUTION\n{solution.strip()}\n### END SOLUTION"
        self.cells.append(nbformat.v4.new_code_cell(
            source, metadata=_meta(grade_id, grade=False, solution=True, locked=False)))

    def test(self, grade_id: str, code: str, points: int = 1) -> None:
        self.cells.append(nbformat.v4.new_code_cell(
            code.strip(), metadata=_meta(grade_id, grade=True, solution=False, locked=True,
                                         points=points)))

    def written(self, grade_id: str, question: str, answer: str, points: int = 2) -> None:
        self.md(question)
        self.cells.append(nbformat.v4.new_markdown_cell(
            answer.strip(), metadata=_meta(grade_id, grade=True, solution=True, locked=False,
                                           points=points)))

    def save(self) -> None:
        nb = nbformat.v4.new_notebook(cells=self.cells, metadata={
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"},
        })
        for i, cell in enumerate(nb.cells):
            cell.id = f"{self.name}-{i:02d}"
        out = HERE / self.name / f"{self.name}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(nb)
        out.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


HOW = """
**Cách làm bài.** Mỗi câu có một ô trả lời: anh/chị chỉ sửa phần giữa hai dấu ngoặc kép
(hoặc con số), rồi bấm **Shift + Enter**. Ô kiểm tra ngay bên dưới (không sửa được) sẽ báo
*đúng* hay giải thích chỗ chưa đúng. Ngày viết theo dạng `ngày/tháng/năm`, ví dụ `"15/02/2027"`.
Chạy ô **chuẩn bị** đầu tiên trước khi làm bài.
"""


def bai1() -> None:
    b = Book("bai1")
    b.md("""
# Bài 1. Cổng Dịch vụ công quốc gia và mức độ dịch vụ

Buổi tập huấn thứ nhất: tìm đúng thủ tục trên Cổng, phân biệt dịch vụ **toàn trình** và
**một phần**, và tính **ngày hẹn trả kết quả**.
""" + HOW)
    b.setup(SETUP)
    b.md("""
## Câu 1. Tìm đúng thủ tục

Bác Hoa cần giấy tờ chứng minh mình chưa kết hôn để làm hồ sơ vay vốn ngân hàng. Thủ tục
nào trên Cổng? Gõ **mã thủ tục** (chữ không dấu, nối bằng dấu gạch dưới). Các mã có trong
khóa học: `khai_sinh`, `khai_tu`, `ket_hon`, `xac_nhan_hon_nhan`, `chung_thuc_ban_sao_dien_tu`.
""")
    b.answer("cau_1", 'thu_tuc = ""', 'thu_tuc = "xac_nhan_hon_nhan"')
    b.test("kiem_tra_cau_1", '''
assert isinstance(thu_tuc, str) and thu_tuc.strip(), "Chưa có câu trả lời: gõ mã thủ tục vào giữa hai dấu ngoặc kép."
assert thu_tuc.strip() in danh_muc.procedures, (
    f"Không có thủ tục mã '{thu_tuc}'. Chọn một trong: {', '.join(sorted(danh_muc.procedures))}.")
### BEGIN HIDDEN TESTS
dung = [p.id for p in danh_muc.procedures.values() if "tình trạng hôn nhân" in p.name]
assert thu_tuc.strip() in dung, (
    f"'{danh_muc.procedures[thu_tuc.strip()].name}' không phải thủ tục giúp bác Hoa chứng minh "
    "mình chưa kết hôn. Đọc lại tên các thủ tục trên Cổng.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 2. Toàn trình hay một phần?

Theo Nghị định 42/2022/NĐ-CP, thủ tục **Đăng ký kết hôn** là dịch vụ công trực tuyến
`"toan_trinh"` (toàn trình) hay `"mot_phan"` (một phần)? Gợi ý: khi nhận giấy chứng nhận kết
hôn, cả hai bên phải làm gì?
""")
    b.answer("cau_2", 'muc_do_ket_hon = ""', 'muc_do_ket_hon = "mot_phan"')
    b.test("kiem_tra_cau_2", '''
assert muc_do_ket_hon in ("toan_trinh", "mot_phan"), (
    'Gõ "toan_trinh" hoặc "mot_phan" (chữ không dấu, trong ngoặc kép).')
### BEGIN HIDDEN TESTS
assert muc_do_ket_hon == danh_muc.procedures["ket_hon"].service_level, (
    "Chưa đúng. Dịch vụ toàn trình: làm trọn trên mạng, kể cả nhận kết quả. Một phần: còn một "
    "bước phải đến cơ quan, ví dụ hai bên đến ký và nhận giấy chứng nhận kết hôn.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 3. Thời hạn giải quyết

Thủ tục **Cấp giấy xác nhận tình trạng hôn nhân** được giải quyết trong bao nhiêu **ngày làm
việc**? Gõ một con số (không có ngoặc kép).
""")
    b.answer("cau_3", "so_ngay = None", "so_ngay = 3")
    b.test("kiem_tra_cau_3", '''
assert isinstance(so_ngay, int) and not isinstance(so_ngay, bool), (
    "Gõ một con số, không có ngoặc kép, ví dụ: so_ngay = 5")
assert so_ngay == danh_muc.procedures["xac_nhan_hon_nhan"].working_days, (
    "Chưa đúng. Xem mục 'Thời hạn giải quyết' của thủ tục trên Cổng: thời hạn tính bằng ngày "
    "làm việc, không tính thứ Bảy, Chủ nhật và ngày lễ.")
''')
    b.md("""
## Câu 4. Ngày hẹn trả kết quả

Chị Lan nộp hồ sơ **xác nhận tình trạng hôn nhân** lúc **16 giờ 30, thứ Sáu 23/04/2027**.
Ngày hẹn trả kết quả là ngày nào? Nhớ hai quy tắc: hồ sơ nhận **sau 15 giờ** được tính từ
ngày làm việc tiếp theo; ngày nghỉ lễ (30/4, 1/5) không phải ngày làm việc.
""")
    b.answer("cau_4", 'ngay_hen = ""', 'ngay_hen = "29/04/2027"')
    b.test("kiem_tra_cau_4", '''
assert ngay(ngay_hen) is not None, (
    f"'{ngay_hen}' chưa phải một ngày: viết theo dạng ngày/tháng/năm, ví dụ \\"15/02/2027\\".")
nop_luc = datetime(2027, 4, 23, 16, 30)
so_ngay_lam_viec = danh_muc.procedures["xac_nhan_hon_nhan"].working_days
dung = lich().appointment(nop_luc, so_ngay_lam_viec)
ngay_0 = lich().day_zero(nop_luc)
assert ngay(ngay_hen) == dung, (
    f"Chưa đúng. Nộp sau 15 giờ thứ Sáu nên ngày bắt đầu tính (ngày 0) là "
    f"{ngay_0:%d/%m/%Y}; cộng thêm {so_ngay_lam_viec} ngày làm việc, bỏ qua thứ Bảy, Chủ nhật "
    "và ngày lễ. Đếm lại trên lịch.")
''')
    b.md("""
## Câu 5. Hiểu đúng về "toàn trình"

Với một thủ tục **toàn trình**, người dân cần đến UBND xã, phường mấy lần?

- A. Hai lần: nộp hồ sơ và nhận kết quả
- B. Một lần để nộp hồ sơ giấy
- C. Không cần đến: kết quả điện tử được trả trên Cổng (hoặc người dân chọn nhận bản giấy
  tại UBND hay qua bưu điện)
- D. Phải đến mỗi khi cán bộ gọi

Gõ một chữ cái.
""")
    b.answer("cau_5", 'cau_5 = ""', 'cau_5 = "C"')
    b.test("kiem_tra_cau_5", '''
assert isinstance(cau_5, str) and cau_5.strip().upper() in "ABCD" and cau_5.strip(), (
    'Gõ một chữ cái A, B, C hoặc D trong ngoặc kép, ví dụ: cau_5 = "A"')
### BEGIN HIDDEN TESTS
assert cau_5.strip().upper() == "C", (
    "Chưa đúng. Toàn trình nghĩa là làm trọn trên mạng, từ nộp hồ sơ, nộp phí đến nhận kết "
    "quả điện tử.")
### END HIDDEN TESTS
''')
    b.written("viet_1", """
## Câu 6 (trả lời tự luận, giảng viên chấm)

Anh/chị sẽ giải thích thế nào với người dân lớn tuổi muốn "lên phường nộp cho chắc" rằng nộp
hồ sơ trực tuyến vẫn an toàn và tiết kiệm công sức? Viết 3–5 câu, bằng lời nói với người dân.
""", """
Dạ, nộp trên mạng thì hồ sơ cũng đến đúng cán bộ hộ tịch của phường như nộp giấy, và bác nhận
được mã hồ sơ để theo dõi. Con giúp bác nộp ngay tại nhà, bác không phải xếp hàng; đến ngày hẹn
bác chỉ lên phường một lần để nhận kết quả. Mật khẩu và mã OTP bác tự gõ, con không giữ.
""")
    b.save()


def bai2() -> None:
    b = Book("bai2")
    b.md("""
# Bài 2. VNeID và đăng nhập Cổng Dịch vụ công

Buổi tập huấn thứ hai: tài khoản định danh điện tử (VNeID) mức 1 và mức 2, đăng nhập Cổng
bằng VNeID, và nguyên tắc **người dân tự gõ mật khẩu và mã OTP**.
""" + HOW)
    b.setup(SETUP + '''
chu_an = nguoi_mau("vneid_1")
ong_binh = nguoi_mau("vneid_0")
ba_tam = nguoi_mau("vneid_2")
for ten, nguoi in (("A", chu_an), ("B", ong_binh), ("C", ba_tam)):
    print(f"Người {ten}:")
    phieu(nguoi)
''')
    b.md("""
## Câu 1. Đăng nhập

Từ ngày 1/7/2024, người dân đăng nhập Cổng Dịch vụ công quốc gia bằng gì?

- A. Tài khoản riêng của Cổng (tên đăng nhập và mật khẩu)
- B. Tài khoản định danh điện tử VNeID
- C. Địa chỉ email
- D. Tài khoản Zalo

Gõ một chữ cái.
""")
    b.answer("cau_1", 'cau_1 = ""', 'cau_1 = "B"')
    b.test("kiem_tra_cau_1", '''
assert isinstance(cau_1, str) and cau_1.strip() and cau_1.strip().upper() in "ABCD", (
    'Gõ một chữ cái A, B, C hoặc D trong ngoặc kép, ví dụ: cau_1 = "A"')
### BEGIN HIDDEN TESTS
assert cau_1.strip().upper() == "B", (
    "Chưa đúng. Từ 1/7/2024 Cổng Dịch vụ công chỉ cho đăng nhập bằng tài khoản định danh "
    "điện tử (VNeID) theo Nghị định 69/2024/NĐ-CP.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 2. Mức tài khoản cần thiết

Để yêu cầu **chứng thực bản sao điện tử từ bản chính**, tài khoản VNeID của người dân phải ít
nhất ở mức mấy? Gõ một con số.
""")
    b.answer("cau_2", "muc_can = None", "muc_can = 2")
    b.test("kiem_tra_cau_2", '''
assert isinstance(muc_can, int) and not isinstance(muc_can, bool), (
    "Gõ một con số, không có ngoặc kép, ví dụ: muc_can = 1")
quy_tac = [r for r in danh_muc.procedures["chung_thuc_ban_sao_dien_tu"].rules
           if r.kind == "vneid_level"]
assert quy_tac and muc_can == quy_tac[0].min, (
    "Chưa đúng. Tài khoản mức 1 người dân tự đăng ký trên ứng dụng; mức 2 đăng ký tại công "
    "an (có lấy vân tay) và mới dùng được đầy đủ dịch vụ, trong đó có chứng thực điện tử.")
''')
    b.md("""
## Câu 3. Ai tự nộp được?

Trong ba người ở ô chuẩn bị (A, B, C), ai **tự nộp được** hồ sơ chứng thực bản sao điện tử
bằng tài khoản VNeID của mình? Gõ một chữ cái.
""")
    b.answer("cau_3", 'cau_3 = ""', 'cau_3 = "C"')
    b.test("kiem_tra_cau_3", '''
assert isinstance(cau_3, str) and cau_3.strip().upper() in ("A", "B", "C"), (
    'Gõ A, B hoặc C trong ngoặc kép, ví dụ: cau_3 = "A"')
def _thu(nguoi):
    ho_so = {"nguoi_yeu_cau": {"ho_ten": nguoi.ho_ten, "so_dinh_danh": nguoi.so_dinh_danh},
             "giay_to_chung_thuc": [{"ten": "Bằng tốt nghiệp", "so_trang": 1, "so_ban": 1}],
             "co_quan": nguoi.noi_cu_tru.co_quan, "giay_to": ["ban_chup_ban_chinh"]}
    return kiem_tra("chung_thuc_ban_sao_dien_tu", ho_so, datetime(2027, 3, 9, 9, 0))
ket_qua = {"A": _thu(chu_an), "B": _thu(ong_binh), "C": _thu(ba_tam)}
chon = ket_qua[cau_3.strip().upper()]
assert chon.valid, (
    "Chưa đúng. Cổng sẽ báo với người này:\\n" + ds_loi(chon))
''', points=2)
    b.md("""
## Câu 4. Nộp thay được không?

Người A ở ô chuẩn bị chưa đủ mức tài khoản. Theo Cổng, hồ sơ chứng thực của người A có hợp lệ
không? Gõ `True` (có) hoặc `False` (không), không có ngoặc kép.
""")
    b.answer("cau_4", "hop_le = None", "hop_le = False")
    b.test("kiem_tra_cau_4", '''
assert isinstance(hop_le, bool), "Gõ True hoặc False, không có ngoặc kép."
### BEGIN HIDDEN TESTS
that = ket_qua["A"].valid if "ket_qua" in globals() else _thu(chu_an).valid
assert hop_le == that, (
    "Chưa đúng. Hãy xem mức tài khoản VNeID của người A trên phiếu: chứng thực điện tử cần "
    "tài khoản mức 2.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 5. Mật khẩu và mã OTP

Khi giúp người dân đăng nhập VNeID trên điện thoại, ai gõ mật khẩu và mã OTP?

- A. Tình nguyện viên gõ và ghi lại để lần sau giúp nhanh hơn
- B. Người dân tự gõ; tình nguyện viên không hỏi, không ghi, không giữ
- C. Tình nguyện viên gõ, rồi nhắn mật khẩu cho con cháu của người dân
- D. Cán bộ phường gõ hộ

Gõ một chữ cái.
""")
    b.answer("cau_5", 'cau_5 = ""', 'cau_5 = "B"')
    b.test("kiem_tra_cau_5", '''
assert isinstance(cau_5, str) and cau_5.strip() and cau_5.strip().upper() in "ABCD", (
    'Gõ một chữ cái A, B, C hoặc D trong ngoặc kép.')
### BEGIN HIDDEN TESTS
assert cau_5.strip().upper() == "B", (
    "Chưa đúng. Mật khẩu và mã OTP là của riêng người dân: người dân tự gõ, tình nguyện viên "
    "không bao giờ giữ.")
### END HIDDEN TESTS
''')
    b.written("viet_2", """
## Câu 6 (trả lời tự luận, giảng viên chấm)

Một bác lớn tuổi đưa điện thoại và nói: "Cháu cứ giữ mật khẩu giúp bác, lần sau làm cho
nhanh". Anh/chị sẽ giải thích thế nào với người dân vì sao tình nguyện viên không giữ mật khẩu
VNeID, và giúp bác nhớ mật khẩu bằng cách nào?
""", """
Dạ, tài khoản VNeID như chìa khóa nhà của bác: ai giữ mật khẩu thì làm được mọi giấy tờ
mang tên bác, nên chỉ bác được giữ. Con hướng dẫn bác tự gõ, cùng bác chọn mật khẩu dễ nhớ
và ghi vào sổ riêng cất ở nhà. Ai gọi điện xin mật khẩu hay mã OTP đều là lừa đảo.
""")
    b.save()


def bai3() -> None:
    b = Book("bai3")
    b.md("""
# Bài 3. Đăng ký khai sinh và đăng ký khai tử

Buổi tập huấn thứ ba: điền tờ khai khai sinh, khai tử trên Cổng; ai có thẩm quyền; giấy tờ
đính kèm; thời hạn 60 ngày (khai sinh), 15 ngày (khai tử) và lệ phí khi quá hạn.
""" + HOW)
    b.setup(SETUP + '''
me = nguoi_mau("me_tre")
cha = nguoi_mau("cha_tre")
print("Người mẹ:"); phieu(me)
print("Người cha:"); phieu(cha)
''')
    b.md("""
## Câu 1. Tờ khai đăng ký khai sinh

Chị (người mẹ ở ô chuẩn bị) sinh con trai tên **Lê Minh An** ngày **20/01/2027** tại **Bệnh
viện Đa khoa tỉnh Gia Lai**, có **giấy chứng sinh**. Chị tự đi khai (`quan_he` là `"me"`).
Hồ sơ nộp lúc 9 giờ sáng thứ Ba 09/03/2027. Điền các chỗ còn trống, chép họ tên và số định
danh từ phiếu ở trên. Cơ quan tiếp nhận là mã phường (`"thong_nhat"` hoặc `"pleiku"`).
""")
    b.answer("cau_1", '''
ho_so_khai_sinh = {
    "nguoi_yeu_cau": {"ho_ten": "", "so_dinh_danh": "", "quan_he": ""},
    "tre": {"ho_ten": "Lê Minh An", "ngay_sinh": "", "gioi_tinh": "nam", "dan_toc": "Kinh",
            "quoc_tich": "Việt Nam", "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai",
            "que_quan": "Gia Lai"},
    "me": {"ho_ten": "", "so_dinh_danh": ""},
    "cha": {"ho_ten": "", "so_dinh_danh": ""},
    "co_quan": "",
    "giay_to": [""],
}''', '''
ho_so_khai_sinh = {
    "nguoi_yeu_cau": {"ho_ten": me.ho_ten, "so_dinh_danh": me.so_dinh_danh, "quan_he": "me"},
    "tre": {"ho_ten": "Lê Minh An", "ngay_sinh": "20/01/2027", "gioi_tinh": "nam",
            "dan_toc": "Kinh", "quoc_tich": "Việt Nam",
            "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai", "que_quan": "Gia Lai"},
    "me": {"ho_ten": me.ho_ten, "so_dinh_danh": me.so_dinh_danh},
    "cha": {"ho_ten": cha.ho_ten, "so_dinh_danh": cha.so_dinh_danh},
    "co_quan": me.noi_cu_tru.co_quan,
    "giay_to": ["giay_chung_sinh"],
}''')
    b.test("kiem_tra_cau_1", '''
assert isinstance(ho_so_khai_sinh, dict), "Giữ nguyên khung tờ khai, chỉ điền vào chỗ trống."
kq = kiem_tra("khai_sinh", ho_so_khai_sinh, datetime(2027, 3, 9, 9, 0))
assert kq.valid, "Cổng chưa nhận tờ khai. Cần sửa:\\n" + ds_loi(kq)
### BEGIN HIDDEN TESTS
assert ngay(ho_so_khai_sinh["tre"]["ngay_sinh"]) == ngay("20/01/2027"), (
    "Ngày sinh của trẻ phải đúng như giấy chứng sinh.")
assert ho_so_khai_sinh["nguoi_yeu_cau"]["so_dinh_danh"] == me.so_dinh_danh, (
    "Người đi khai là người mẹ: ghi thông tin của chị.")
### END HIDDEN TESTS
''', points=2)
    b.md("""
## Câu 2. Ngày hẹn khi nộp muộn trong ngày

Nếu tờ khai ở câu 1 được nộp lúc **16 giờ 30, thứ Sáu 12/03/2027** thì ngày hẹn trả kết quả
là ngày nào? (Khai sinh giải quyết ngay trong ngày làm việc.)
""")
    b.answer("cau_2", 'ngay_hen = ""', 'ngay_hen = "15/03/2027"')
    b.test("kiem_tra_cau_2", '''
assert ngay(ngay_hen) is not None, (
    f"'{ngay_hen}' chưa phải một ngày: viết theo dạng ngày/tháng/năm, ví dụ \\"15/02/2027\\".")
nop_luc = datetime(2027, 3, 12, 16, 30)
dung = lich().appointment(nop_luc, danh_muc.procedures["khai_sinh"].working_days)
assert ngay(ngay_hen) == dung, (
    "Chưa đúng. Hồ sơ nhận sau 15 giờ được tính từ ngày làm việc tiếp theo; thứ Bảy, Chủ "
    "nhật không phải ngày làm việc.")
''')
    b.md("""
## Câu 3. Khai sinh quá hạn

Một gia đình khác đến nhờ khai sinh ngày 09/03/2027 cho bé sinh ngày **01/10/2026**. Lệ phí
phải nộp là bao nhiêu đồng (theo mức mẫu của tỉnh Gia Lai trong khóa học)? Gõ một con số,
không có dấu chấm, ví dụ `5000`.
""")
    b.answer("cau_3", "le_phi = None", "le_phi = 8000")
    b.test("kiem_tra_cau_3", '''
assert isinstance(le_phi, int) and not isinstance(le_phi, bool), (
    "Gõ số tiền là một con số, không có dấu chấm và chữ đ, ví dụ: le_phi = 5000")
### BEGIN HIDDEN TESTS
mau = {
    "nguoi_yeu_cau": {"ho_ten": me.ho_ten, "so_dinh_danh": me.so_dinh_danh, "quan_he": "me"},
    "tre": {"ho_ten": "Lê Minh Châu", "ngay_sinh": "01/10/2026", "gioi_tinh": "nu",
            "dan_toc": "Kinh", "quoc_tich": "Việt Nam", "noi_sinh": "tại nhà",
            "que_quan": "Gia Lai"},
    "me": {"ho_ten": me.ho_ten, "so_dinh_danh": me.so_dinh_danh},
    "cha": {"ho_ten": cha.ho_ten, "so_dinh_danh": cha.so_dinh_danh},
    "co_quan": me.noi_cu_tru.co_quan, "giay_to": ["giay_chung_sinh"],
}
kq = kiem_tra("khai_sinh", mau, datetime(2027, 3, 9, 9, 0))
assert le_phi == kq.fee, (
    "Chưa đúng. Khai sinh trong 60 ngày kể từ ngày sinh thì miễn lệ phí; quá 60 ngày là quá "
    "hạn và nộp lệ phí theo mức của tỉnh. Đếm số ngày từ ngày sinh đến ngày nộp.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 4. Tờ khai đăng ký khai tử

Người ở phiếu dưới đây mất ngày **02/03/2027** tại nhà, do bệnh tuổi già; có **giấy báo tử**.
Người con (phiếu thứ hai) đi khai tử ngày 09/03/2027, 10 giờ sáng (`quan_he` là `"con"`).
Chạy ô dưới để xem phiếu, rồi điền tờ khai.
""")
    b.setup('''
nguoi_mat = nguoi_mau("nguoi_mat")
con = nguoi_mau("con_nguoi_mat")
print("Người mất:"); phieu(nguoi_mat)
print("Người đi khai (con):"); phieu(con)
''')
    b.answer("cau_4", '''
ho_so_khai_tu = {
    "nguoi_yeu_cau": {"ho_ten": "", "so_dinh_danh": "", "quan_he": ""},
    "nguoi_mat": {"ho_ten": "", "so_dinh_danh": "", "ngay_mat": "",
                  "noi_mat": "tại nhà", "nguyen_nhan": "bệnh tuổi già"},
    "co_quan": "",
    "giay_to": [""],
}''', '''
ho_so_khai_tu = {
    "nguoi_yeu_cau": {"ho_ten": con.ho_ten, "so_dinh_danh": con.so_dinh_danh, "quan_he": "con"},
    "nguoi_mat": {"ho_ten": nguoi_mat.ho_ten, "so_dinh_danh": nguoi_mat.so_dinh_danh,
                  "ngay_mat": "02/03/2027", "noi_mat": "tại nhà", "nguyen_nhan": "bệnh tuổi già"},
    "co_quan": nguoi_mat.noi_cu_tru.co_quan,
    "giay_to": ["giay_bao_tu"],
}''')
    b.test("kiem_tra_cau_4", '''
assert isinstance(ho_so_khai_tu, dict), "Giữ nguyên khung tờ khai, chỉ điền vào chỗ trống."
kq = kiem_tra("khai_tu", ho_so_khai_tu, datetime(2027, 3, 9, 10, 0))
assert kq.valid, "Cổng chưa nhận tờ khai. Cần sửa:\\n" + ds_loi(kq)
### BEGIN HIDDEN TESTS
assert not kq.late and kq.fee == 0, "Khai tử trong 15 ngày thì đúng hạn và miễn lệ phí."
### END HIDDEN TESTS
''', points=2)
    b.md("""
## Câu 5. Khai tử quá hạn?

Nếu người đó mất ngày **01/02/2027** và con đi khai ngày 09/03/2027 thì có bị tính là **quá
hạn** không? Gõ `True` (quá hạn) hoặc `False` (đúng hạn).
""")
    b.answer("cau_5", "qua_han = None", "qua_han = True")
    b.test("kiem_tra_cau_5", '''
assert isinstance(qua_han, bool), "Gõ True hoặc False, không có ngoặc kép."
thu = dict(ho_so_khai_tu) if isinstance(ho_so_khai_tu, dict) else {}
thu = {
    "nguoi_yeu_cau": {"ho_ten": con.ho_ten, "so_dinh_danh": con.so_dinh_danh, "quan_he": "con"},
    "nguoi_mat": {"ho_ten": nguoi_mat.ho_ten, "so_dinh_danh": nguoi_mat.so_dinh_danh,
                  "ngay_mat": "01/02/2027", "noi_mat": "tại nhà", "nguyen_nhan": "bệnh"},
    "co_quan": nguoi_mat.noi_cu_tru.co_quan, "giay_to": ["giay_bao_tu"],
}
kq = kiem_tra("khai_tu", thu, datetime(2027, 3, 9, 10, 0))
assert qua_han == kq.late, (
    "Chưa đúng. Khai tử trong 15 ngày kể từ ngày mất là đúng hạn; sau 15 ngày là quá hạn "
    "(vẫn được nhận, nhưng phải nộp lệ phí).")
''')
    b.written("viet_3", """
## Câu 6 (trả lời tự luận, giảng viên chấm)

Một gia đình sinh con tại nhà, không có giấy chứng sinh, và lo rằng con sẽ không được khai
sinh. Anh/chị sẽ giải thích thế nào với người dân về giấy tờ thay thế và thời hạn 60 ngày?
""", """
Dạ, không có giấy chứng sinh vẫn khai sinh được: nhờ người chứng kiến việc sinh viết văn bản
làm chứng, nếu không có ai làm chứng thì gia đình làm giấy cam đoan về việc sinh. Nên khai
trong 60 ngày kể từ ngày sinh để được miễn lệ phí; quá hạn vẫn được khai nhưng phải nộp lệ phí.
""")
    b.save()


def bai4() -> None:
    b = Book("bai4")
    b.md("""
# Bài 4. Đăng ký kết hôn và xác nhận tình trạng hôn nhân

Buổi tập huấn thứ tư: điều kiện kết hôn (tuổi, đang có vợ hoặc chồng, quan hệ huyết thống),
tờ khai đăng ký kết hôn, và giấy xác nhận tình trạng hôn nhân.
""" + HOW)
    b.setup(SETUP + '''
anh_nam = nguoi_mau("ben_nam")
chi_nu = nguoi_mau("ben_nu")
em_kien = nguoi_mau("nam_17_tuoi")
chu_quang = nguoi_mau("da_ket_hon")
print("Bên nam:"); phieu(anh_nam)
print("Bên nữ:"); phieu(chi_nu)
''')
    b.md("""
## Câu 1. Tờ khai đăng ký kết hôn

Hai người ở ô chuẩn bị đều kết hôn lần đầu (`lan_ket_hon` là `1`) và nộp hồ sơ lúc 9 giờ,
thứ Ba 09/03/2027 tại phường nơi **bên nam** cư trú. Điền tờ khai (ngày sinh theo phiếu).
""")
    b.answer("cau_1", '''
ho_so_ket_hon = {
    "ben_nam": {"ho_ten": "", "so_dinh_danh": "", "ngay_sinh": "", "lan_ket_hon": 1},
    "ben_nu": {"ho_ten": "", "so_dinh_danh": "", "ngay_sinh": "", "lan_ket_hon": 1},
    "co_quan": "",
    "giay_to": [],
}''', '''
ho_so_ket_hon = {
    "ben_nam": {"ho_ten": anh_nam.ho_ten, "so_dinh_danh": anh_nam.so_dinh_danh,
                "ngay_sinh": anh_nam.ngay_sinh, "lan_ket_hon": 1},
    "ben_nu": {"ho_ten": chi_nu.ho_ten, "so_dinh_danh": chi_nu.so_dinh_danh,
               "ngay_sinh": chi_nu.ngay_sinh, "lan_ket_hon": 1},
    "co_quan": anh_nam.noi_cu_tru.co_quan,
    "giay_to": [],
}''')
    b.test("kiem_tra_cau_1", '''
assert isinstance(ho_so_ket_hon, dict), "Giữ nguyên khung tờ khai, chỉ điền vào chỗ trống."
kq = kiem_tra("ket_hon", ho_so_ket_hon, datetime(2027, 3, 9, 9, 0))
assert kq.valid, "Cổng chưa nhận tờ khai. Cần sửa:\\n" + ds_loi(kq)
### BEGIN HIDDEN TESTS
assert ho_so_ket_hon["co_quan"] == anh_nam.noi_cu_tru.co_quan, (
    "Đề bài yêu cầu nộp tại phường nơi bên nam cư trú.")
### END HIDDEN TESTS
''', points=2)
    b.md("""
## Câu 2. Đủ tuổi kết hôn?

Em trai có phiếu dưới đây muốn đăng ký kết hôn với chị ở ô chuẩn bị ngày 09/03/2027. Theo
Luật Hôn nhân và gia đình, em có **đủ tuổi** kết hôn không? Gõ `True` hoặc `False`.
""")
    b.setup("phieu(em_kien)")
    b.answer("cau_2", "du_tuoi = None", "du_tuoi = False")
    b.test("kiem_tra_cau_2", '''
assert isinstance(du_tuoi, bool), "Gõ True hoặc False, không có ngoặc kép."
thu = {
    "ben_nam": {"ho_ten": em_kien.ho_ten, "so_dinh_danh": em_kien.so_dinh_danh,
                "ngay_sinh": em_kien.ngay_sinh, "lan_ket_hon": 1},
    "ben_nu": {"ho_ten": chi_nu.ho_ten, "so_dinh_danh": chi_nu.so_dinh_danh,
               "ngay_sinh": chi_nu.ngay_sinh, "lan_ket_hon": 1},
    "co_quan": em_kien.noi_cu_tru.co_quan, "giay_to": [],
}
kq = kiem_tra("ket_hon", thu, datetime(2027, 3, 9, 9, 0))
assert du_tuoi == ("chua_du_tuoi_ket_hon" not in ma_loi(kq)), (
    "Chưa đúng. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn (tính đến ngày nộp hồ "
    "sơ). Tính tuổi của em theo ngày sinh trên phiếu.")
''')
    b.md("""
## Câu 3. Xác nhận tình trạng hôn nhân để kết hôn

Người có phiếu dưới đây xin **giấy xác nhận tình trạng hôn nhân để kết hôn**. Cổng có nhận
hồ sơ không? Gõ `True` (nhận) hoặc `False` (không nhận).
""")
    b.setup("phieu(chu_quang)")
    b.answer("cau_3", "duoc_cap = None", "duoc_cap = False")
    b.test("kiem_tra_cau_3", '''
assert isinstance(duoc_cap, bool), "Gõ True hoặc False, không có ngoặc kép."
### BEGIN HIDDEN TESTS
thu = {
    "nguoi_yeu_cau": {"ho_ten": chu_quang.ho_ten, "so_dinh_danh": chu_quang.so_dinh_danh,
                      "ngay_sinh": chu_quang.ngay_sinh},
    "muc_dich": "ket_hon",
    "ket_hon_voi": {"ho_ten": "Trần Thị Mai", "ngay_sinh": "1990-01-01"},
    "co_quan": chu_quang.noi_cu_tru.co_quan, "giay_to": [],
}
kq = kiem_tra("xac_nhan_hon_nhan", thu, datetime(2027, 3, 9, 9, 0))
assert duoc_cap == kq.valid, (
    "Chưa đúng. Xem tình trạng hôn nhân của người này trong Cơ sở dữ liệu dân cư: người đang "
    "có vợ hoặc chồng không được cấp giấy xác nhận để kết hôn.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 4. Ngày hẹn và lệ phí của giấy xác nhận

Chị ở ô chuẩn bị (bên nữ) xin giấy xác nhận tình trạng hôn nhân để **vay vốn**, nộp lúc
**14 giờ, thứ Năm 29/04/2027**. Ngày hẹn trả kết quả là ngày nào, và lệ phí bao nhiêu đồng?
""")
    b.answer("cau_4", 'ngay_hen = ""\nle_phi = None', 'ngay_hen = "06/05/2027"\nle_phi = 5000')
    b.test("kiem_tra_cau_4", '''
assert ngay(ngay_hen) is not None, (
    f"'{ngay_hen}' chưa phải một ngày: viết theo dạng ngày/tháng/năm, ví dụ \\"15/02/2027\\".")
assert isinstance(le_phi, int) and not isinstance(le_phi, bool), (
    "Gõ lệ phí là một con số, ví dụ: le_phi = 5000")
thu = {
    "nguoi_yeu_cau": {"ho_ten": chi_nu.ho_ten, "so_dinh_danh": chi_nu.so_dinh_danh,
                      "ngay_sinh": chi_nu.ngay_sinh},
    "muc_dich": "vay_von", "co_quan": chi_nu.noi_cu_tru.co_quan, "giay_to": [],
}
kq = kiem_tra("xac_nhan_hon_nhan", thu, datetime(2027, 4, 29, 14, 0))
assert ngay(ngay_hen) == kq.appointment, (
    "Ngày hẹn chưa đúng. Thủ tục này giải quyết trong "
    f"{danh_muc.procedures['xac_nhan_hon_nhan'].working_days} ngày làm việc; 30/4 và 1/5 là "
    "ngày nghỉ lễ, thứ Bảy và Chủ nhật không tính.")
### BEGIN HIDDEN TESTS
assert le_phi == kq.fee, "Lệ phí chưa đúng: xem mức lệ phí mẫu của tỉnh trong tài liệu."
### END HIDDEN TESTS
''', points=2)
    b.written("viet_4", """
## Câu 5 (trả lời tự luận, giảng viên chấm)

Đôi bạn trẻ hỏi: "Đăng ký kết hôn trên mạng rồi, sao còn phải lên phường?" Anh/chị sẽ giải
thích thế nào với người dân?
""", """
Dạ, đăng ký kết hôn là dịch vụ một phần: nộp tờ khai trên mạng giúp cán bộ kiểm tra trước,
nhưng pháp luật yêu cầu cả hai bạn cùng có mặt để ký sổ và nhận giấy chứng nhận kết hôn,
bảo đảm hai bạn tự nguyện. Các bạn chỉ cần đến một lần, đúng ngày hẹn, mang theo căn cước.
""")
    b.save()


def bai5() -> None:
    b = Book("bai5")
    b.md("""
# Bài 5. Chứng thực bản sao điện tử, bảo vệ dữ liệu cá nhân và ghi nhận hỗ trợ

Buổi tập huấn thứ năm: chứng thực bản sao điện tử từ bản chính và cách tính phí; giữ bí mật
thông tin của người dân; ghi lại mỗi lượt hỗ trợ cho báo cáo hằng tháng của tổ.
""" + HOW)
    b.setup(SETUP + '''
ba_tam = nguoi_mau("vneid_2")
print("Người yêu cầu:"); phieu(ba_tam)
''')
    b.md("""
## Câu 1. Phí chứng thực

Bà ở ô chuẩn bị cần chứng thực **học bạ 5 trang**, **2 bản**. Phí chứng thực là bao nhiêu
đồng? (2.000 đ/trang cho trang 1 và 2; 1.000 đ/trang từ trang thứ 3; tối đa 200.000 đ một
bản; nhân với số bản.) Gõ một con số không có dấu chấm.
""")
    b.answer("cau_1", "phi = None", "phi = 14000")
    b.test("kiem_tra_cau_1", '''
assert isinstance(phi, int) and not isinstance(phi, bool), (
    "Gõ số tiền là một con số, không có dấu chấm và chữ đ, ví dụ: phi = 5000")
thu = {"nguoi_yeu_cau": {"ho_ten": ba_tam.ho_ten, "so_dinh_danh": ba_tam.so_dinh_danh},
       "giay_to_chung_thuc": [{"ten": "Học bạ", "so_trang": 5, "so_ban": 2}],
       "co_quan": ba_tam.noi_cu_tru.co_quan, "giay_to": ["ban_chup_ban_chinh"]}
kq = kiem_tra("chung_thuc_ban_sao_dien_tu", thu, datetime(2027, 3, 9, 9, 0))
assert phi == kq.fee, (
    "Chưa đúng. Một bản 5 trang: 2 trang đầu × 2.000 đ cộng 3 trang sau × 1.000 đ; rồi nhân "
    "với số bản.")
''')
    b.md("""
## Câu 2. Tờ khai chứng thực

Bà nhờ chứng thực **Bằng tốt nghiệp trung học phổ thông** (1 trang, **3 bản**) để nộp hồ sơ
xin việc cho cháu, nộp lúc 9 giờ thứ Ba 09/03/2027 ở **Phường Pleiku** (`"pleiku"`,
không phải nơi bà cư trú). Đính kèm ảnh chụp bản chính (`"ban_chup_ban_chinh"`). Điền tờ khai.
""")
    b.answer("cau_2", '''
ho_so_chung_thuc = {
    "nguoi_yeu_cau": {"ho_ten": "", "so_dinh_danh": ""},
    "giay_to_chung_thuc": [{"ten": "", "so_trang": 0, "so_ban": 0}],
    "co_quan": "",
    "giay_to": [""],
}''', '''
ho_so_chung_thuc = {
    "nguoi_yeu_cau": {"ho_ten": ba_tam.ho_ten, "so_dinh_danh": ba_tam.so_dinh_danh},
    "giay_to_chung_thuc": [{"ten": "Bằng tốt nghiệp trung học phổ thông", "so_trang": 1,
                            "so_ban": 3}],
    "co_quan": "pleiku",
    "giay_to": ["ban_chup_ban_chinh"],
}''')
    b.test("kiem_tra_cau_2", '''
assert isinstance(ho_so_chung_thuc, dict), "Giữ nguyên khung tờ khai, chỉ điền vào chỗ trống."
kq = kiem_tra("chung_thuc_ban_sao_dien_tu", ho_so_chung_thuc, datetime(2027, 3, 9, 9, 0))
assert kq.valid, "Cổng chưa nhận tờ khai. Cần sửa:\\n" + ds_loi(kq)
### BEGIN HIDDEN TESTS
muc = ho_so_chung_thuc["giay_to_chung_thuc"]
assert len(muc) == 1 and muc[0]["so_ban"] == 3 and muc[0]["so_trang"] == 1, (
    "Số trang và số bản phải đúng như bà yêu cầu: 1 trang, 3 bản.")
assert ho_so_chung_thuc["co_quan"] == "pleiku", "Đề bài nộp tại Phường Pleiku."
### END HIDDEN TESTS
''', points=2)
    b.md("""
## Câu 3. Bảo vệ dữ liệu cá nhân

Sau khi giúp người dân nộp hồ sơ trên điện thoại của mình, tình nguyện viên nên làm gì?

- A. Giữ ảnh căn cước của người dân để lần sau làm nhanh hơn
- B. Đăng xuất tài khoản của người dân và xóa mọi ảnh giấy tờ đã chụp
- C. Gửi ảnh giấy tờ vào nhóm Zalo của tổ để lưu chung
- D. Ghi mật khẩu của người dân vào sổ tay của tổ

Gõ một chữ cái.
""")
    b.answer("cau_3", 'cau_3 = ""', 'cau_3 = "B"')
    b.test("kiem_tra_cau_3", '''
assert isinstance(cau_3, str) and cau_3.strip() and cau_3.strip().upper() in "ABCD", (
    'Gõ một chữ cái A, B, C hoặc D trong ngoặc kép.')
### BEGIN HIDDEN TESTS
assert cau_3.strip().upper() == "B", (
    "Chưa đúng. Dữ liệu cá nhân là của người dân: không lưu, không chia sẻ; làm xong thì đăng "
    "xuất và xóa ảnh giấy tờ.")
### END HIDDEN TESTS
''')
    b.md("""
## Câu 4. Ghi nhận lượt hỗ trợ

Ghi lại lượt hỗ trợ ở câu 2 vào sổ của tổ để làm báo cáo tháng: ngày hỗ trợ, mã thủ tục, số
định danh của người được hỗ trợ, và phường tiếp nhận. Không ghi mật khẩu hay mã OTP.
""")
    b.answer("cau_4", '''
ghi_nhan = {"ngay": "", "thu_tuc": "", "so_dinh_danh": "", "co_quan": ""}''', '''
ghi_nhan = {"ngay": "09/03/2027", "thu_tuc": "chung_thuc_ban_sao_dien_tu",
            "so_dinh_danh": ba_tam.so_dinh_danh, "co_quan": "pleiku"}''')
    b.test("kiem_tra_cau_4", '''
assert isinstance(ghi_nhan, dict), "Giữ nguyên khung sổ ghi nhận, chỉ điền vào chỗ trống."
assert ngay(ghi_nhan.get("ngay")) is not None, "Ghi ngày hỗ trợ theo dạng ngày/tháng/năm."
assert ghi_nhan.get("thu_tuc") in danh_muc.procedures, (
    f"Mã thủ tục '{ghi_nhan.get('thu_tuc')}' không có. Chọn một trong: "
    f"{', '.join(sorted(danh_muc.procedures))}.")
assert danh_muc.wards.commune(str(ghi_nhan.get("co_quan"))) is not None, (
    'Ghi mã phường tiếp nhận, ví dụ "thong_nhat" hoặc "pleiku".')
assert not any("mat_khau" in k or "otp" in k.lower() for k in ghi_nhan), (
    "Không bao giờ ghi mật khẩu hay mã OTP của người dân.")
### BEGIN HIDDEN TESTS
assert ngay(ghi_nhan["ngay"]) == ngay("09/03/2027"), "Ngày hỗ trợ là ngày nộp hồ sơ ở câu 2."
assert ghi_nhan["thu_tuc"] == "chung_thuc_ban_sao_dien_tu", "Câu 2 là thủ tục chứng thực."
assert ghi_nhan["so_dinh_danh"] == ba_tam.so_dinh_danh, "Ghi số định danh của bà."
assert ghi_nhan["co_quan"] == "pleiku", "Hồ sơ câu 2 nộp tại Phường Pleiku."
### END HIDDEN TESTS
''')
    b.written("viet_5", """
## Câu 5 (trả lời tự luận, giảng viên chấm)

Một người dân nói: "Tôi không dám khai trên mạng, sợ lộ thông tin." Anh/chị sẽ giải thích
thế nào với người dân, và anh/chị cam kết làm gì để giữ bí mật thông tin của họ?
""", """
Dạ, hồ sơ nộp trên Cổng Dịch vụ công đi thẳng đến cán bộ có thẩm quyền, đăng nhập bằng VNeID
của chính bác nên người khác không xem được. Con không giữ mật khẩu, mã OTP hay ảnh giấy tờ
của bác: làm xong con đăng xuất và xóa ảnh ngay trước mặt bác. Ai gọi điện xin mã OTP là
lừa đảo, bác đừng đọc cho ai.
""")
    b.save()


if __name__ == "__main__":
    for make in (bai1, bai2, bai3, bai4, bai5):
        make()
    print("Đã tạo lại solutions/bai1 … bai5")
