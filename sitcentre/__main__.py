"""`python -m sitcentre` is the `sitcentre` command."""

import sys

from sitcentre.cli import main

sys.exit(main())
