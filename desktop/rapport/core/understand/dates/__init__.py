"""The date grammar: ``find`` locates date phrases in a text (``find_dates``, ``parse_due``),
``rules`` says which regex finds which kind of phrase, ``handlers`` what each means and
``days`` the calendar arithmetic they share; ``when`` reads the loose times a brief's
questions need ("in May", "last week")."""
