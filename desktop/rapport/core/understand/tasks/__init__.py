"""The user's tasks in a note: ``find`` finds them, ``requests`` reads what was asked of the
user, ``deadlines`` gives each its day, ``titles`` words it, ``words`` holds the verbs and
``model`` the types the others share."""
