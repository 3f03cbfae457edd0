"""The province-wide deployment on JupyterHub + PostgreSQL (`tdp hub`)."""
