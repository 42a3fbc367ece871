"""Adapters: the platform's connections to PostgreSQL, AWS and SaaS APIs."""
