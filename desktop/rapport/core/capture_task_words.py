"""The words of the user's to-dos: task verbs and their phone spellings, the cues that make a
clause the user's own ("I'll", "promised", "Follow up:"), the headers that are not tasks
("Call with Maria") and the separators that cut a sentence into clauses and lists.

Only ``capture_tasks`` uses them; they live apart so that module reads as the grammar.
"""

from __future__ import annotations

import re

from rapport.core.capture_text import LazyRegex, words

__all__ = [
    "ACK",
    "ALIASES",
    "BARE_OK",
    "CONDITION",
    "COORD",
    "DELIVERABLES",
    "FOLLOW_CUE",
    "GERUNDS",
    "HAVE_IT",
    "HEADER",
    "INTRO_TITLE",
    "LEAD_IN",
    "LIST_AND",
    "LIST_PLUS",
    "LIST_SEVERAL",
    "LOG_HEADER",
    "MEETING_KINDS",
    "MEETING_NOUNS",
    "NEED_CUE",
    "NEGATED",
    "NOT_OURS",
    "NOUN_NEXT",
    "OBJECT_PRONOUN",
    "PAREN",
    "PAST_START",
    "PROMISE_CUE",
    "SEPARATORS",
    "SUBJECTS",
    "TAKES_THING",
    "THEIRS",
    "THING_PRONOUN",
    "TRAILING",
    "VERBS",
    "VERB_ALT",
    "WILL_CUE",
    "base_verb",
]

MEETING_NOUNS = words("call meeting mtg chat session convo lunch coffee")
# Words that name a kind of meeting before a meeting noun: "intro mtg", "kickoff call".
MEETING_KINDS = words("intro follow check kickoff kick-off discovery touch sync")
# Verbs that take what was asked for when said alone: "resend + confirm" after "resend the
# invoice?", "sending tmrw" after "asking for the deck".
TAKES_THING = words("send resend get schedule share forward fix update finalize sign review")
VERBS = words(
    "send email e-mail mail call text ring phone reply respond thank set setup schedule book "
    "follow check confirm get order buy pick draft prepare write introduce intro connect ping "
    "remind share forward fwd invite loop reach look find ask try return circle touch review "
    "update fix finalize submit pull put arrange reschedule research dm message drop deliver "
    "ship give pass talk meet visit contact sign file renew bring grab plan push move cancel "
    "print post add create make build sort start finish chase nudge escalate figure verify "
    "sync organize coordinate hand tell let fu f/u run double-check prep do take revise "
    "compile gather scan pay swing countersign co-sign cosign"
)
# Phone spellings of a verb: "thx Jen" is "Thank Jen".
ALIASES = {"thx": "thank", "thnx": "thank", "ty": "thank", "txt": "text", "callback": "call",
            "fwd": "forward", "resched": "reschedule"}  # fmt: skip
BARE_OK = words("reply respond call text email follow fu f/u")
NOUN_NEXT = words("is was has had are were went looks seems came will would 's from")
PAST_START = words("called emailed texted sent left met spoke talked replied gave closed")
GERUNDS = {"sending": "send", "emailing": "email", "calling": "call", "texting": "text",
            "scheduling": "schedule", "setting": "set", "following": "follow",
            "checking": "check", "getting": "get", "ordering": "order", "booking": "book",
            "drafting": "draft", "preparing": "prepare", "writing": "write", "mailing": "mail",
            "shipping": "ship", "dropping": "drop", "putting": "put", "pulling": "pull",
            "introducing": "introduce", "reaching": "reach", "looping": "loop",
            "buying": "buy", "picking": "pick", "inviting": "invite"}  # fmt: skip
