"""Accuracy of the ClubOS message parser over the hand-labelled phrasings in tests/data.

Two sets, reported separately:

* ``clubos_phrasings.jsonl`` (in-sample): written together with the parser.
* ``clubos_phrasings_heldout.jsonl`` (held-out): written from the documented conventions
  (``booking.domain.language.times``) without looking at the parser, then measured; the
  parser was improved afterwards, so only its first measurement was truly out-of-sample.

Each line holds a message, a fixed ``now``, the zone, the expected intent and the expected
fields (only the keys present are checked). A case with ``clarification`` passes when the
parser asks for that reason; a case without it passes only when the parser does not ask.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from booking.domain.language import BayRef, LocationRef, ParsedRequest, parse_request

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
IN_SAMPLE = DATA_DIR / "clubos_phrasings.jsonl"
HELD_OUT = DATA_DIR / "clubos_phrasings_heldout.jsonl"
SETS = {"in-sample": IN_SAMPLE, "held-out": HELD_OUT}
MIN_ACCURACY = {"in-sample": 0.95, "held-out": 0.95}

TORONTO = ZoneInfo("America/Toronto")

LOCATIONS: tuple[LocationRef, ...] = (
    LocationRef(
        id="yonge",
        name="Yonge Street",
        tz=TORONTO,
        aliases=("yonge", "downtown"),
        bays=tuple(BayRef(id=f"yonge-{n}", number=n, name=f"Bay {n}") for n in range(1, 5)),
    ),
    LocationRef(
        id="mississauga",
        name="Mississauga",
        tz=TORONTO,
        aliases=("sauga",),
        bays=(
            *(BayRef(id=f"mis-{n}", number=n, name=f"Bay {n}") for n in range(1, 7)),
            BayRef(id="mis-mr", name="Meeting room", resource_type="meeting_room"),
        ),
    ),
    LocationRef(id="bedford", name="Bedford", tz=ZoneInfo("America/Halifax")),
    LocationRef(
        id="kitsilano", name="Kitsilano", tz=ZoneInfo("America/Vancouver"), aliases=("kits",)
    ),
    LocationRef(id="shoreditch", name="Shoreditch", tz=ZoneInfo("Europe/London")),
)


@dataclass(frozen=True)
class Outcome:
    case: dict[str, Any]
    got: ParsedRequest
    problems: tuple[str, ...]


def load_cases(path: Path = IN_SAMPLE) -> list[dict[str, Any]]:
    """The labelled phrasings of one set, one JSON object a line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _instant_problem(name: str, expected: str | None, got: datetime | None) -> str | None:
    if expected is None:
        return None if got is None else f"{name}: expected none, got {got.isoformat()}"
    if got is None:
        return f"{name}: expected {expected}, got none"
    want = datetime.fromisoformat(expected)
    # Same instant and same local offset: the wall time shown to the customer must match too.
    # (Compared in UTC: Python never equates a fold=1 time with one in another zone.)
    if got.astimezone(UTC) != want.astimezone(UTC) or got.utcoffset() != want.utcoffset():
        return f"{name}: expected {expected}, got {got.isoformat()}"
    return None


def _plain(value: object) -> object:
    if isinstance(value, date | time):
        return value.isoformat(timespec="minutes") if isinstance(value, time) else str(value)
    return value


