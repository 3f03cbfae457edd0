"""Benchmark: a province's support log (22 communes, 3 years, ~200,000 records) aggregated into
every monthly report. Prints times and peak memory; asserts nothing.

    .venv/bin/python bench/reports.py                 # generate, store, read back, aggregate
    .venv/bin/python bench/reports.py --no-store      # skip SQLite (pandas only)
    .venv/bin/python bench/reports.py --rows 50000 --files 5 --tracemalloc

Steps: (1) generate the synthetic log with numpy (seeded); (2) bulk-insert it into a temporary
SQLite store with `tdp.support.add_records` and read it back with `records_frame`;
(3) `monthly_table` — every ward × month at once (vectorised); (4) `all_monthly_reports` —
one `MonthlyReport` per ward × month, as `tdp report monthly` builds it; (5) the Excel + PNG
output of a few reports. Peak memory: the process's ru_maxrss, and with --tracemalloc the peak
of Python allocations (numpy and pandas included) during steps 3–4.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from tdp.reports import all_monthly_reports, monthly_table, write_xlsx
from tdp.support import SupportChoices, SupportRecord, add_records, load_support_choices
from tdp.support.log import COLUMNS, frame_from_rows, records_frame

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Ksor", "Rơ Mah", "Siu"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "H'"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hoa", "Khánh", "Lan", "Nam", "Phúc", "Blih", "Hiao"]


def province_choices(communes: int) -> SupportChoices:
    """The course's procedures, channels, age groups and outcomes; synthetic communes."""
    base = load_support_choices()

    def pairs(choice):
        return [(o.id, o.label) for o in choice.options]

    return SupportChoices.build(
        communes=[(f"xa_{i:02d}", f"Xã Mẫu {i:02d}",
                   [(f"to_{g}", f"Tổ dân phố {g}") for g in range(1, 9)])
                  for i in range(1, communes + 1)],
        procedures=pairs(base.procedures), channels=pairs(base.channels),
        age_groups=pairs(base.age_groups), outcomes=pairs(base.outcomes),
    )


def synthetic_log(choices: SupportChoices, rows: int, start: date, years: int,
                  seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.date_range(start, periods=365 * years, freq="D")
    weight = np.where(days.dayofweek >= 5, 4.0, 1.0)  # mostly weekends, as the pilot
    ngay = rng.choice(days.values, size=rows, p=weight / weight.sum())
    communes = np.array(choices.communes.ids)
    size = rng.uniform(0.3, 3.0, len(communes))  # some communes far more active
    ward = rng.choice(communes, size=rows, p=size / size.sum())
    group = np.char.add("to_", rng.integers(1, 9, rows).astype(str))

    def pick(choice, p=None):
        return rng.choice(np.array(choice.ids), size=rows, p=p)

    procs = choices.procedures.ids
    p_proc = np.array([1.0] * len(procs))
    p_proc[procs.index("cai_dat_vneid")] = 4.0
    volunteers_per_ward = {
        w: [f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i * 7 + k) % 11]}"
            for i, k in zip(range(12), range(j, j + 12), strict=True)]
        for j, w in enumerate(communes)
    }
    slot = rng.integers(0, 12, rows)
    volunteer = np.array([volunteers_per_ward[w][s] for w, s in zip(ward, slot, strict=True)])
    frame = pd.DataFrame({
        "id": np.arange(1, rows + 1),
        "ngay": ngay,
        "xa_phuong": ward,
        "to_dan_pho": group,
        "thu_tuc": pick(choices.procedures, p_proc / p_proc.sum()),
        "hinh_thuc": pick(choices.channels, [0.5, 0.35, 0.15]),
        "nhom_tuoi": pick(choices.age_groups, [0.1, 0.55, 0.35]),
        "ket_qua": pick(choices.outcomes, [0.75, 0.15, 0.10]),
        "tinh_nguyen_vien": volunteer,
    })
    return frame.sort_values(["ngay", "id"]).reset_index(drop=True)[list(COLUMNS)]


def rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


@contextmanager
def step(name: str):
    t0, c0 = time.perf_counter(), time.process_time()
    yield
    print(f"{name:<46} {time.perf_counter() - t0:8.2f} s (CPU {time.process_time() - c0:6.2f} s)"
          f"   peak RSS {rss_mb():5.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--communes", type=int, default=22)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--files", type=int, default=3, help="reports written as Excel+PNG")
    parser.add_argument("--no-store", action="store_true", help="skip the SQLite round trip")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also measure the peak of Python allocations in aggregation")
    args = parser.parse_args()

    print(f"tdp bench/reports.py: {args.rows:,} records, {args.communes} communes, "
          f"{args.years} years; pandas {pd.__version__}, numpy {np.__version__}")
    choices = province_choices(args.communes)
    with step("1 generate synthetic log (numpy)"):
        frame = synthetic_log(choices, args.rows, date(2022, 9, 1), args.years)

    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_store:
            from tdp.store.database import Store

            store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
            records = [
                SupportRecord.model_construct(ngay=ts.date(), **{c: v for c, v in zip(
                    COLUMNS[2:], vals, strict=True)})
                for ts, *vals in frame[list(COLUMNS[1:])].itertuples(index=False, name=None)
            ]
            with step("2a store: bulk insert into SQLite"):
                add_records(records, store=store)
            del records
            with step("2b store: records_frame (read back)"):
                frame = records_frame(store=store)
            store.dispose()
        else:
            frame = frame_from_rows(frame.assign(ngay=frame["ngay"].dt.strftime("%Y-%m-%d"))
                                    .itertuples(index=False, name=None))

        if args.tracemalloc:
            tracemalloc.start()
        with step("3 monthly_table: every ward x month at once"):
            table = monthly_table(frame)
        with step("4 all_monthly_reports: one report each"):
            reports = all_monthly_reports(frame, choices=choices)
        if args.tracemalloc:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"{'   tracemalloc peak during steps 3-4':<46} {peak / 2**20:8.0f} MB")
        if reports and args.files:
            with step(f"5 Excel + PNG for {args.files} reports"):
                for i, report in enumerate(reports[: args.files]):
                    write_xlsx(report, Path(tmp) / f"bao_cao_{i}.xlsx")

    busiest = table.sort_values("luot_ho_tro").iloc[-1]
    print(f"{len(table)} ward-months in monthly_table, {len(reports)} reports; "
          f"records {int(table['luot_ho_tro'].sum()):,}; busiest: {busiest['xa_phuong']} "
          f"{busiest['thang']} with {int(busiest['luot_ho_tro'])} visits")
    print(f"peak RSS of the process: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
