"""The store: SQLAlchemy over a SQLite file by default, any SQLAlchemy URL by setting."""

from tdp.store.database import Store, open_store

__all__ = ["Store", "open_store"]