VERB_ALT = "|".join(sorted((re.escape(v) for v in VERBS), key=len, reverse=True))
VERB_ALT += "|" + "|".join(ALIASES)
# One verb alternation for both separators: the pattern is compiled on a note's first task.
COORD = LazyRegex(
    r"(?:,\s+(?:and\s+|then\s+)?|\s+(?:and|&|\+)\s+(?:then\s+)?)"
    rf"(?=(?:to\s+)?(?:re-?)?(?:{VERB_ALT})\b)",
    re.IGNORECASE,
)
SEPARATORS = LazyRegex(r"\s+-+\s+|(?<=\w):\s+|\s*\(\s*(?=[A-Za-z]+ (?:him|her)\b)")
LIST_AND = LazyRegex(r"\s+and\s+(?=(?:a|an|the|my|our|some|his|her|their|\d+)\b)", re.I)
# "Send spec sheets Monday, quote by 4/30": one verb, two dated things.
LIST_SEVERAL = LazyRegex(
    r"\s+and\s+(?=(?:a|an|the|my|our|some|his|her|their|\d+)\b)|,\s+(?:and\s+)?(?=[\w$])"
    r"|\s+\+\s+(?=[\w$])",
    re.I,
)
SUBJECTS = words("i we he she they it you there that this who which")
# "Wants 3 quotes by Friday" is the client asking (a key point), not a line of the user's.
NOT_OURS = SUBJECTS | words(
    "wants want needs need asked asks requested expects expecting awaiting waiting got has have "
    "had received sent signed approved"
)
# What a bare "<thing> by <date>" line asks the user to deliver ("CMA by Thurs.").
DELIVERABLES = words(
    "cma quote quotes proposal proposals deck contract pricing report sow estimate agreement "
    "samples invoice docs paperwork forms list sheet sheets plan summary draft specs brochure "
    "catalog comps listings redlines agenda recap numbers analysis comparison illustration "
    "illustrations application binder addendum order po timeline"
)
INTRO_TITLE = LazyRegex(
    r"^(?:send|give|make|do|intro)\s+(?P<who>(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?))\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:e-?mail|quick)\s+)?(?:intro(?:duction)?\s+)?to\s+(?P<to>.+)$",
    re.IGNORECASE,
)
LIST_PLUS = LazyRegex(r"\s+\+\s+(?=(?:a|an|the|my|our)\b)", re.IGNORECASE)
LEAD_IN = LazyRegex(r"^(?:(?:and|then|also|so|but|pls|please|just|oh|ok|ps|p\.s\.)\s+)+", re.I)
FOLLOW_CUE = LazyRegex(
    r"^(?:follow[\s-]?up|f/u|fu|next\s+steps?|action\s+items?|to[\s-]?do|tasks?|"
    r"reminder(?:\s+to\s+(?:self|myself|me))?|remind\s+(?:me|myself)(?:\s+to)?|"
    r"note\s+to\s+(?:self|myself)|nts|memo)\b\s*[:\-]?\s*",
    re.IGNORECASE,
)
PROMISE_CUE = LazyRegex(
    r"^(?:(?:i|we|you)\s+)?(?:(?:just\s+|also\s+)?promised(?:\s+to)?|owe|committed\s+to|"
    r"agreed\s+to|offered\s+to|(?:told|promised)\s+\w+\s+(?:i|we)(?:'d|\s+would|'ll|\s+will)|"
    r"said\s+(?:i|we)(?:'d|\s+would|'ll|\s+will))\s+",
    re.IGNORECASE,
)
WILL_CUE = LazyRegex(
    r"^(?:i'll|i\s+will|we'll|we\s+will|i'd|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna|"
    r"gonna|will|going\s+to|i\s+can|i\s+shall)\s+",
    re.IGNORECASE,
)
NEED_CUE = LazyRegex(
    r"^(?:(?:(?:i|we)\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to|ought\s+to)"
    r"|(?:i|we)\s+(?:want|plan)\s+to)\s+",
    re.IGNORECASE,
)
HEADER = LazyRegex(
    r"^(?:(?:quick|brief|phone|zoom|intro|first|follow[\s-]?up|quarterly|weekly|monthly|"
    r"great|good)\s+)?(?:call|phone|meeting|mtg|visit|check[\s-]in|catch[\s-]up|chat|convo|"
    r"touch[\s-]base|lunch|coffee|dinner|demo|screen(?:ing)?|interview)\s+(?:with|w/|w)\b",
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
    r"^(?:call|phone|meeting|mtg|visit|zoom)\s+(?:log|notes?|recap|summary|debrief)\b", re.I
)
NEGATED = LazyRegex(
    r"\b(?:no\s+(?:follow[\s-]?up|action|need|next\s+steps?|tasks?)|nothing\s+(?:to\s+do|else|"
    r"needed|for\s+now)|don't\s+need\s+to|n/a)\b",
    re.IGNORECASE,
)
CONDITION = LazyRegex(r"^if\b(?P<cond>[^,]{3,80}),\s*(?:then\s+)?(?P<rest>.+)$", re.I | re.S)
PAREN = LazyRegex(r"\s*\([^)]*\)")
TRAILING = LazyRegex(
    r"(?:\s+|^)(?:lol|pls|please|asap|too|as\s+well|as\s+promised|thx|thanks|again\s+too)\s*$"
    r"|[\s,;:.!?\"']+$|\s+(?:by|on|before|until|till|for|at|due|the|and|&|\+|w/|with|re:?)$",
    re.IGNORECASE,
)
OBJECT_PRONOUN = LazyRegex(
    r"\b(him|them)\b|\bher\b(?=\s+(?:a|an|the|our|my|this|that|these|those|some|back|up|about|re\b|with|w/|to|on|in|again|know|\d)|\s*$)",
    re.I,
)
HAVE_IT = LazyRegex(r"have\s+(?:it|them|this|the)\b", re.IGNORECASE)
THING_PRONOUN = LazyRegex(
    r"^(\w+(?:\s+(?:over|out|up))?)\s+(it|them|one|this|that|these|those)\b(\s+up\b)?", re.I
)


def base_verb(word: str) -> str | None:
    """The task verb a clause starts with ('Sending' -> 'send', 'thx' -> 'thank', 'rerun' ->
    'rerun'), or None. A verb with "re" before it is a verb again: resend, rerun, revisit."""
    low = word.lower().rstrip(",.:;!")
    if low in VERBS:
        return low
    if ALIASES.get(low):
        return ALIASES[low]
    again = low[3:] if low.startswith("re-") else low[2:] if low.startswith("re") else ""
    if len(again) >= 3 and again in VERBS:
        return low
    return GERUNDS.get(low)
