"""The course catalog: procedures, wards and messages, loaded from `course/` into typed models."""

from tdp.catalog.loader import SUPPORT_FILE, check_catalog, load_catalog, read_support_lists
from tdp.catalog.models import Catalog, FieldSpec, Procedure, SupportLists, SupportOption

__all__ = ["SUPPORT_FILE", "Catalog", "FieldSpec", "Procedure", "SupportLists", "SupportOption",
           "check_catalog", "load_catalog", "read_support_lists"]
