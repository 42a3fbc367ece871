"""Use cases: each takes a command, a unit of work and the caller, and returns a result."""
