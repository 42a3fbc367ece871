"""A booking's timeline on Step Functions: door access, PC setup, no-show check, cleanup, revoke.

Three parts:

* **the schedule** (pure): the instants of each step from the booking and its location's
  settings, and the execution input carrying them as ISO timestamps for the state machine's
  ``Wait`` states (``TimestampPath``). A :class:`Clock` can compress the timeline for tests and
  demos (``time_scale`` 1/60 turns an hour into a minute, ``offset`` shifts it); production
  uses the real instants (scale 1, offset 0).
* **the tasks**, run by the lifecycle function one state at a time (``event["task"]``). Each
  re-reads the booking and returns ``{"skipped": true, "reason": ...}`` when it was cancelled or
  superseded by a newer version of its schedule, so a stale execution does nothing. Failures of
  the door or PC systems raise the adapters' typed errors; the state machine retries them by
  class name and sends what still fails to its alert path (:func:`record_alert`).
* **the starter**, consuming ``booking.created`` / ``modified`` / ``cancelled``: starts one
  execution per booking version (named ``<booking id>-v<version>``, so a re-delivered event
  starts nothing twice), stops the superseded one, and on a cancellation compensates: revokes
  door access and cleans up the PC if it was already set up.

Status changes bump a booking's version (a check-in does too), so "superseded" means the
schedule changed: another start, end or bay than the execution was started with, or a newer
version registered by the starter.

Modules: ``schedule`` (pure), ``tasks``, ``starter``. The dependencies are built by the
composition root (:meth:`booking.runtime.Runtime.lifecycle_deps`).
"""

from booking.services.lifecycle.schedule import (
    STEPS,
    Clock,
    Schedule,
    access_window,
    execution_input,
    execution_name,
    schedule_for,
)
from booking.services.lifecycle.starter import StarterConfig, compensate, handle_booking_event
from booking.services.lifecycle.tasks import (
    CLEANUP_ACTIONS,
    SETUP_ACTIONS,
    TASKS,
    LifecycleDeps,
    NotDueYet,
    TaskInput,
    grant_access,
    no_show_check,
    pc_cleanup,
    pc_setup,
    profile_parameters,
    record_alert,
    revoke_access,
    run_task,
    visitor_marker,
)
from booking.services.lifecycle.visitors import sweep_orphan_visitors

__all__ = [
    "CLEANUP_ACTIONS",
    "SETUP_ACTIONS",
    "STEPS",
    "TASKS",
    "Clock",
    "LifecycleDeps",
    "NotDueYet",
    "Schedule",
    "StarterConfig",
    "TaskInput",
    "access_window",
    "compensate",
    "execution_input",
    "execution_name",
    "grant_access",
    "handle_booking_event",
    "no_show_check",
    "pc_cleanup",
    "pc_setup",
    "profile_parameters",
    "record_alert",
    "revoke_access",
    "run_task",
    "schedule_for",
    "sweep_orphan_visitors",
    "visitor_marker",
]
