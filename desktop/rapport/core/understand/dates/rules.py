"""The date grammar's table: which regex finds which kind of date phrase.

Each row pairs a pattern with its handler in ``handlers`` (where the choices about what
a phrase means are written down). ``find.find_dates`` compiles the table on first use.
"""

from __future__ import annotations

from rapport.core.understand.dates.handlers import (
    Handler,
    on_day_of_month,
    on_dotted,
    on_duration,
    on_first_of_month,
    on_holiday,
    on_iso,
    on_month_day,
    on_month_only,
    on_next_month,
    on_next_week,
    on_next_year,
    on_nth_week,
    on_numeric,
    on_ordinal,
    on_quarter,
    on_this_month,
    on_this_quarter,
    on_this_week,
    on_time_today,
    on_today,
    on_tomorrow,
    on_week_after_next,
    on_week_from,
    on_weekday,
    on_weekday_after_next,
    on_weekday_date,
    on_weekday_of_next_week,
    on_year_end,
    on_yesterday,
)
from rapport.core.understand.dates.words import COUNT_WORDS

__all__ = ["DAY_FIRST_AWARE", "RULES_SRC", "TRIGGERS"]

_NEXT = r"(?:next|nxt)"
_WEEK = r"(?:week|wk)"

_WD = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?|sday)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?|sday)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|wendsday|wensday|wednsday|wedensday|wedesday|thrusday|thurday|tusday|teusday|firday"
    r"|munday)"
)
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # misspelt in haste or by dictation ("Apirl 24", "Octobr 2", "in Mrch"): see MISSPELT_MONTHS
    r"|janurary|januray|febuary|feburary|febrary|mrch|marh|apirl|aprl|agust|augst|septmber"
    r"|setpember|octobr|octber|novmber|novemeber|decmber|decemeber)"
)
# A time of day said after the day: "Monday noon", "Fri 3pm", "tmrw at 10:30am"
_CLOCK = (
    r"(?:,?\s+(?:at\s+|by\s+|before\s+)?(?:noon|midday|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*"
    r"(?:a\.m\.|p\.m\.|am|pm))(?!\w))"
)
_NUM = r"(?P<n>\d{1,3}|" + COUNT_WORDS + r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several)"
_UNIT = (
    r"(?P<unit>(?:business\s+|biz\s+|working\s+)?days?|weeks?|wks?|fortnights?|months?|mos?"
    r"|hours?|hrs?)"
)
RULES_SRC: tuple[tuple[str, Handler], ...] = (
    (r"\b(\d{4})-(\d{2})-(\d{2})\b", on_iso),
    # Family (brief i16tr2): a date written with dots ("12.01.2027", "3.2.27"), as German,
    # Dutch, Polish, Russian and Turkish writers do: day, month, year in every such country
    (r"(?<![\d.,$])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d]|\.\d)", on_dotted),
    (
        r"(?<![\d/$.,])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/%])"
        # Family (brief i16due): a fraction of a thing, not a day ("a 1/16 share", "1/4 interest
        # in the LLC", "1/2 off", "3/4 of the deposit", "1/4 inch", "1/2 cup")
        r"(?!\s*(?:shares?|interest|stake|ownership|off\b|price|inch|in\.|cups?|tsp|tbsp|oz\b"
        r"|lbs?\b|acres?|miles?|of\s+(?:the|a|an|it|his|her|their|our|my|your)\b))",
        on_numeric,
    ),
    (
        # "march the 3rd": speech puts "the" between the month and its day
        rf"\b{_MON}\.?\s+(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)))?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
        r"(?!\s*(?:%|k\b|am\b|pm\b|:))"
        r"(?:,?\s+(?P<year>\d{4}))?",
        on_month_day,
    ),
    (
        # "Friday 25 September": a weekday said before the day and its month is part of the date
        rf"\b(?:{_WD}\.?,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b\.?"
        rf"(?:,?\s+(?P<year>\d{{4}}))?",
        on_month_day,
    ),
    (
        r"\b(?:(?:by|on|before|b4|until|till|due)\s+)?(?:(?:the\s+)(?P<day>\d{1,2})(?:st|nd|rd|th)"
        r"|(?<=by\s)(?P<day2>\d{1,2})(?:st|nd|rd|th))\b"
        r"(?!\s+(?:quarter|anniversary|birthday|bday|b-day|floor|grade|time|year|place|street|round"
        r"|hole|inning|period|century|percentile|of\b))"
        # "the 23rd march": the month said after the day is the day's (``on_month_day``)
        r"(?!\s+(?:january|february|march|april|june|july|august|september|october|november"
        r"|december)\b)",
        on_ordinal,
    ),
    (
        # "Fri the 13th", "Sat, the 12th", "Thurs 6/10", "Tue Dec 1": the date says which week
        rf"\b{_WD}\.?,?\s+(?:(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b|the\s+(?P<day2>\d{{1,2}})\b"
        r"|(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/%])"
        rf"|{_MON}\.?\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?\b){_CLOCK}?",
        on_weekday_date,
    ),
    (
        r"\b(?:(?P<mod>this\s+coming|this|next|nxt|coming|first\s+thing(?:\s+on)?|early|late|eod|e\.o\.d\."
        rf"|end\s+of\s+day|cob)\s+)?{_WD}\b\.?(?:\s+(?:morning|afternoon|evening|night|am|pm|eod|cob)\b)?"
        rf"(?P<clock>{_CLOCK})?"
        r"(?:\s+(?P<plus>week|wk)\b(?!\s+(?:of|after|before|\d)))?"  # "Thursday week"
        # "by Friday next", "Wednesday next" (formal British): the next week's day
        r"(?:(?<![.,;:])\s+(?P<next2>(?-i:next))\b(?!\s+(?:week|wk|month|year|time|door|to|one|day)))?",
        on_weekday,
    ),
    (
        r"\b(?:today|2day|tdy|tonight|tonite|2nite|this\s+(?:morning|afternoon|evening|arvo|avo)|later\s+today"
        r"|end\s+of\s+(?:the\s+)?(?:day|business\s+day)|eod|e\.o\.d|cob|c\.o\.b|close\s+of\s+business"
        r"|asap|a\.s\.a\.p|right\s+away|immediately|within\s+the\s+hour|in\s+the\s+next\s+hour"
        r"|in\s+an\s+hour|in\s+(?:a\s+few|\d{1,2})\s*(?:min|mins|minutes)\b|(?:right\s+)?(?<!for\s)(?<!until\s)(?<!till\s)(?<!by\s)(?<!of\s)"
        r"(?<!from\s)now(?=\s*(?:[.,;:!)+&]|->|\n|$|\s+(?:and|then|\+)\s)))\b",
        on_today,
    ),
    (
        r"\b(?:by|at|before|around)\s+(?:noon|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.))",
        on_time_today,
    ),
    (
        r"\b(?:(?:first\s+thing|early|late|eod|cob|end\s+of\s+day)\s+)?(?:(?:the\s+)?day\s+after\s+)?"
        r"(?:tomorrow|tmrw|tmrow|tmw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow|tomorro|tmrrw)\b"
        r"(?:\s+(?:morning|afternoon|evening|night|am|pm|a\.m\.|p\.m\.|eod)\b)?"
        rf"(?:{_CLOCK})?",
        on_tomorrow,
    ),
    (r"\bin\s+the\s+morning\b", on_tomorrow),
    (r"\byesterday\b", on_yesterday),
    (
        rf"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?{_WEEK}|eow|e\.o\.w"
        rf"|(?:later\s+)?this\s+{_WEEK}|(?:by\s+|over\s+)?the\s+(?:weekend|wknd|w/e)"
        r"|this\s+(?:weekend|wknd|w/e)|by\s+(?:weekend|wknd|w/e))\b",
        on_this_week,
    ),
    (
        r"\b(?:(?P<pos>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|the\s+end\s+of"
        rf"|sometime)[\s-]+)?{_NEXT}\s+(?P<wk>weekend|wknd|week|wk)\b",
        on_next_week,
    ),
    (r"\b(?:the\s+)?week\s+after\s+next\b", on_week_after_next),
    # Family (brief i16tr2): "next next week", "next next Monday" (Philippine, Indian and
    # other Englishes): the week after next, that week's day
    (rf"\b{_NEXT}\s+{_NEXT}\s+{_WEEK}\b", on_week_after_next),
    (rf"\b{_NEXT}\s+{_NEXT}\s+{_WD}\b", on_weekday_after_next),
    # Family (brief i16due): a weekday placed in the next week by words after it ("Friday of next
    # week", "the Tuesday of the following week", "wed of nxt wk"): that day of next week, never
    # the coming one with "next week" a second date
    (
        rf"\b{_WD}\.?\s+of\s+(?:{_NEXT}|the\s+following|the\s+next)\s+{_WEEK}\b",
        on_weekday_of_next_week,
    ),
    (
        # British and Irish speech: "a week on Friday", "a fortnight tomorrow", "a week today"
        # Scots "fae"/"frae" is "from" ("a week fae friday")
        r"\b(?P<k>a|one|1|two|2|three|3)\s+(?P<unit>weeks?|fortnights?)\s+(?:(?:from|fae|frae|on)\s+)?"
        rf"(?P<base>today|now|tomorrow|tmrw|{_WD})\b",
        on_week_from,
    ),
    (
        r"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|eom|e\.o\.m|month[\s-]end"
        r"|(?:later\s+)?this\s+month|mid[\s-]month)\b",
        on_this_month,
    ),
    (
        r"\b(?:(?P<pos>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|the\s+end\s+of)"
        rf"[\s-]+)?{_NEXT}\s+(?:month|mo)\b",
        on_next_month,
    ),
    (
        r"\b(?P<mod>(?:by\s+)?(?:the\s+)?end\s+of|early|mid|middle\s+of|late|beginning\s+of|start\s+of"
        rf"|in|by|before|until|till|during|for|next)[\s-]+{_MON}\b(?!\.?\s*\d)",
        on_month_only,
    ),
    (
        r"\b(?:(?:by|before|in|during|end\s+of|eo)\s*)?(?:the\s+)?(?:q(?P<q>[1-4])"
        r"|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?P<y>\d{4}|'?\d{2}))?\b"
        r"(?!\s+[a-z])",
        on_quarter,
    ),
    (
        r"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?quarter|eoq|quarter[\s-]end"
        r"|next\s+quarter)\b",
        on_this_quarter,
    ),
    (
        r"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|eoy|year[\s-]end"
        r"|end\s+of\s+(?P<y>\d{4}))\b",
        on_year_end,
    ),
    (rf"\b{_NEXT}\s+(?:year|yr)\b", on_next_year),
    (
        rf"\b(?:(?:the|by|in|during)\s+)?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last|final)"
        rf"\s+{_WEEK}\s+(?:of|in)\s+{_MON}\b",
        on_nth_week,
    ),
    (
        rf"\b(?:in|within|after)\s+(?:the\s+next\s+)?{_NUM}\s+{_UNIT}\b"
        r"|\b(?:the\s+)?next\s+(?P<n2>few|couple(?:\s+of)?)\s+(?P<unit2>days|weeks)\b",
        on_duration,
    ),
    (rf"\b{_NUM}\s+{_UNIT}\s+from\s+(?:now|today)\b", on_duration),
    # Family: a day of a month named by its place ("by the 15th of next month", "until 20 of
    # this month", "the twelfth of the following month"): that day, not the month's end
    (
        r"\b(?:(?:by|on|before|b4|until|till|due)\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        r"\s+of\s+(?:the\s+)?(?P<which>this|next|following|coming|current)\s+month\b",
        on_day_of_month,
    ),
    # "by the first of the month", "on the 1st of the month": the next first
    (
        r"\b(?:(?:by|before|on|until|till)\s+)?the\s+(?:first|1st)\s+of\s+the\s+month\b",
        on_first_of_month,
    ),
    (
        # "their anniversary is valentine's day": the day an occasion is, said with "is"
        r"\b(?P<prep>by|before|b4|after|until|till|on|over|around|for|at|is)\s+(?:the\s+)?"
        r"(?P<h>(?:christmas|xmas)(?:\s+eve)?|thanksgiving|new\s+year'?s?(?:\s+(?:day|eve))?|holidays"
        r"|easter|halloween|valentine'?s(?:\s+day)?|labor\s+day|memorial\s+day|july\s+4th"
        r"|boxing\s+day|hogmanay"
        r"|(?:4th|fourth)\s+of\s+july)\b",
        on_holiday,
    ),
)

