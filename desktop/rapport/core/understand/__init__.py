"""Quick capture's understanding of a note: free text in, who and what it is about out.

Read ``pipeline.understand`` top to bottom: it runs the stages in this order, each in its
own module of this package.

1. normalise (``text``): control characters, shouting, fillers, run-on dictation split
   into clauses, pasted e-mails and chat turns;
2. mentions (``mentions``, ``firstnames``): the people, companies and titles named;
3. the client (``clients`` against the book, ``client_choice`` within the note, ``author``
   for the writer's own name);
4. people and relations (``people``, ``family_words``) and work contacts;
5. facts and interests (``facts``, ``interests``);
6. dates (the ``dates`` subpackage: one grammar, ``dates.find.find_dates``);
7. tasks (the ``tasks`` subpackage: owner, negation, deadline, title);
8. inbound messages waiting for an answer (``inbound``);
9. introductions and referrals (``intros``);
10. suggestions (``pipeline.suggest``).

``edits`` keeps the user's fixes on the capture window's chips; the ``ask`` subpackage words
the questions a brief asks from what was understood. Nothing here imports Qt or the store;
the JSON of ``docs/capture-json.md`` is made at the edge (services and the CLI).
"""
