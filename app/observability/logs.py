"""Log records as one JSON object a line (production) or a short readable line (development).

Every record logged while a request is handled carries its request id, errors included, so a traceback
can be matched with the request that caused it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from flask import Flask, g, has_request_context
from flask.logging import default_handler

# Marks the handler this module installs, so a second app in the same process replaces it.
HANDLER_NAME = "sourced"


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being handled (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


class OwnOrWarning(logging.Filter):
    """The app's records at any level; other libraries' only from WARNING up (their INFO chatter, such as
    alembic's, is not the app's to show). The development server's messages pass too ("Running on …"),
    but not its access lines, which say less than the app's own request lines."""

    def __init__(self, app_logger: str) -> None:
        super().__init__()
        self.app_logger = app_logger

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        if record.name == "werkzeug":
            return not is_dev_server_access_line(record)
        return record.name == self.app_logger or record.name.startswith(self.app_logger + ".")


def is_dev_server_access_line(record: logging.LogRecord) -> bool:
    # werkzeug.serving logs each request as '<address> - - [<date>] "%s" %s %s' % (request line, status, size)
    return isinstance(record.msg, str) and record.msg.endswith('"%s" %s %s')


def record_time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, the request's fields if any
    (`extra={"fields": {...}}`) and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": record_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`12:03:04 INFO  app.requests [3f2a…] GET /quiz/ 200 12.3 ms user=4`, then any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None)
        line = f"{record_time(record)[11:19]} {record.levelname:<7}{record.name}"
        if request_id:
            line += f" [{request_id[:8]}]"
        line += " " + record.getMessage()
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class CurrentStderr:
    """sys.stderr as it is when a record is written (test runners and servers swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(app: Flask) -> None:
    """Send log records to stderr in the configured format: the app's from LOG_LEVEL up, the libraries'
    warnings and errors."""
    handler = logging.StreamHandler(CurrentStderr())
    handler.set_name(HANDLER_NAME)
    handler.addFilter(OwnOrWarning(app.logger.name))
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if app.config["LOG_FORMAT"] == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    app.logger.removeHandler(default_handler)  # records reach the handler above through the root logger
    app.logger.setLevel(app.config["LOG_LEVEL"].upper())
