"""`python -m rapport` runs the ``rapport`` command (a command, or with none the window)."""

from rapport.launch import command

command()
