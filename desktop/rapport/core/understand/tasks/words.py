"""The words of the user's to-dos: task verbs and their phone spellings, the cues that make a
clause the user's own ("I'll", "promised", "Follow up:"), the headers that are not tasks
("Call with Maria"), the separators that cut a sentence into clauses and lists, and the small
helpers that read a clause's own dates and lists ("Send specs Monday, quote by 4/30").

Only ``find`` uses them; they live apart so that module reads as the grammar.
"""

from __future__ import annotations

import re

from rapport.core.understand.text import LazyRegex, Span, words
from rapport.core.understand.wordlists import word_list

__all__ = [
    "ACK",
    "ADVICE",
    "ALIASES",
    "BARE_DATED",
    "BARE_OK",
    "CONDITION",
    "COORD",
    "DELIVERABLES",
    "FOLLOW_CUE",
    "GERUNDS",
    "GIFT_TO",
    "HAVE_A_TO",
    "HAVE_IT",
    "HEADER",
    "INTRO_TITLE",
    "KEEP_ME_TOLD",
    "LEAD_IN",
    "LIST_AND",
    "LIST_PLUS",
    "LOG_HEADER",
    "MEETING_KINDS",
    "MEETING_NOUNS",
    "NEEDS_OBJECT",
    "NEED_CUE",
    "NEGATED",
    "NOT_NOW",
    "NOT_OURS",
    "NOUN_BEFORE_FOR",
    "NOUN_NEXT",
    "OBJECT_PRONOUN",
    "OBJECT_STARTS",
    "OTHERS_ACTION",
    "OWN_CUE",
    "PAREN",
    "PAST_START",
    "PROMISE_CUE",
    "SEPARATORS",
    "SUBJECTS",
    "TAKES_THING",
    "THEIRS",
    "THEIR_CUE",
    "THING_PRONOUN",
    "TRAILING",
    "VERBS",
    "VERB_ALT",
    "WILL_CUE",
    "base_verb",
    "delegated",
    "new_subject",
    "runon_pieces",
]

MEETING_NOUNS = word_list("tasks.words.MEETING_NOUNS")
# Words that name a kind of meeting before a meeting noun: "intro mtg", "kickoff call".
MEETING_KINDS = word_list("tasks.words.MEETING_KINDS")
# Verbs that take what was asked for when said alone: "resend + confirm" after "resend the
# invoice?", "sending tmrw" after "asking for the deck".
TAKES_THING = word_list("tasks.words.TAKES_THING")
# (with the verbs of other Englishes, brief i16tr2: "will revert by Monday" is a reply)
VERBS = word_list("tasks.words.VERBS") | word_list("tasks.words.I16TR2_VERBS")
# Verbs that are nouns too, a verb only before what they act on: "quote both ways", "price it
# out", "comp the oil change" (not "Quote by 4/30", "price increase pushback")
NEEDS_OBJECT = word_list("tasks.words.NEEDS_OBJECT")
OBJECT_STARTS = word_list("tasks.words.OBJECT_STARTS")
# Phone spellings of a verb: "thx Jen" is "Thank Jen".
ALIASES = {"thx": "thank", "thnx": "thank", "ty": "thank", "txt": "text", "callback": "call",
            "fwd": "forward", "resched": "reschedule"}  # fmt: skip
BARE_OK = word_list("tasks.words.BARE_OK")
NOUN_NEXT = word_list("tasks.words.NOUN_NEXT")
# Verbs that are also nouns naming a thing, not a to-do, before "for": "Order for Whitman & Sons"
NOUN_BEFORE_FOR = word_list("tasks.words.NOUN_BEFORE_FOR")
# A verb alone with a date is a task when it makes something ("draft by 8/10", "print tmrw");
# "start 6/29", "close 12/18" say when something happens
BARE_DATED = word_list("tasks.words.BARE_DATED")
PAST_START = word_list("tasks.words.PAST_START")
GERUNDS = {"sending": "send", "emailing": "email", "calling": "call", "texting": "text",
            "scheduling": "schedule", "setting": "set", "following": "follow",
            "checking": "check", "getting": "get", "ordering": "order", "booking": "book",
            "drafting": "draft", "preparing": "prepare", "writing": "write", "mailing": "mail",
            "shipping": "ship", "dropping": "drop", "putting": "put", "pulling": "pull",
            "introducing": "introduce", "reaching": "reach", "looping": "loop",
            "buying": "buy", "picking": "pick", "inviting": "invite"}  # fmt: skip
