"""``python -m services_directory ...``: see services_directory/cli.py."""

import sys

from services_directory.cli import main

sys.exit(main())
