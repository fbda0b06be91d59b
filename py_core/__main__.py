"""``python -m py_core``: the command line (:mod:`py_core.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