# Longest first; ties in a fixed order, so that the pattern is the same text in every
# process (VERBS is a set, whose order follows the hash seed): the same compiled program.
VERB_ALT = "|".join(sorted((re.escape(v) for v in VERBS), key=lambda v: (-len(v), v)))
VERB_ALT += "|" + "|".join(ALIASES)
# One verb alternation for both separators: the pattern is compiled on a note's first task.
COORD = LazyRegex(
    # "... and maybe send mae some flowers", "and also order the linens": a second to-do
    # ", so get him that by Monday": the user's answer to what was just wanted
    r"(?:,\s+(?:and\s+|then\s+|so\s+|maybe\s+)?|\s+(?:and|&|\+)\s+(?:then\s+|maybe\s+|also\s+)?"
    # said in one breath: "...before that so call Mike at the yard Monday", a verb and whom
    rf"|\s+so\s+(?=(?:{VERB_ALT})\s+(?:him|her|them|the|a|an|(?-i:[A-Z])))"
    r")"
    rf"(?=(?:to\s+)?(?:re-?)?(?:{VERB_ALT})\b"
    # "..., need to get her a lane sheet": the user's own clause, no subject said
    r"|(?:need|have|got)\s+to\s|gotta\s"
    # "..., sending it now" (not "a junior, getting recruited")
    rf"|(?:{'|'.join(GERUNDS)})\s+(?:it|them|him|her|the|a|an|over|out|back|up)\b)",
    re.IGNORECASE,
)
SEPARATORS = LazyRegex(
    r"\s+-+\s+|\s+[–—]\s+|\s+(?:→|->)\s+|\s+/\s+|\s*\(\s*(?=[A-Za-z]+ (?:him|her)\b)"
    # a colon ends a heading, but "loop in finance re: the 36-month option" is "about"
    r"|(?<=[\w)])(?<!\b[Rr]e)(?<!\bRE):\s+"
    # "send the price sheet tmrw #family her son ...": a hashtag starts the next item
    r"|\s+(?=#[A-Za-z][\w-]*\s)"
    # "..., anyway I need to send Dana the statements": the user speaking starts a clause
    r"|,\s+(?:(?i:anyway|anyways|so|and|but|then|also|after\s+that|afterwards)\s+)?(?=(?i:i'll|"
    r"i\s+(?:need|have\s+to|will|must|should|gotta|owe|promised|can)\b"
    # said aloud: "..., I'm gonna send him the invoice", "..., let me check the stock"
    r"|i'?m\s+(?:going\s+to|gonna|fixin[g']?\s+to)\s|i\s+am\s+going\s+to\s"
    r"|let\s+me\s(?!know\b|see\b|think\b)"
    r"|(?:don'?t\s+forget|remember|make\s+sure)\s+to\s"
    # "he sends the manuscripts next week, after that I prepare the quotation": the user's step
    # in the present, as a non-native note says what it will do
    r"|(?:(?<=that\s)|(?<=afterwards\s)|(?<=then\s))i\s+(?:send|call|email|prepare|draft|book|schedule|check|ship|deliver|visit"
    r"|confirm|review|update)\b))"
    # "Stan is upset so I promised I'd be there": no comma, but "so"/"and" and the user's "I"
    r"|\s+(?i:so|and|but)\s+(?=I(?:'ll|\s+(?:need|have\s+to|will|must|should|gotta|owe|"
    r"promised)\b))"
    # "thank Mike, he's a bourbon guy": what follows is about the person, not the task
    r"|,\s+(?=(?i:he|she|they)(?:'s|'re|\s+(?:is|are|was|loves|likes|collects))\b)"
    # "..., her anniversary is the twenty first of june", "..., their daughter ade is at howard":
    # a fact of the family said after the task, in dictation joined by a comma
    r"|,\s+(?=(?i:his|her|their)\s+(?:(?:(?:wife|husband|son|daughter|kids?|mom|dad|partner)'s\s+)?"
    r"(?:birthday|bday|b-day|anniversary)(?:'s|\s+(?:is|was|falls))"
    r"|(?:wife|husband|son|daughter|kids?|mom|dad|partner|boy|girl)(?:\s+[a-z]+)?"
    r"\s+(?:is|was|'s|has|works|plays|just|turns|turned)\b))"
    # "quote by EOM, Lois asked for financing options too": someone else's clause
    r"|,\s+(?=[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:asked|wants|said|says|needs|mentioned|will|is|has|was"
    r"|thinks)\b)"
)
LIST_AND = LazyRegex(r"\s+and\s+(?=(?:a|an|the|my|our|some|his|her|their|\d+)\b)", re.I)
SUBJECTS = word_list("tasks.words.SUBJECTS")
# "Wants 3 quotes by Friday" is the client asking (a key point), not a line of the user's.
NOT_OURS = SUBJECTS | words(
    "wants want needs need asked asks requested expects expecting awaiting waiting got has have "
    "had received sent signed approved"
)
# What a bare "<thing> by <date>" line asks the user to deliver ("CMA by Thurs.").
DELIVERABLES = word_list("tasks.words.DELIVERABLES")
INTRO_TITLE = LazyRegex(
    r"^(?:send|give|make|do|intro)\s+(?P<who>(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?))\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:e-?mail|quick)\s+)?(?:intro(?:duction)?\s+)?to\s+(?P<to>.+)$",
    re.IGNORECASE,
)
LIST_PLUS = LazyRegex(r"\s+\+\s+(?=(?:a|an|the|my|our)\b)", re.IGNORECASE)
LEAD_IN = LazyRegex(
    r"^(?:(?:and|then|also|so|but|pls|please|plz|kindly|just|oh|ok|ps|p\.s\.|anyway|anyways|btw|"
    r"actually|maybe|after\s+that|afterwards"
    # recalling the talk before the user's promise: "As promised I'll send", "as discussed,"
    r"|as\s+(?:promised|discussed|agreed|mentioned|requested)|per\s+our\s+(?:call|chat|talk|"
    r"conversation|convo))[,\s]\s*)+",
    re.I,
)
FOLLOW_CUE = LazyRegex(
    r"^(?:follow[\s-]?up|f/u|fu|next\s+steps?|action\s+items?|to[\s-]?do|tasks?|"
    r"reminder(?:\s+to\s+(?:self|myself|me))?|remind\s+(?:me|myself)(?:\s+to)?|"
    # "Memo Ibarra", "Memo's kids": Memo is also a first name (a name, then a surname or 's)
    r"note\s+to\s+(?:self|myself)|nts|memo(?!['’]s\b)(?!\s+(?-i:(?!Re\b|To\b|From\b|For\b)"
    r"[A-Z][a-z]+)\b))\b\s*[:\-]?\s*",
    re.IGNORECASE,
    needs="follow f/u fu next action do task remind note nts memo",
)
# A heading that says the user owes what follows: "Me: fee proposal by 9/18", "I owe her: ..."
OWN_CUE = LazyRegex(
    r"(?:me|us|mine|on\s+me|my\s+(?:side|end|action\s+items?|to-?dos?|next\s+steps?)"
    r"|(?:i|we)\s+owe(?:\s+(?:him|her|them|you|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)))?)",
    re.IGNORECASE,
)
# A heading that gives the other side what follows: "Them: send drawings; confirm financing"
THEIR_CUE = LazyRegex(
    r"(?:them|they|their\s+(?:side|end|action\s+items?|to-?dos?|next\s+steps?)|client|customer"
    # the other side by its part in the business: "- insured: photos of the damage"
    r"|insured|borrower|buyer|seller|tenant|landlord|patient|vendor|carrier|board|committee)",
    re.IGNORECASE,
)
# Someone named, then "to" and a verb: "Dr. Brenner to check with his accountant", "Alan to
# take it to the board": that person's next step (the author's own is read by strip_author)
OTHERS_ACTION = LazyRegex(
    r"^(?:\d+[.)]\s*)?(?P<title>(?:dr|mr|mrs|ms)\.?\s+)?(?P<name>(?-i:[A-Z][\w'-]+))"
    r"(?:\s+(?-i:[A-Z][\w'-]+))?"
    r"\s+to\s+(?!me\b|us\b|you\b)[a-z]+",
    re.IGNORECASE,
)
PROMISE_CUE = LazyRegex(
    # the commitment in the perfect or past ("I have promised to", "we had agreed to", "I've
    # committed to"), as formal and written notes put it
    r"^(?:(?:i|we|you)(?:'ve|'d)?\s+)?(?:(?:have|had)\s+)?(?:"
    # Family: a formal commitment ("I undertook to", "we have undertaken to", "I am to"): the
    # user's promise without "will"
    r"undert(?:ook|aken)\s+to|(?<=i\s)am\s+to|(?<=we\s)are\s+to|"
    # Family: the user's promise reported to the client ("assured him I should send", "told
    # her id have", "informed the Canon that I shall"): a verb of telling, whom, an optional
    # "that", then the user and a modal (the apostrophe may be lost in dictation: "id")
    r"(?:assured|reassured|informed|advised|told|promised)\s+(?!me\b|us\b)\w+(?:\s+\w+)??"
    r"(?:\s+that)?\s+(?:(?:i|we)(?:'d|'ll|\s+(?:should|shall|would|will))|id)|"
    # the user told in the second person, as a hand-off or a note to self puts it: "You told
    # him you'd send the key chart", "promised Ana you would call" (not "told me you'd": theirs)
    r"(?:told|promised)\s+(?!me\b|us\b)\w+\s+you(?:'d|\s+would|'ll|\s+will)|"
    r"(?:told|promised)\s+\w+\s+(?:i|we)(?:'d|\s+would|'ll|\s+will)|"
    r"(?:just\s+|also\s+)?promised(?:\s+to)?|owe|committed\s+to|agreed\s+to|offered\s+to|"
    # "I have arranged to re-measure the fitting" (brief i16tr2: a formal note's promise)
    r"arranged\s+to|"
    r"said\s+(?:i|we)(?:'d|\s+would|'ll|\s+will))\s+",
    re.IGNORECASE,
)
WILL_CUE = LazyRegex(
    r"^(?:i'll|i\s+will|we'll|we\s+will|i'd|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna|"
    r"gonna|will|shall|going\s+to|i\s+can|i\s+shall"
    # "I send her our LE on Monday", "I call him back tmrw": written without "will"
    r"|i(?=\s+(?:send|call|email|mail|text|prepare|draft|book|schedule|follow|check|get|ship|"
    r"deliver|bring|visit|meet|confirm|reply|review|update"
    # (brief i16tr2) the present for the future in other Englishes: "I quote her tomorrow",
    # "I revert by Monday", "I share the deck Friday"
    r"|quote|share|revert|fax|forward|reserve|arrange)\b)"
    # phone typing without the apostrophe: "ill ship the stand monday", "Ill call him"
    + r"|ill(?=\s+(?:"
    + VERB_ALT
    + r")\b)"
    # "I'm sending the final contract Wednesday", "we're booking the crew": a promise said in
    # the present (not "I'm getting married", "we're setting up shop")
    + r"|(?:i'm|i\s+am|we're|we\s+are)(?=\s+(?:"
    + "|".join(g for g in GERUNDS if g not in ("getting", "setting"))
    + r")\b))\s+",
    re.IGNORECASE,
)
NEED_CUE = LazyRegex(
    # "I also need to", "we still have to", "I really should": an adverb after the subject
    r"^(?:(?:(?:i|we)\s+(?:(?:also|still|really|just|definitely|probably|actually|then|def)\s+)?)?"
    r"(?:need\s+to|have\s+to|must|should|gotta|got\s+to|ought\s+to)"
    r"|(?:i|we)\s+(?:want|plan)\s+to"
    # "i've got to send kristen the sheet", "ive gotta", "we've got to": the subject contracted
    r"|(?:i'?ve|we'?ve)\s+(?:got\s+to|gotta)"
    # Family: "need" without its "to" in a non-native note ("I need call him back Thursday",
    # "we need send the offer"): the user's own step when a task verb follows
    + r"|(?:i|we)\s+need(?=\s+(?:"
    + VERB_ALT
    + r")\b))\s+",
    re.IGNORECASE,
)
HEADER = LazyRegex(
    r"^(?:(?:quick|brief|phone|zoom|intro|first|follow[\s-]?up|quarterly|weekly|monthly|"
    r"great|good)\s+)?(?:call|phone|meeting|mtg|visit|check[\s-]in|catch[\s-]up|chat|convo|"
    r"touch[\s-]base|lunch|coffee|dinner|demo|screen(?:ing)?|interview|review|kick-?off|consult|"
    r"debrief|walk-?through|tasting|showing|appt|intake|qbr|tour|site\s+walk|walk)\s+"
    r"(?:with|w/|w)\b",
    re.IGNORECASE,
)
# What the client wants, said without a subject: "want to downsize, look at condos in the
# spring" is their plan, commas and all.
THEIRS = LazyRegex(
    r"^(?:they|he|she)?\s*(?:wants?|would\s+like|plans?\s+to|hopes?\s+to|(?:is|are)\s+looking\s+to|"
    r"looking\s+to)\b",
    re.IGNORECASE,
)
# "on it", "will do": the user taking on what was just asked.
ACK = LazyRegex(r"(?:i'?m\s+)?on\s+it|will\s+do|can\s+do|consider\s+it\s+done", re.IGNORECASE)
# "Call log 10/5", "Mtg notes": the note's own heading, dated or not.
LOG_HEADER = LazyRegex(
    r"^(?:(?:call|phone|meeting|mtg|visit|zoom)\s+(?:log|notes?|recap|summary|debrief)\b"
    # "Text thread w/ Brianna Cole:", "DMs w/ Jade", "Group text - the Delaneys": a pasted
    # thread's heading
    r"|(?:group\s+)?(?:texts?|sms|chat|dms?|imessages?|whatsapp|e-?mails?)(?:\s+(?:thread|chain|"
    r"exchange|convo|conversation))?\s+(?:w/|with|-)\s)",
    re.I,
)
NEGATED = LazyRegex(
    r"\b(?:no\s+(?:follow[\s-]?up|action|need|next\s+steps?|tasks?)|nothing\s+(?:to\s+do|else|"
    r"needed|for\s+now)|don't\s+need\s+to|n/a)\b",
    re.IGNORECASE,
)
# Family: a to-do put off or forbidden ("not now: the autopilot upgrade", "don't bring up the
# loan yet", "raise the price at the next visit, not yet", "do not quote the annex"): not the
# user's to-do now ("don't forget to ..." is one)
NOT_NOW = LazyRegex(
    r"^(?:(?:not\s+(?:now|yet)|parked|on\s+hold)\s*[:\-–—]"
    r"|(?:don'?t|do\s+not|never)\s+(?!forget|hesitate|miss\b|let\s+(?:me|us)\b)\w)"
    r"|[,;(\-–—]\s*(?:but\s+)?not\s+(?:now|yet)\W*$",
    re.IGNORECASE,
)
# How to treat the client, not a to-do: "Take it slow", "go easy on him", "Hold off on the
# renewal talk", "Avoid politics"
ADVICE = LazyRegex(
    r"^(?:take\s+it\s+(?:slow|easy)|go\s+easy|tread\s+lightly|hold\s+off|avoid|steer\s+clear"
    r"|stay\s+away\s+from)\b",
    re.IGNORECASE,
)
# "congrats card to Tyler", "flowers for Maria": something to send, said without the verb
GIFT_TO = LazyRegex(
    r"^(?:an?\s+)?(?:[\w'-]+\s+){0,2}(?:(?:card|gift|flowers|note|basket|bottle|present)"
    r"\s+(?:to|for)\s+(?-i:[A-Z])|(?:card|gift|flowers|basket)[\s!.]*$"  # "closing gift"
    # a gift for an occasion, or two gifts: "card for his bday", "flowers for her birthday",
    # "card + gift basket"
    r"|(?:card|gift|flowers|basket|present)\s+for\s+(?:his|her|their|the)\s+[\w' -]+$"
    r"|(?:card|gift|flowers)\s*(?:\+|&|and)\s*(?:an?\s+)?(?:[\w'-]+\s+)?"
    r"(?:card|gift|flowers|basket)[\s!.]*$)",
    re.IGNORECASE,
)
CONDITION = LazyRegex(r"^if\b(?P<cond>[^,]{3,80}),\s*(?:then\s+)?(?P<rest>.+)$", re.I | re.S)
PAREN = LazyRegex(r"\s*\([^)]*\)")
TRAILING = LazyRegex(
    r"(?:\s+|^)(?:lol|pls|please|asap|too|as\s+well|as\s+promised|thx|thanks|again\s+too|"
    r"sometime|some\s+time)\s*$"
    r"|[\s,;:.!?\"']+$|\s+(?:by|on|before|until|till|for|at|due|the|and|&|\+|w/|with|re:?)$",
    re.IGNORECASE,
)
OBJECT_PRONOUN = LazyRegex(
    # "both of them", "each of them", "the two of them": more than one person, not the client
    r"(?<!\bboth\sof\s)(?<!\beach\sof\s)(?<!\btwo\sof\s)(?<!\ball\sof\s)\b(him|them)\b|\bher\b(?=\s+(?:a|an|the|our|my|this|that|these|those|some|back|up|about|re\b|with|w/|to|on|in|again|know|\d)|\s*$)",
    re.I,
)
HAVE_IT = LazyRegex(r"have\s+(?:it|them|this|the)\b", re.IGNORECASE)
# "we'd have a bid to him in a fortnight": a thing to deliver, then who gets it
HAVE_A_TO = LazyRegex(
    r"have\s+(?:a|an|our|my|some)\s+(?:[\w-]+\s+){0,3}?(?:to|over\s+to)\s+"
    r"(?:him|her|them|you|[A-Z][a-z]+)\b",
    re.IGNORECASE,
    needs="have",
)
THING_PRONOUN = LazyRegex(
    # "get him that by Monday" after "he wants a quote": to whom, then the thing
    r"^(?P<verb>\w+(?:\s+(?:over|out|up))?)(?P<to>\s+(?:him|her|me|us))?\s+"
    r"(it|them|one|this|that|these|those)\b(?P<up>\s+up\b)?",
    re.I,
)


