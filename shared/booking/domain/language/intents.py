"""Intent classification by keyword grammar over a normalized message."""

from __future__ import annotations

import re

from booking.domain.language.model import Intent

_CANCEL = re.compile(
    r"\b(?:cancel\w*|call (?:it )?off|(?:can't|cannot|can not|won't|will not) make it|"
    r"(?:delete|remove|drop|scrap|scratch|ditch|nix|kill|bin) (?:my|the|our|it|that)\b|"
    r"unbook|(?:can't|cannot|won't|will not|not) (?:be )?(?:coming|come|able to come)\b|"
    r"don't need (?:my|the|our) (?:booking|bay|reservation))"
)
# Making a booking longer: the request carries no new length the service could apply.
EXTEND = re.compile(
    r"\b(?:extend\w*|lengthen|prolong)\b|\b(?:an? |\d{1,3} )?(?:extra|additional|more|another) "
    r"(?:\d{1,3} )?(?:hours?|minutes?|half hour)\b|"
    r"\badd(?:ing)? (?:on )?(?:an?|another|\d{1,3}|half an?)\s+(?:extra\s+)?(?:hours?|minutes?)\b|"
    r"\b(?:stay|play) (?:a bit |an hour |\d{1,3} minutes )?longer\b"
)
_EXTRA_TIME = re.compile(
    r"\b(?:(?P<n>\d{1,3})\s*(?P<unit>min(?:ute)?s?|mins?|h(?:ou)?rs?|hours?|h)\b|"
    r"(?P<half>half (?:an )?hour)|(?P<one>(?:an?|another|one|1) (?:more |extra )?hour))"
)


def extension_minutes(text: str) -> int | None:
    """How much longer an extension asks for ("30 more minutes" 30, "another hour" 60)."""
    found = _EXTRA_TIME.search(text)
    if found is None:
        return None
    if found["half"]:
        return 30
    if found["one"]:
        return 60
    n = int(found["n"])
    return n * 60 if found["unit"].startswith("h") else n


_MODIFY = re.compile(
    r"\b(?:move|moving|reschedul\w*|change|changing|postpone|shift|switch|swap|push\w*|bump|"
    r"instead|rebook|re-book|make it|extend)\b"
)
_LIST = re.compile(
    r"\b(?:what are my|what's my|whats my|my (?:upcoming |next |current |future )?"
    r"(?:bookings|reservations)\b|do i have|have i (?:got|booked)|did i book|when is my|"
    r"when's my|whens my|is my (?:booking|reservation)|show (?:me )?my|list (?:my|all)|"
    r"what do i have|am i booked|"
    r"what have i (?:got|booked)|upcoming (?:bookings|reservations))"
)
_AVAILABILITY = re.compile(
    r"\b(?:free|available|availability|open|opening|openings|vacant|vacancy|"
    r"any (?:bays?|simulators?|slots?|times?|space|spots?|rooms?|room)|"
    r"what times?|is there (?:anything|any|a|room|space)|are there any|slots?|"
    r"(?:room|space) for|(?:have|got) (?:any |a )?(?:room|space|spots?|bays?|simulators?)\b)\b"
)
# "anything before 10am tomorrow?": a question about free times with no other keyword.
_ANYTHING_WHEN = re.compile(
    r"^(?:hey |hi |hello )?(?:anything|something)\s+(?:before|after|on|at|for|around|"
    r"this|next|today|tonight|tomorrow|later)\b"
)
_CREATE = re.compile(
    r"\b(?:book|reserve|reservation|get me|grab|i want|i'd like|i would like|id like|"
    r"can i (?:get|have)|could i (?:get|have)|can we (?:get|have)|sign (?:me|us) up|"
    r"set (?:me|us) up|schedule|hold|put (?:me|us) down|lock in)\b"
)
# "put me on the waitlist for 7pm", "let me know if a bay opens up at 6": wait for a taken time.
_WAITLIST = re.compile(
    r"\b(?:wait ?list|waiting list|put (?:me|us) on the list|"
    r"(?:let me know|tell me|text me|notify me|message me) (?:if|when) (?:a |any |one |something |"
    r"anything |that |it |the )?(?:bays? |simulators? |slots? |spots? |times? )?"
    r"(?:opens?|frees?|becomes? (?:free|available)|comes? (?:up|free)|gets? freed))"
)
# A question about the schedule rather than a request to book ("is bay 3 free...").
_QUESTION_START = re.compile(
    r"^(?:hey |hi |hello )?(?:is|are|any|what|when|do you|does|how about|anything)\b"
)


def classify_intent(text: str, *, has_time: bool) -> Intent:
    """Classify a normalized message; ``has_time`` tells whether it named a day or time.

    Precedence: the waitlist, cancel, modify, list, then availability against create. A message
    with a time but no verb ("simulator tomorrow at 2pm") is read as a booking request.
    """
    if _WAITLIST.search(text):
        return Intent.WAITLIST
    if _CANCEL.search(text):
        return Intent.CANCEL
    if EXTEND.search(text):
        return Intent.MODIFY
    if _MODIFY.search(text) and (
        has_time
        or re.search(r"\b(?:booking|reservation|my|it|me|us|bay|simulator)\b", text) is not None
    ):
        return Intent.MODIFY
    if _LIST.search(text):
        return Intent.LIST
    availability = _AVAILABILITY.search(text) is not None or _ANYTHING_WHEN.search(text) is not None
    create = _CREATE.search(text) is not None
    if availability and (not create or _QUESTION_START.search(text)):
        return Intent.AVAILABILITY
    if create:
        return Intent.CREATE
    if has_time:
        return Intent.CREATE
    return Intent.UNKNOWN
