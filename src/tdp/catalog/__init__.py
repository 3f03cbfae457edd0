"""The course catalog: procedures, wards and messages, loaded from `course/` into typed models."""

from tdp.catalog.loader import (
    SUPPORT_FILE,
    check_catalog,
    load_catalog,
    load_model_file,
    read_support_lists,
)
from tdp.catalog.models import Catalog, FieldSpec, Procedure, SupportLists, SupportOption
from tdp.catalog.words import (
    LEVEL_NAMES,
    SERVICE_LEVEL_MEANING,
    SERVICE_LEVEL_NAMES,
    SERVICE_LEVELS,
    STATUS_MEANING,
    STATUS_NAMES,
    CatalogWords,
)

__all__ = [
    "LEVEL_NAMES", "SERVICE_LEVELS", "SERVICE_LEVEL_MEANING", "SERVICE_LEVEL_NAMES",
    "STATUS_MEANING", "STATUS_NAMES",
    "SUPPORT_FILE", "Catalog", "CatalogWords", "FieldSpec", "Procedure", "SupportLists",
    "SupportOption", "check_catalog", "load_catalog", "load_model_file",
    "read_support_lists",
]
