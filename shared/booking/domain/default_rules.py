"""The default rule set: the business defaults of the clubs, expressed as rules.

Tier limits are separate rules with a higher priority than the base rule of the same type,
so they win whenever their condition matches.
"""

from __future__ import annotations

from typing import Any

DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "name": "blocked-members",
        "priority": 1000,
        "description": "Members tagged BLACKLISTED cannot book",
        "condition": '"BLACKLISTED" in user.tags',
        "action": {
            "type": "deny",
            "code": "MEMBER_BLOCKED",
            "message": "This membership cannot book; please contact the club",
        },
    },
    {
        "name": "early-access-hours",
        "priority": 500,
        "description": "Before 06:00 local only EARLY_ACCESS or VIP members may start a booking",
        "condition": 'booking.local_hour < 6 && !("EARLY_ACCESS" in user.tags)'
        ' && !("VIP" in user.tags)',
        "action": {
            "type": "deny",
            "code": "EARLY_ACCESS_REQUIRED",
            "message": "Bookings starting before 6 am need early access",
        },
    },
    {
        "name": "weekly-hours-standard",
        "priority": 400,
        "description": "Standard members may book up to 10 hours a week",
        "condition": 'user.tier == "standard" && stats.hours_this_week'
        " + double(booking.duration_minutes) / 60.0 > 10.0",
        "action": {
            "type": "deny",
            "code": "WEEKLY_HOURS_EXCEEDED",
            "message": "Standard memberships include 10 hours of play a week",
        },
    },
    {
        "name": "minimum-duration",
        "priority": 100,
        "condition": "true",
        "description": "Bookings last at least 60 minutes",
        "action": {"type": "min_duration", "minutes": 60},
    },
    {
        "name": "maximum-duration",
        "priority": 100,
        "condition": "true",
        "description": "Bookings last at most 4 hours",
        "action": {"type": "max_duration", "minutes": 240},
    },
    {
        "name": "last-minute-cutoff",
        "priority": 100,
        "description": "Bookings close 1 hour before the start; kiosk walk-ins are exempt",
        "condition": 'booking.source != "kiosk"',
        "action": {"type": "min_notice", "minutes": 60},
    },
    {
        "name": "advance-window",
        "priority": 100,
        "condition": "true",
        "description": "Members book up to 14 days ahead",
        "action": {"type": "advance_window", "days": 14},
    },
    {
        "name": "advance-window-gold",
        "priority": 200,
        "condition": 'user.tier == "gold"',
        "description": "Gold members book up to 21 days ahead",
        "action": {"type": "advance_window", "days": 21},
    },
    {
        "name": "advance-window-platinum",
        "priority": 200,
        "condition": 'user.tier == "platinum"',
        "description": "Platinum members book up to 30 days ahead",
        "action": {"type": "advance_window", "days": 30},
    },
    {
        "name": "max-active-standard",
        "priority": 100,
        "condition": "true",
        "description": "Members hold at most 2 upcoming bookings",
        "action": {"type": "max_active_bookings", "count": 2},
    },
    {
        "name": "max-active-gold",
        "priority": 200,
        "condition": 'user.tier == "gold"',
        "description": "Gold members hold at most 4 upcoming bookings",
        "action": {"type": "max_active_bookings", "count": 4},
    },
    {
        "name": "max-active-platinum",
        "priority": 200,
        "condition": 'user.tier == "platinum"',
        "description": "Platinum members hold at most 6 upcoming bookings",
        "action": {"type": "max_active_bookings", "count": 6},
    },
    {
        "name": "simulator-credit-cost",
        "priority": 100,
        "condition": "true",
        "scope": "resource_type",
        "scope_ref": "simulator",
        "description": "A simulator costs 1 credit per started hour",
        "action": {"type": "credit_cost", "per_hour": 1},
    },
    {
        "name": "vip-plays-free",
        "priority": 200,
        "condition": '"VIP" in user.tags',
        "description": "VIP members are not charged credits",
        "action": {"type": "credit_cost", "per_hour": 0},
    },
]
