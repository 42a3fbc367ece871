"""The booking platform: bookings, availability and rules for golf-simulator clubs."""

__version__ = "0.1.0"
