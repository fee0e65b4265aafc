"""The user's promises as speech says them, for the task finder's cues (``find._with_cue``).

Dictation wraps a promise in words a typed note leaves out: a hedge before the verb ("let me
check the stock", "I'm fixing to send the invoice"), or a reminder to oneself ("I need to
remember to book the inspector", "don't forget to call her"). Left in, they become the title
("Let me check the stock", "Remember to send Priya the brochure"). Each cue here is the part
to strip; what follows it is the task as a typed note says it.
"""

from __future__ import annotations

import re

from rapport.core.understand.text import LazyRegex

__all__ = ["SPOKEN_NEED_CUE", "SPOKEN_WILL_CUE"]

# A reminder to oneself: "(I) (need to|have to|gotta|must) remember to", "don't forget to",
# "make sure to", "note to self:"... The verb after it is the task.
SPOKEN_NEED_CUE = LazyRegex(
    r"^(?:(?:i|we)\s+)?(?:(?:(?:really\s+)?(?:need|have|got)\s+to|gotta|must|should)\s+)?"
    r"(?:remember\s+to|(?:don'?t|do\s+not|not)\s+forget\s+to|make\s+sure\s+(?:to|(?:i|we)\s+)"
    r"|remind\s+myself\s+to)\s*",
    re.IGNORECASE,
)
# A promise said with a spoken lead-in: "let me", "lemme", "I'm fixing to" (Southern US),
# "I'd better", "I'll have to", "I've to" (Irish, Scottish). Never "let me know" (the other
# side's step).
SPOKEN_WILL_CUE = LazyRegex(
    r"^(?:(?:let\s+me|lemme)(?!\s+(?:know|see|think|guess|say|tell\s+you)\b)"
    r"|(?:i'?m\s+|i\s+am\s+|we'?re\s+)?fixin(?:g|')?\s+to"
    r"|(?:(?:i|we)(?:'d|\s+had)?\s+)?better(?=\s+(?:get|send|call|email|ring|check|book|order))"
    r"|(?:i|we)(?:'ll|\s+will)\s+(?:have|need)\s+to"
    r"|(?:i|we)'?ve\s+to)\s+",
    re.IGNORECASE,
)
