"""Two or three things to ask about before a call: ``about`` chooses them; ``news``,
``life``, ``business`` and ``hobbies`` each recognise one kind of news; ``context`` holds
what they share."""
