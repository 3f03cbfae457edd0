"""The mock population registry: who lives where, their families and the facts the
procedures look up (ages, kinship, ended marriages, fee exemptions).

The front door for the engine and the faces. Submodules load on first use, so asking for
`forbidden_kinship` does not import the store's SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tdp.lazy import lazy_exports

if TYPE_CHECKING:
    from tdp.registry.ages import MARRYING_AGE, birthday, full_years, full_years_iso, is_of_age
    from tdp.registry.kinship import Kinship, KinshipView, forbidden_kinship
    from tdp.registry.person import BENEFITS, MarriageEnd, Person, Residence
    from tdp.registry.samples import PeopleIndex
    from tdp.registry.seed import ensure_seeded, seed_registry
    from tdp.registry.store import RegistryRepo

_EXPORTS: dict[str, str] = {
    "birthday": "ages", "full_years": "ages", "full_years_iso": "ages", "is_of_age": "ages",
    "Kinship": "kinship", "KinshipView": "kinship", "forbidden_kinship": "kinship",
    "BENEFITS": "person", "MarriageEnd": "person", "Person": "person", "Residence": "person",
    "MARRYING_AGE": "ages", "PeopleIndex": "samples",
    "ensure_seeded": "seed", "seed_registry": "seed",
    "RegistryRepo": "store",
}

__all__ = [
    "BENEFITS",
    "Kinship",
    "KinshipView",
    "MARRYING_AGE",
    "MarriageEnd",
    "PeopleIndex",
    "Person",
    "RegistryRepo",
    "Residence",
    "birthday",
    "ensure_seeded",
    "forbidden_kinship",
    "full_years",
    "full_years_iso",
    "is_of_age",
    "seed_registry",
]


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
