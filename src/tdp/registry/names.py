"""Names for the synthetic population: Kinh, Jrai (Gia Rai) and Bahnar (Ba Na).

A registry name is checked against what a volunteer types, so names must look like the ones
met in Pleiku: Vietnamese order Họ + chữ đệm + tên with gender-consistent middle names for the
Kinh, clan names (matrilineal) with "H'" (women) and "A" (men) given-name prefixes for the
Jrai, and "Đinh" or the bare "A" (men) / "Y" (women) prefix for the Bahnar (a woman named
with Đinh may keep her "Y": "Đinh Thị Y Blơi"; "H'" is not a Bahnar prefix). "Y" before a
man's name is Ê Đê, not Jrai. The word lists live in `tdp/data/names.yaml`.
"""

from __future__ import annotations

import functools
import itertools
import random
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

Sex = Literal["nam", "nu"]

KINH = "Kinh"
JRAI = "Gia Rai"
BAHNAR = "Ba Na"
ETHNIC_GROUPS = (KINH, JRAI, BAHNAR)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class NameData:
    """The name lists, NFC-normalised, with weights as parallel tuples for `Random.choices`."""

    kinh_families: tuple[str, ...]
    kinh_family_cum: tuple[float, ...]  # cumulative weights: `choices` need not re-add them
    middle_male: tuple[str, ...]
    middle_female: tuple[str, ...]
    middle_male_not_van: tuple[str, ...]
    middle_female_not_thi: tuple[str, ...]
    given_male_classic: tuple[str, ...]
    given_male_modern: tuple[str, ...]
    given_female_classic: tuple[str, ...]
    given_female_modern: tuple[str, ...]
    jrai_clans: tuple[str, ...]
    jrai_clan_cum: tuple[float, ...]
    jrai_male_prefixes: tuple[str, ...]
    jrai_female_prefix: str
    jrai_given_male: tuple[str, ...]
    jrai_given_female: tuple[str, ...]
    bahnar_family: str
    bahnar_given_male: tuple[str, ...]
    bahnar_given_female: tuple[str, ...]


def _words(items: list[object]) -> tuple[str, ...]:
    return tuple(nfc(str(x)) for x in items)


def _cumulative(weights: dict[str, float]) -> tuple[float, ...]:
    return tuple(itertools.accumulate(float(w) for w in weights.values()))


