"""Quick capture's understanding of a note: free text in, who and what it is about out.

Read ``pipeline.understand`` top to bottom: it runs the stages in this order (the order
their results are needed), each in its own module of this package, and returns the frozen
dataclasses of ``result``.

1. normalise (``text``): shouting, fillers, run-on dictation split into clauses, pasted
   e-mails and chat turns;
2. mentions (``mentions``, ``firstnames``, ``interests``): the names said and the interests,
   settled against each other;
3. the client (``client_choice`` within the note, ``clients`` against the book, ``author``
   for the writer's own name), with the couples;
4. people and relations (``people``, ``family_words``) and the work contacts named;
5. introductions and referrals (``intros``);
6. inbound messages waiting for an answer (``inbound``);
7. dates (the ``dates`` subpackage: one grammar, one number-word table, the user's order);
8. tasks (the ``tasks`` subpackage: owner, negation, deadline, title);
9. facts and interests in the clauses that are not tasks, and yearly days (``facts``);
10. suggestions (``pipeline.suggest``).

The word lists the rules read are data (``wordlists``, ``resources/capture_words.txt``).
``edits`` keeps the user's fixes on the capture window's chips; the ``ask`` subpackage words
the questions a brief asks from what was understood. Nothing here imports Qt or the store;
the JSON of ``docs/capture-json.md`` is made at the edge (services and the CLI).
"""
