"""Process exit codes, one list shared by the `sitcentre` command and the desktop app (ui.shell.app).

Qt-free so the CLI can import it. The numbers are part of the interface (scripts and tests rely on them),
the README's "Exit codes" paragraph describes them to operators; change neither without the other.
"""

from __future__ import annotations

EXIT_OK = 0  # done (the app: the window was closed, or the sign-in was cancelled)
EXIT_CHECK_FAILED = 1  # a check found problems (db check, audit verify)
EXIT_ERROR = 1  # an unexpected failure, or a screenshot that cannot be written (same number as above)
EXIT_DATABASE = 2  # bad address, unreachable, newer schema, damaged or locked database, missing file, full disk,
# a data folder that cannot be created
EXIT_USAGE = 3  # bad arguments, a day outside the years a report may ask for, an output file refused or existing
EXIT_INTERRUPTED = 130  # Ctrl+C (128 + SIGINT, as shells report it), e.g. while demo data is written
