"""Alembic migrations, shipped inside the package so an installed mi-sim can migrate itself."""
