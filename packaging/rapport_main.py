"""The frozen app's entry point: the same ``rapport`` command line, window by default."""

from rapport.cli import main

raise SystemExit(main())
