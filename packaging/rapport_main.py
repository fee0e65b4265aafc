"""The frozen app's entry point: the same ``rapport`` command line, window by default."""

from rapport.launch import command

command()
