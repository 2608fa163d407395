"""Classes, join codes and assignments: the rules, in plain Python and SQLAlchemy (no Flask)."""
