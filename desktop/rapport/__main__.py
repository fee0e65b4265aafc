"""`python -m rapport` runs the command line (and, with no command, the window)."""

from rapport.cli import main

raise SystemExit(main())
