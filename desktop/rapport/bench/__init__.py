"""``rapport bench``: times what the window and the command line call, on the open book.

Above services (it calls them) and below the CLI, which imports it only for ``rapport bench``.
"""
