"""Pure domain: models, time, availability, rules, credits and policies (no I/O)."""