_SUBJECT_VERBS = (
    r"is|are|was|were|has|have|had|wants|want|needs|loves|likes|plays|runs|does|grows|lives|"
    r"works|just|also|really|said|says|mentioned|asked|thinks|told|got|collects|coaches|"
    r"breeds|rides|restores|teaches|hates|already"
)
# Dictated notes run on without punctuation: "... goes fishing every weekend send him the
# capacity plan by Thursday and loop in Tina". A task verb with its object, after a word that is
# not a subject, a modal or "to", starts a new clause there.
_RUNON_VERB = LazyRegex(
    # (a caller's "... on the 9th call me back when you get this": "me" is an object too)
    rf"\s+(?=(?:{VERB_ALT})\s+(?:him|her|them|me|us|it|the|a|an|our|my|his|their|this|that|those|some|"
    r"up|back|out|over)\b|(?-i:I)\s+(?:need|have\s+to|will|must|should|gotta|owe|promised)\b"
    r"|(?-i:I)'ll\b"  # "... she runs marathons I need to get her a budget"
    # a new subject and its verb: "... add a porch Andrew is really into woodworking he has a
    # shop in the garage", "... twelve feet they want to push the rear wall out"
    rf"|(?:he|she|they)(?:'s|'re)?\s+(?:{_SUBJECT_VERBS})\b"
    rf"|(?-i:[A-Z][a-z]+)(?:'s)?\s+(?-i:{_SUBJECT_VERBS})\b)",
    re.IGNORECASE,
)
_RUNON_KEEP = word_list("tasks.words._RUNON_KEEP")
_TO_WHOM = LazyRegex(r"[a-z]+\s+(?:him|her|them|us)\s", re.IGNORECASE)
_PUNCTUATED = LazyRegex(r"[,;:.!?()]")


