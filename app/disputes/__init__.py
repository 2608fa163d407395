"""Disputes: a student flags a graded answer as wrong per the source; the question's owners resolve it.

Plain Python over the SQLAlchemy session: filing (`filing`), resolving (`resolving`), and the cited
passages a reviewer reads (`evidence`). Who may see which dispute is `app.teach.dispute_queue`.
"""