_DIGITS = tuple("0123456789")
_MONTH_WORDS: tuple[str, ...] = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep")
_MONTH_WORDS += (
    "oct",
    "nov",
    "dec",
    "mrch",
    "marh",
    "apirl",
    "aprl",
    "agust",
    "augst",
    "setpember",
)
# Words without which a handler's patterns cannot match (lower case): a note that says none of
# them skips compiling and running those patterns. Handlers not listed always run.
TRIGGERS: dict[Handler, tuple[str, ...]] = {
    on_iso: ("-",),
    on_dotted: (".",),
    on_weekday_after_next: ("next",),
    on_numeric: ("/",),
    on_month_day: _MONTH_WORDS,
    on_ordinal: _DIGITS,
    on_weekday: ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "wen", "thr", "tus", "teu", "fir",
                 "mun"),
    on_weekday_date: ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "wen", "thr", "tus", "teu",
                      "fir", "mun"),
    on_today: (
        "today", "2day", "tdy", "tonight", "tonite", "2nite", "this ", "end of", "eod", "e.o.d",
        "cob", "c.o.b", "close of", "min", "asap", "a.s.a.p", "right away", "immediately", "hour",
        "now",
    ),
    on_time_today: ("noon", "am", "pm", "a.m", "p.m"),
    on_tomorrow: ("tom", "tmr", "tmw", "2mor", "morning"),  # "tom" covers tomorow, tommorow
    on_yesterday: ("yesterday",),
    on_this_week: ("week", "wk", "eow", "e.o.w", "w/e"),
    on_next_week: ("week", "wk"),
    on_week_after_next: ("week after", "next"),
    on_weekday_of_next_week: ("of next", "of nxt", "of the following", "of the next"),
    on_week_from: ("from", "fae", "frae", "week on", "fortnight", "week today", "week tomorrow",
                   "week tmrw"),
    on_this_month: ("month", "eom", "e.o.m"),
    on_next_month: ("month", "mo"),
    on_month_only: _MONTH_WORDS,
    on_quarter: ("q1", "q2", "q3", "q4", "quarter"),
    on_this_quarter: ("quarter", "eoq"),
    on_year_end: ("year", "eoy", "end of"),
    on_next_year: ("year", "yr"),
    on_nth_week: ("week", "wk"),
    on_duration: ("day", "week", "wk", "fortnight", "month", "mo", "hour", "hr"),
    on_first_of_month: ("of the month",),
    on_day_of_month: ("month",),
    on_holiday: (
        "christmas", "xmas", "thanksgiving", "new year", "holiday", "easter", "halloween",
        "valentine", "labor", "memorial", "july", "boxing", "hogmanay",
    ),
}  # fmt: skip

# The handlers that read a numeric date ("3/4", "Thu 6/10"): they take the user's order.
DAY_FIRST_AWARE = frozenset({on_numeric, on_weekday_date})
