"""AutoStore backend: a thin FastAPI service over SQLAlchemy (SQLite by default, PostgreSQL for a chain)."""
