# Two commands on a fresh machine (Python 3.11, pip, Node): `make app` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test app venv lint browser hub clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@# left behind by jsonschema 4.25+ in an older .venv (see pyproject.toml)
	@$(PY) -m pip uninstall --quiet --yes rfc3987-syntax >/dev/null 2>&1 || true
	@# JupyterLab's "Jupyter news?" prompt fetches from the Internet, which the hall has not
	$(VENV)/bin/jupyter labextension disable --level=sys_prefix \
	  @jupyterlab/apputils-extension:announcements >/dev/null 2>&1
	touch $(STAMP)

venv: $(STAMP)

# System packages the tests use: Debian's Chromium (Playwright's own browser download cannot
# work here) and PostgreSQL (the store's second database); Pango and DejaVu fonts (full
# Vietnamese coverage) for the printouts (WeasyPrint), poppler-utils to read them back.
browser:
	@command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	  && ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 && command -v pdftotext >/dev/null && command -v tc >/dev/null || { \
	  echo "Cài Chromium và PostgreSQL (apt-get)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium postgresql libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils iproute2 >/dev/null; }
	@# one npm call for both: a second `npm install --no-save` would prune the first's package
	@test -f node_modules/axe-core/axe.min.js -a -x node_modules/.bin/configurable-http-proxy || { \
	  echo "Cài axe-core và configurable-http-proxy (npm)…"; \
	  npm install --no-save --no-audit --no-fund --silent axe-core@4.11.0 \
	    configurable-http-proxy@5.0.1; }
	@# The hub tests run servers as system accounts: they must reach the interpreter (pyenv
	@# keeps it under /root, 0700). Traversal only (o+x), and only where it is missing.
	@[ "$$(id -u)" != 0 ] || $(PY) -c "import os, sys; from pathlib import Path; \
	  [os.chmod(d, os.stat(d).st_mode | 0o001) for d in Path(os.path.realpath(sys.executable)).parents \
	   if not os.stat(d).st_mode & 0o001]"

# The province server (README, "Province-wide"), as root: the Python environment, PostgreSQL,
# the hub's proxy (npm) and the interpreter reachable by the trainees' system accounts, which
# `browser` already does (with Chromium, which the hub does not need but the tests do).
hub: $(STAMP) browser

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

test: $(STAMP) browser
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/tdp catalog check
	$(PY) -m pytest -q -p no:cacheprovider

app: $(STAMP)
	$(VENV)/bin/tdp app

clean:
	rm -rf var .pytest_cache .hypothesis
