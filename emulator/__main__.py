"""Entry point: python -m emulator [options] (see --help)."""

import sys

from emulator.cli import main

sys.exit(main())
