"""``python -m autodsl`` runs the CLI."""

import sys

from autodsl.cli import main

sys.exit(main())
