"""The one JSON parser for request bodies (standard JSON only, with bounded numbers and depth)
and the one writer of reply bodies.

Python's ``json`` accepts ``NaN`` and ``Infinity`` (not JSON; pydantic then writes them back as
``null``), turns ``1e999`` into infinity, refuses integers over 4300 digits with a bare
``ValueError`` and overflows the stack on deep nesting. Each of these is raised here as a
``JSONDecodeError``, which the validation layer answers with 400 ``MALFORMED_JSON``.
"""

from __future__ import annotations

import json
import math
from functools import partial
from typing import Any

from pydantic import BaseModel

MAX_DEPTH = 32
"""Deepest nesting of arrays and objects a request body may have."""

MAX_INT_DIGITS = 30
"""Longest integer literal accepted (every integer the API takes fits in far fewer)."""


class _Refused(ValueError):
    """A literal that is valid Python but not acceptable JSON for the API."""


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"integer literal longer than {MAX_INT_DIGITS} digits")
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"number {text[:40]} is out of range")
    return value


def _depth_ok(value: Any, limit: int) -> bool:
    """Whether ``value`` nests at most ``limit`` containers (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


def loads(text: str | bytes) -> Any:
    """Parse a request body; anything but plain, bounded JSON raises ``JSONDecodeError``."""
    doc = text.decode() if isinstance(text, bytes) else text
    try:
        value = json.loads(doc, parse_constant=_constant, parse_int=_integer, parse_float=_real)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", doc, 0) from None
    except ValueError as exc:
        raise json.JSONDecodeError(str(exc), doc, 0) from exc
    if not _depth_ok(value, MAX_DEPTH):
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", doc, 0)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return str(value)


dumps = partial(json.dumps, separators=(",", ":"), default=_jsonable)
"""Write a reply body: compact; a model as its JSON, any other non-JSON value as its text."""
