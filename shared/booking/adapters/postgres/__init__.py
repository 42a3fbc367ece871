"""PostgreSQL adapters: connections, migrations, the unit of work and repositories."""