def check(case: dict[str, Any]) -> Outcome:
    """Parse one case and list every way the result differs from the label."""
    got = parse_request(
        case["message"],
        now=datetime.fromisoformat(case["now"]),
        tz=ZoneInfo(case["tz"]),
        locations=LOCATIONS,
    )
    problems: list[str] = []
    if got.intent.value != case["intent"]:
        problems.append(f"intent: expected {case['intent']}, got {got.intent.value}")
    expected_code = case.get("clarification")
    if expected_code is None and got.needs_clarification:
        problems.append(f"unexpected clarification {got.clarification_codes}")
    if expected_code is not None and expected_code not in got.clarification_codes:
        problems.append(f"clarification: expected {expected_code}, got {got.clarification_codes}")
    for name in ("start", "end", "window_start", "window_end"):
        if name in case:
            problem = _instant_problem(name, case[name], getattr(got, name))
            if problem:
                problems.append(problem)
    target = got.target
    simple = {
        "date": _plain(got.date),
        "time_of_day": _plain(got.time_of_day),
        "duration_minutes": got.duration_minutes,
        "location_id": got.location_id,
        "bay_number": got.bay_number,
        "resource_id": got.resource_id,
        "resource_type": got.resource_type,
        "party_size": got.party_size,
        "shift_minutes": got.shift_minutes,
        "target_date": _plain(target.date) if target and target.date else None,
        "target_time": _plain(target.time_of_day) if target and target.time_of_day else None,
    }
    for name, value in simple.items():
        if name in case and case[name] != value:
            problems.append(f"{name}: expected {case[name]}, got {value}")
    if "target_start" in case:
        target_start = target.start if target is not None else None
        problem = _instant_problem("target_start", case["target_start"], target_start)
        if problem:
            problems.append(problem)
    return Outcome(case=case, got=got, problems=tuple(problems))


def test_labelled_set_is_big_and_varied() -> None:
    cases = load_cases()
    tags = Counter(tag for case in cases for tag in case["tags"])
    assert len(cases) >= 150
    for tag in ("relative", "12h", "24h", "typo", "after-midnight", "dst", "other-zone"):
        assert tags[tag] >= 3, tag
    assert {case["tz"] for case in cases} >= {"America/Toronto", "America/Vancouver"}


def test_held_out_set_is_big_varied_and_new() -> None:
    cases = load_cases(HELD_OUT)
    tags = Counter(tag for case in cases for tag in case["tags"])
    assert len(cases) >= 100
    for tag in ("relative", "12h", "24h", "typo", "after-midnight", "dst", "other-zone"):
        assert tags[tag] >= 3, tag
    intents = Counter(case["intent"] for case in cases)
    for intent in ("create", "availability", "modify", "cancel", "list", "unknown"):
        assert intents[intent] >= 2, intent
    assert {case["tz"] for case in cases} >= {"America/Toronto", "America/Vancouver"}

    # Held out means held out: no case may repeat one of the in-sample set (a few short
    # messages recur, but only in another situation: another "now" or zone).
    def key(case: dict[str, Any]) -> tuple[str, str, str]:
        return case["message"].lower(), case["now"], case["tz"]

    in_sample = {key(case) for case in load_cases(IN_SAMPLE)}
    assert not [c["message"] for c in cases if key(c) in in_sample]


def _report(name: str, outcomes: list[Outcome]) -> tuple[float, list[str]]:
    """Accuracy of one set and a table by intent and tag, then every miss."""
    misses = [o for o in outcomes if o.problems]
    by_intent: dict[str, list[Outcome]] = {}
    by_tag: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_intent.setdefault(outcome.case["intent"], []).append(outcome)
        for tag in outcome.case["tags"]:
            by_tag.setdefault(tag, []).append(outcome)

    lines = [f"== {name}", f"{'group':<28}{'cases':>7}{'right':>7}{'accuracy':>10}"]
    for title, groups in (("intent", by_intent), ("tag", by_tag)):
        for key in sorted(groups):
            group = groups[key]
            right = sum(1 for o in group if not o.problems)
            lines.append(
                f"{title + ':' + key:<28}{len(group):>7}{right:>7}{right / len(group):>10.1%}"
            )
    right = len(outcomes) - len(misses)
    accuracy = right / len(outcomes)
    lines.append(f"{'TOTAL':<28}{len(outcomes):>7}{right:>7}{accuracy:>10.1%}")
    for miss in misses:
        lines.append(f"MISS {miss.case['message']!r} (now {miss.case['now']}, {miss.case['tz']})")
        lines.extend(f"     {problem}" for problem in miss.problems)
    return accuracy, lines


@pytest.mark.parametrize("name", list(SETS))
def test_accuracy_over_labelled_phrasings(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = [check(case) for case in load_cases(SETS[name])]
    accuracy, lines = _report(name, outcomes)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    floor = MIN_ACCURACY[name]
    assert accuracy >= floor, f"{name} accuracy {accuracy:.1%} below {floor:.0%}"
