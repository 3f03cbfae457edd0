"""The course catalog: procedures, wards and messages, loaded from `course/` into typed models."""

from tdp.catalog.loader import check_catalog, load_catalog
from tdp.catalog.models import Catalog, FieldSpec, Procedure

__all__ = ["Catalog", "FieldSpec", "Procedure", "check_catalog", "load_catalog"]
