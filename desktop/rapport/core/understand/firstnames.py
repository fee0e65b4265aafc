"""Common first names, for telling a person from a capitalised word or a lower-case typo.

English-speaking, Hispanic, South Asian, East Asian, African, European and Middle Eastern names
that notes actually use. A name need not be on the list to be found ("Oluwaseun Adeyemi" is a
full capitalised name); the list rescues lower-case notes ("coffee w/ sam patel") and lone first
names ("Jess from Orbit Labs emailed"). Words that are common English first ("hope", "summer",
"can", "said", "chase", "ira") are left out on purpose: one would turn a lower-case note's words
into people.
"""

from __future__ import annotations

from rapport.core.understand.wordlists import word_list

__all__ = ["FIRST_NAMES", "MEN", "WOMEN"]

FIRST_NAMES = word_list("firstnames.FIRST_NAMES")

# First names that nearly always name a woman or a man, for a couple said together ("Greg +
# Carla Novak", "Shannon and Mark Delaney"): the spouse is a wife or a husband only when the
# name says which. Names used for both (Jordan, Sam, Alex, Pat, Casey...) are on neither list.
WOMEN = word_list("firstnames.WOMEN") | word_list("firstnames.MORE_WOMEN")
MEN = word_list("firstnames.MEN") | word_list("firstnames.MORE_MEN")
