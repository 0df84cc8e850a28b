"""The objectives store (SQLAlchemy): people, users, objectives, overrides, closings, audit."""
