"""Message clean-up before parsing: case, punctuation, number words and common typos.

The output keeps word boundaries so that later regexes can work on it; nothing here knows
about dates or intents.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

# Shorthand and misspellings too short or too far off for fuzzy matching to catch safely.
_TYPO_MAP: dict[str, str] = {
    "bok": "book",
    "bk": "book",
    "boook": "book",
    "buk": "book",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "tomo": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "tonigt": "tonight",
    "hr": "hour",
    "hrs": "hours",
    "min": "minutes",
    "mins": "minutes",
    "sim": "simulator",
    "sims": "simulators",
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
    "resched": "reschedule",
    "avail": "available",
    "cancl": "cancel",
    "cnacel": "cancel",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "r": "are",
    "im": "i'm",
}

# Words worth correcting towards: long and distinctive enough that a close match is a typo.
_FUZZY_TARGETS: tuple[str, ...] = (
    "tomorrow",
    "tonight",
    "today",
    "simulator",
    "simulators",
    "booking",
    "bookings",
    "cancel",
    "cancellation",
    "reschedule",
    "available",
    "availability",
    "reservation",
    "reserve",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "august",
    "september",
    "october",
    "november",
    "december",
    "morning",
    "afternoon",
    "evening",
    "midnight",
    "minutes",
    "people",
    "players",
    "tonight",
)

# Real words that look like typos of a target and must be left alone.
_KNOWN_WORDS_TEXT = """
    about above after again against anyone anything around available availability because
    before being below between booked booking bookings bowling change changed clubs could
    course double evening every family first friend friends golfing group guests hello hours
    house hourly instead later least maybe minute minutes moment morning morrow mourning
    moving nights nothing other people person place players please plenty really right
    rather round sessions should simulate simulation simulator simulators since someone
    something sometime sorry start still store table their there these thing think those
    today today's tonight tomorrow tomorrow's under until weekday weekend where which while
    would yesterday cancelled canceled cancelling canceling cancels thanks thank times
    monday tuesday wednesday thursday friday saturday sunday mondays fridays saturdays sundays
    morning afternoon evening reserve reservation reservations reserved schedule scheduled
    open opening openings midnight noon early earlier works working playing play slots
    space spaces spots night light right tight sight might fight eight month months
    thing things bring string chance chances cancer blocking booting boating match matches
    minus mines mints mounting monthly schedules scheduler scheduled player plays peoples
    reserves restoration friday's saturday's sunday's monday's tuesday's wednesday's thursday's
"""
_KNOWN_WORDS: frozenset[str] = frozenset(_KNOWN_WORDS_TEXT.split())

_NUMBER_WORDS: dict[str, str] = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty-five": "45",
    "fortyfive": "45",
    "ninety": "90",
}

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc`]")
_DASHES = re.compile(r"[\u2013\u2014]")
_MERIDIEM_DOTS = re.compile(r"(?<![a-z])([ap])\.\s?m\.?(?=\s|$|[^a-z])")
_OCLOCK = re.compile(r"\s*o'?\s?clock\b")
_WORD = re.compile(r"[a-z][a-z'\-]*")
_SPACES = re.compile(r"[ \t\r\n]+")
_NUM_MERIDIEM = re.compile(r"\b(\d{1,2}(?:[:.]\d{2})?)(am|pm|a|p)\b")


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str:
    """Return the intended spelling of one lower-case word (itself when it looks fine)."""
    if word in _TYPO_MAP:
        return _TYPO_MAP[word]
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if len(word) < 5 or word in _KNOWN_WORDS or word in _FUZZY_TARGETS:
        return word
    if "'" in word:  # "tommorow's" -> "tomorrow's"
        stem, _, tail = word.partition("'")
        fixed = correct_word(stem)
        return f"{fixed}'{tail}" if fixed != stem else word
    # Typos rarely change the first letter; requiring it keeps "looking" from becoming
    # "booking" and "unavailable" from becoming "available".
    targets = [t for t in _FUZZY_TARGETS if t[0] == word[0]]
    match = difflib.get_close_matches(word, targets, n=1, cutoff=0.8)
    return match[0] if match else word


def normalize(message: str) -> str:
    """Lower-case the message, unify punctuation and spell out fixes for typos and numbers.

    The result has single spaces and no leading/trailing blanks. "7 p.m." becomes "7 pm",
    "7pm" becomes "7 pm", "o'clock" disappears and "two" becomes "2".
    """
    text = _APOSTROPHES.sub("'", message.lower())
    text = _DASHES.sub("-", text)
    text = _MERIDIEM_DOTS.sub(lambda m: m.group(1) + "m ", text)
    text = _OCLOCK.sub("", text)
    text = _WORD.sub(lambda m: correct_word(m.group(0)), text)
    text = _NUM_MERIDIEM.sub(
        lambda m: f"{m.group(1)} {m.group(2) if len(m.group(2)) == 2 else m.group(2) + 'm'}",
        text,
    )
    return _SPACES.sub(" ", text).strip()