def runon_pieces(span: Span) -> list[Span]:
    """A long sentence typed without punctuation, cut where a new task clause starts."""
    # a full stop at its end does not make a run-on punctuated ("... next week. he just had")
    # a clause the dictation splitter left, typed in lower case, may still hold two ("pete's a
    # huge packers fan has season tickets send them the 529 application this week"), cut only
    # before a verb and whom it is for: a noun never takes a pronoun after it
    lower = not any(c.isupper() for c in span.text.replace("I", ""))
    long = span.text.count(" ") >= 17
    if not (long or (lower and span.text.count(" ") >= 8)):
        return [span]
    if _PUNCTUATED.search(span.text.rstrip(".!? ")):
        return [span]
    pieces: list[Span] = []
    start = 0
    for m in _RUNON_VERB.finditer(span.text):
        if not long and not _TO_WHOM.match(span.text, m.end()):
            continue
        before = span.text[start : m.start()].split()
        first_person = span.text[m.end() : m.end() + 1] == "I"
        # "and then he" goes on; "pull comps before then he mentioned" ends at "then"
        ends_then = len(before) > 1 and before[-2].lower() in ("before", "by", "until", "till")
        if not before or (before[-1].lower() in _RUNON_KEEP and not first_person and not ends_then):
            continue
        text = span.text[start : m.start()]
        pieces.append(Span(span.start + start, span.start + m.start(), text))
        start = m.end()
    pieces.append(Span(span.start + start, span.end, span.text[start:]))
    return pieces


