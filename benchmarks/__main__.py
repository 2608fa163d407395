"""Run every benchmark case: `python -m benchmarks [NAME ...]`."""

import sys

from benchmarks.cases import CASES


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