@functools.cache
def name_data() -> NameData:
    """Load names.yaml once (list order is kept, so draws are reproducible)."""
    text = resources.files("tdp").joinpath("data/names.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=_Loader)
    kinh, jrai, bahnar = raw["kinh"], raw["jrai"], raw["bahnar"]
    return NameData(
        kinh_families=_words(list(kinh["family_names"])),
        kinh_family_cum=_cumulative(kinh["family_names"]),
        middle_male=_words(kinh["middle_male"]),
        middle_female=_words(kinh["middle_female"]),
        middle_male_not_van=tuple(m for m in _words(kinh["middle_male"]) if m != "Văn"),
        middle_female_not_thi=tuple(m for m in _words(kinh["middle_female"]) if m != "Thị"),
        given_male_classic=_words(kinh["given_male_classic"]),
        given_male_modern=_words(kinh["given_male_modern"]),
        given_female_classic=_words(kinh["given_female_classic"]),
        given_female_modern=_words(kinh["given_female_modern"]),
        jrai_clans=_words(list(jrai["clans"])),
        jrai_clan_cum=_cumulative(jrai["clans"]),
        jrai_male_prefixes=_words(jrai["male_prefixes"]),
        jrai_female_prefix=nfc(jrai["female_prefix"]),
        jrai_given_male=_words(jrai["given_male"]),
        jrai_given_female=_words(jrai["given_female"]),
        bahnar_family=nfc(bahnar["family_name"]),
        bahnar_given_male=_words(bahnar["given_male"]),
        bahnar_given_female=_words(bahnar["given_female"]),
    )


def pick_family_name(rng: random.Random, dan_toc: str) -> str | None:
    """A family (or clan) name for a newcomer to a family; None = Bahnar without one."""
    data = name_data()
    if dan_toc == JRAI:
        return rng.choices(data.jrai_clans, cum_weights=data.jrai_clan_cum)[0]
    if dan_toc == BAHNAR:
        return data.bahnar_family if rng.random() < 0.6 else None
    return rng.choices(data.kinh_families, cum_weights=data.kinh_family_cum)[0]


def pick_other_clan(rng: random.Random, clan: str | None) -> str:
    """A Jrai clan different from `clan`: Jrai clans are exogamous."""
    data = name_data()
    while True:
        other = rng.choices(data.jrai_clans, cum_weights=data.jrai_clan_cum)[0]
        if other != clan:
            return other


def _kinh_given(rng: random.Random, sex: Sex, birth_year: int) -> str:
    data = name_data()
    modern_share = 0.6 if birth_year >= 2000 else 0.3 if birth_year >= 1985 else 0.1
    modern = rng.random() < modern_share
    if sex == "nam":
        return rng.choice(data.given_male_modern if modern else data.given_male_classic)
    return rng.choice(data.given_female_modern if modern else data.given_female_classic)


def _kinh_middles(rng: random.Random, sex: Sex, birth_year: int) -> list[str]:
    """Older generations are nearly all "Văn"/"Thị"; younger ones vary more."""
    data = name_data()
    if sex == "nam":
        van_share = 0.6 if birth_year < 1975 else 0.4 if birth_year < 1995 else 0.2
        if rng.random() < van_share:
            return ["Văn"]
        return [rng.choice(data.middle_male_not_van)]
    thi_share = 0.85 if birth_year < 1975 else 0.6 if birth_year < 1995 else 0.3
    others = data.middle_female_not_thi
    if rng.random() < thi_share:
        # "Nguyễn Thị Thu Hà": a second middle name after "Thị" now and then.
        return ["Thị", rng.choice(others)] if rng.random() < 0.12 else ["Thị"]
    return [rng.choice(others)]


def _kinh_name(rng: random.Random, sex: Sex, birth_year: int, family: str) -> str:
    while True:
        middles = _kinh_middles(rng, sex, birth_year)
        given = _kinh_given(rng, sex, birth_year)
        if given not in middles:
            return " ".join([family, *middles, given])


def _jrai_name(rng: random.Random, sex: Sex, birth_year: int, clan: str) -> str:
    data = name_data()
    r = rng.random()
    if sex == "nam":
        # Modern Jrai often carry a Vietnamese given name ("Rơ Mah Tuấn").
        given = (
            _kinh_given(rng, sex, birth_year)
            if rng.random() < 0.2
            else rng.choice(data.jrai_given_male)
        )
        if r < 0.25:
            # One prefix or two, `choice` takes the same 32-bit draws (a try is kept when its
            # top bit is 0 either way), so dropping the Ê Đê "Y" shifted no other draw.
            return f"{clan} {rng.choice(data.jrai_male_prefixes)} {given}"
        if r < 0.35:
            return f"{clan} Văn {given}"
        return f"{clan} {given}"
    if rng.random() < 0.2:
        return f"{clan} {'Thị ' if r < 0.5 else ''}{_kinh_given(rng, sex, birth_year)}"
    given = rng.choice(data.jrai_given_female)
    if r < 0.5:
        return f"{clan} {data.jrai_female_prefix}{given}"
    if r < 0.65:
        return f"{clan} Thị {given}"
    return f"{clan} {given}"


def _bahnar_name(rng: random.Random, sex: Sex, family: str | None) -> str:
    data = name_data()
    r = rng.random()
    if sex == "nam":
        given = rng.choice(data.bahnar_given_male)
        if family is None:
            return f"A {given}"
        return f"{family} Văn {given}" if r < 0.6 else f"{family} {given}"
    given = rng.choice(data.bahnar_given_female)
    if family is None:
        return f"Y {given}"
    if r < 0.2:  # the Bahnar woman's "Y" (the Jrai and Ê Đê "H'" is not theirs)
        return f"{family} Thị Y {given}"
    return f"{family} Thị {given}" if r < 0.75 else f"{family} {given}"


def compose_name(
    rng: random.Random, dan_toc: str, sex: Sex, birth_year: int, family: str | None
) -> str:
    """A full name (NFC) in registry order for a person of this group, sex and generation."""
    if dan_toc == JRAI:
        name = _jrai_name(rng, sex, birth_year, family or pick_family_name(rng, JRAI) or "")
    elif dan_toc == BAHNAR:
        name = _bahnar_name(rng, sex, family)
    else:
        name = _kinh_name(rng, sex, birth_year, family or pick_family_name(rng, KINH) or "")
    return nfc(name)


def split_kinh_name(full_name: str) -> tuple[str, tuple[str, ...], str]:
    """(họ, chữ đệm…, tên): Kinh family names are one word, the given name the last one."""
    words = nfc(full_name).split()
    return words[0], tuple(words[1:-1]), words[-1]
