"""The choices of the support log, as data: communes and groups from `course/wards.yaml`,
procedures from `course/procedures/` plus the extra activities of `course/support.yaml`
(installing VNeID …), and the channels, age groups and outcomes of `course/support.yaml`.

People type these in Excel in many ways: the id (`tai_nha`), the label ("Tại nhà người dân"),
with or without diacritics, NFC or NFD, any case and spacing. `Choice.resolve` maps all of
them to the id, and refuses a value that could mean two options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tdp.catalog import SUPPORT_FILE, SupportOption
from tdp.text import clean, fold_diacritics

_SEPARATORS = re.compile(r"[\s_\-]+")
_KIND_PREFIX = re.compile(r"^(xa|phuong|dac khu|thi tran) ")
_TRAILING_NUMBER = re.compile(r"(?:^| )0*([0-9]+)$")


def lookup_key(value: str) -> str:
    """The form under which typed values compare: NFC, no diacritics, no case, `_`/`-`/runs
    of spaces as one space. 'Tại  nhà_người dân' and 'tai nha nguoi dan' → same key."""
    return _SEPARATORS.sub(" ", fold_diacritics(clean(value))).strip()


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass
class Choice:
    """One closed list (procedures, channels …) and its tolerant lookup."""

    options: tuple[Option, ...]
    _index: dict[str, str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for opt in self.options:
            for key in self._keys(opt):
                self._add(key, opt.id)

    @staticmethod
    def _keys(opt: Option) -> Iterable[str]:
        yield lookup_key(opt.id)
        yield lookup_key(opt.label)

    def _add(self, key: str, option_id: str) -> None:
        if not key:
            return
        if key in self._index and self._index[key] != option_id:
            self._index[key] = None  # ambiguous: refuse rather than guess
        else:
            self._index[key] = option_id

    @property
    def ids(self) -> list[str]:
        return [o.id for o in self.options]

    @property
    def labels(self) -> list[str]:
        return [o.label for o in self.options]

    def label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), option_id)

    def resolve(self, value: object) -> str | None:
        """The id meant by `value`, or `None` if it matches no option (or more than one)."""
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = lookup_key(str(value))
        return self._index.get(key) if key else None


@dataclass
class CommuneChoice(Choice):
    """Communes: also 'Thống Nhất' for 'Phường Thống Nhất'. Each commune has its groups."""

    groups: dict[str, Choice] = field(default_factory=dict)

    @staticmethod
    def _keys(opt: Option) -> Iterable[str]:
        yield lookup_key(opt.id)
        yield lookup_key(opt.label)
        yield _KIND_PREFIX.sub("", lookup_key(opt.label))


@dataclass
class GroupChoice(Choice):
    """Residential groups: also '1' or 'Tổ 1' for 'Tổ dân phố 1'."""

    @staticmethod
    def _keys(opt: Option) -> Iterable[str]:
        yield lookup_key(opt.id)
        yield lookup_key(opt.label)
        m = _TRAILING_NUMBER.search(lookup_key(opt.label))
        if m:
            yield m.group(1)
            yield f"to {m.group(1)}"

    def resolve(self, value: object) -> str | None:
        if isinstance(value, str):
            m = re.fullmatch(r"\s*0*([0-9]+)\s*", value)
            if m:
                value = m.group(1)
        return super().resolve(value)


@dataclass
class SupportChoices:
    """Every closed list of the support log."""

    communes: CommuneChoice
    procedures: Choice
    channels: Choice
    age_groups: Choice
    outcomes: Choice

    @classmethod
    def build(
        cls,
        communes: Iterable[tuple[str, str, Iterable[tuple[str, str]]]],
        procedures: Iterable[tuple[str, str]],
        channels: Iterable[tuple[str, str]],
        age_groups: Iterable[tuple[str, str]],
        outcomes: Iterable[tuple[str, str]],
    ) -> SupportChoices:
        """From plain (id, label) pairs; communes are (id, name, [(group id, name), …])."""

        def opts(pairs: Iterable[tuple[str, str]]) -> tuple[Option, ...]:
            return tuple(Option(i, clean(label)) for i, label in pairs)

        commune_list = list(communes)
        commune_choice = CommuneChoice(tuple(Option(i, clean(n)) for i, n, _ in commune_list))
        commune_choice.groups = {i: GroupChoice(opts(groups)) for i, _, groups in commune_list}
        return cls(
            communes=commune_choice,
            procedures=Choice(opts(procedures)),
            channels=Choice(opts(channels)),
            age_groups=Choice(opts(age_groups)),
            outcomes=Choice(opts(outcomes)),
        )

    def groups(self, commune_id: str) -> Choice:
        return self.communes.groups.get(commune_id) or GroupChoice(())

    def all_group_labels(self) -> list[str]:
        """Every group name once, in order (for the template's drop-down list)."""
        seen: dict[str, None] = {}
        for choice in self.communes.groups.values():
            for label in choice.labels:
                seen.setdefault(label, None)
        return list(seen)


def load_support_choices(course: Path | None = None) -> SupportChoices:
    """The choices for the course at `course` (default `course/`). Cached; a change to
    `support.yaml` is picked up on the next call."""
    from tdp.paths import course_dir

    root = (course or course_dir()).resolve()
    try:
        stamp = (root / SUPPORT_FILE).stat().st_mtime_ns
    except OSError:
        stamp = None
    return _load_choices(root, stamp)


@lru_cache(maxsize=8)
def _load_choices(root: Path, _stamp: int | None) -> SupportChoices:
    from tdp.catalog import load_catalog, read_support_lists

    catalog = load_catalog(root)
    spec = read_support_lists(root)  # the catalog's validation: file, key, fix in Vietnamese

    def pairs(items: list[SupportOption]) -> list[tuple[str, str]]:
        return [(o.id, o.label) for o in items]

    return SupportChoices.build(
        communes=[
            (c.id, c.name, [(g.id, g.name) for g in c.groups]) for c in catalog.wards.communes
        ],
        procedures=[(p.id, p.name) for p in catalog.procedures.values()]
        + pairs(spec.viec_ho_tro_khac),
        channels=pairs(spec.hinh_thuc),
        age_groups=pairs(spec.nhom_tuoi),
        outcomes=pairs(spec.ket_qua),
    )
