"""The one error type ingestion raises: its message is a complete, user-facing sentence."""


class IngestError(Exception):
    """Bad input for ingestion; the message says what is wrong and where."""
