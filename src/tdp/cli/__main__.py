"""`python -m tdp.cli`."""

from tdp.cli import main

raise SystemExit(main())
