"""Run every benchmark case: `python -m benchmarks [NAME ...]`."""

import os
import sys

from benchmarks.cases import CASES

# The apps measured here (in this process and under gunicorn) would write a log line per request, thousands
# of them, over the report. Warnings and errors still show.
os.environ.setdefault("LOG_LEVEL", "warning")


def main(names: list[str]) -> int:
    chosen = [case for case in CASES if not names or case.name in names]
    if not chosen:
        print(f"no benchmark named {', '.join(names)}; known: {', '.join(c.name for c in CASES)}")
        return 2
    for case in chosen:
        result = case.run()
        print(result.line())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