def base_verb(word: str) -> str | None:
    """The task verb a clause starts with ('Sending' -> 'send', 'thx' -> 'thank', 'rerun' ->
    'rerun'), or None. A verb with "re" before it is a verb again: resend, rerun, revisit."""
    low = word.lower().rstrip(",.:;!")
    if low in VERBS:
        return low
    if low in ("thank-you", "thankyou"):
        return "thank"  # "thank-you call from the ED this week"
    if ALIASES.get(low):
        return ALIASES[low]
    again = low[3:] if low.startswith("re-") else low[2:] if low.startswith("re") else ""
    if len(again) >= 2 and again in VERBS:  # "redo" too
        return low
    return GERUNDS.get(low)


def delegated(words_: list[str]) -> bool:
    """'have accounting reissue the check': someone (one word) told to do something."""
    return (
        len(words_) > 3
        and words_[1] not in OBJECT_STARTS
        and words_[1] not in SUBJECTS
        and base_verb(words_[2]) is not None
        and words_[2] not in NOUN_NEXT
    )


def new_subject(words_: list[str]) -> bool:
    """'also she mentioned her daughter ...' after a listed to-do: a clause of its own."""
    head = [w for w in words_[:5] if w not in ("also", "and", "then", "so", "but", "plus")]
    if bool(head) and head[0] in ("he", "she", "they", "we", "you", "he's", "she's"):
        return True
    # "..., and our crew will stake the corners", "the plumber'll come Fri": someone else's
    # promise after the user's, its subject said
    return (
        len(head) > 2
        and head[0] in ("our", "the", "his", "her", "their", "my")
        and any(w in ("will", "would", "can", "could", "should") for w in head[2:4])
    )


# Family: someone asked to keep the user informed ("let me know if he calls", "do keep us
# posted") is asked for news: the user has nothing to do (the rules find no task there, and the
# learned model adds none).
KEEP_ME_TOLD = LazyRegex(
    r"\b(?:(?:do|please|pls|and)\s+)?(?:let|keep)\s+(?:me|us)\s+"
    r"(?:know|posted|updated|informed|in\s+the\s+loop)\b",
    re.I,
)
