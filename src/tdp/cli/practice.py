"""`tdp practice list|show|card|score|history`: the scenario bank and scoring from the shell."""

from __future__ import annotations

import argparse
import sys

from tdp.cli.common import print_json, read_json_input


def register(commands: argparse._SubParsersAction) -> None:
    practice = commands.add_parser("practice", help="tình huống luyện tập và chấm điểm")
    actions = practice.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True

    listing = actions.add_parser("list", help="liệt kê các tình huống")
    listing.add_argument("--module", type=int, metavar="BUOI", help="chỉ tình huống của buổi 1–5")
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(run=_list)

    show = actions.add_parser("show", help="xem một tình huống (kèm đáp án)")
    show.add_argument("scenario", metavar="MA_TINH_HUONG")
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    show.add_argument("--seed", metavar="HAT_GIONG",
                      help="xáo các lựa chọn như một lần làm bài (xem lại đúng thứ tự đã hiện)")
    show.set_defaults(run=_show)

    card = actions.add_parser("card", help="thẻ vai người dân của một tình huống (làm theo cặp)")
    card.add_argument("scenario", metavar="MA_TINH_HUONG")
    card.add_argument("--json", action="store_true", help="in dạng JSON")
    card.set_defaults(run=_card)

    score = actions.add_parser("score", help="chấm câu trả lời của học viên")
    score.add_argument("scenario", metavar="MA_TINH_HUONG")
    score.add_argument("file", metavar="TEP", help="tệp JSON câu trả lời, hoặc - để đọc từ stdin")
    score.add_argument("--json", action="store_true", help="in dạng JSON")
    score.add_argument("--trainee", metavar="TEN", help="lưu lần làm bài cho học viên này")
    score.set_defaults(run=_score)

    history = actions.add_parser("history", help="các lần làm bài của một học viên")
    history.add_argument("trainee", metavar="TEN")
    history.add_argument("--json", action="store_true", help="in dạng JSON")
    history.set_defaults(run=_history)


def _list(args: argparse.Namespace) -> int:
    from tdp.practice import list_scenarios, load_modules, scenario_summary

    scenarios = list_scenarios(args.module)
    if args.json:
        print_json([scenario_summary(s) for s in scenarios])
        return 0
    titles = {m.id: m.title for m in load_modules().modules}
    out = sys.stdout
    current = None
    for s in scenarios:
        if s.module != current:
            current = s.module
            out.write(f"Buổi {s.module}: {titles.get(s.module, '')}\n")
        info = scenario_summary(s)
        out.write(f"  {s.id:45} {info['level_name']:10} {s.title}\n")
    out.write(f"Tổng: {len(scenarios)} tình huống\n")
    return 0


def _show(args: argparse.Namespace) -> int:
    from tdp.practice import get_scenario, scenario_view

    data = scenario_view(get_scenario(args.scenario), with_expected=True, seed=args.seed)
    if args.json:
        print_json(data)
        return 0
    out = sys.stdout
    out.write(f"{data['title']} ({data['level_name']}, buổi {data['module']})\n")
    r = data["resident"]
    out.write(f"Người dân: {r.get('ho_ten', '')} — số định danh {r['so_dinh_danh']}, "
              f"mật khẩu tập huấn {r.get('mat_khau_tap_huan', '')}\n")
    out.write(f"Thời điểm: {data['at']}. {data['place']}\n\n{data['story']}\n\n")
    for p in data["papers"]:
        out.write(f"[Giấy tờ] {p['title']}\n")
        for k, v in p["content"].items():
            out.write(f"    {k}: {v}\n")
        if p.get("note"):
            out.write(f"    Ghi chú: {p['note']}\n")
    for q in data["questions"]:
        out.write(f"\n? {q['text']}\n")
        for o in q["options"]:
            out.write(f"    {o['value']}: {o['label']}\n")
    out.write(f"\nĐiểm tối đa: {data['max_score']}. Xem đáp án: tdp practice show "
              f"{data['id']} --json\n")
    return 0


def _card(args: argparse.Namespace) -> int:
    from tdp.practice import get_scenario, reference_store, role_card_view

    data = role_card_view(get_scenario(args.scenario), reference_store())
    if args.json:
        print_json(data)
        return 0
    out = sys.stdout
    r = data["resident"]
    out.write(f"Thẻ vai người dân — {data['title']}\n")
    out.write(f"Anh/chị đóng vai: {r['ho_ten']} — số định danh {r['so_dinh_danh']}, "
              f"mật khẩu tập huấn {r['mat_khau_tap_huan']} (chỉ người đóng vai tự gõ)\n\n")
    out.write(f"Nói trước: {data['opening']}\n\nChỉ nói khi được hỏi:\n")
    for f in data["facts"]:
        out.write(f"  - Hỏi: {f['ask']}\n    Trả lời: {f['answer']}\n")
    out.write("\nGiấy tờ chỉ đưa khi được hỏi:\n")
    for p in data["papers"]:
        out.write(f"  [{p['title']}]\n")
        for k, v in p["content"].items():
            out.write(f"      {k}: {v}\n")
    return 0


def _score(args: argparse.Namespace) -> int:
    from tdp.dates import now_local
    from tdp.practice import get_scenario, parse_answer, record_attempt, score

    started = now_local()
    scenario = get_scenario(args.scenario)
    answer = parse_answer(read_json_input(args.file), scenario)
    result = score(scenario, answer)
    if args.trainee:
        record_attempt(args.trainee, scenario.id, answer, result, started)
    if args.json:
        print_json(result.to_json())
        return 0
    out = sys.stdout
    out.write(f"{scenario.title}: {result.score}/{result.max} điểm\n")
    for item in result.items:
        mark = "✓" if item.ok else "✗"
        out.write(f"{mark} {item.label} ({item.points}/{item.max_points})\n")
        if item.detail:
            out.write(f"    {item.detail}\n")
        out.write(f"    {item.feedback}\n")
    return 0


def _history(args: argparse.Namespace) -> int:
    from tdp.practice import list_attempts

    attempts = list_attempts(args.trainee)
    if args.json:
        print_json([a.to_json() for a in attempts])
        return 0
    for a in attempts:
        sys.stdout.write(f"{a.started_at} → {a.ended_at}  {a.scenario:45} {a.score}/{a.max}\n")
    sys.stdout.write(f"Tổng: {len(attempts)} lần làm bài\n")
    return 0
