"""The plan's load test: members browsing, booking, rescheduling, cancelling, listing, passes.

``make loadtest URL=...`` drives a deployed API over HTTP; ``make loadtest-inprocess`` drives
the Lambda handlers in Locust's worker processes, one request at a time per process as a Lambda
environment runs them, against PostgreSQL behind PgBouncer (RDS Proxy's role). See
bench/README.md.
"""
