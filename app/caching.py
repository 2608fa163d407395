"""A bounded, thread-safe cache for values that never change once made (what a question revision shows)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from typing import Generic, TypeVar

Value = TypeVar("Value")


class BoundedCache(Generic[Value]):
    """Keeps the `size` most recently used values; `get` makes a missing one with the function it is given."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()  # for writes: gthread workers share one app between threads

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        try:
            value = self._values[key]
        except KeyError:
            return self._add(key, make())  # made outside the lock: making may query the database
        with suppress(KeyError):  # another thread evicted it just now; it was still valid
            self._values.move_to_end(key)
        return value

    def _add(self, key: Hashable, value: Value) -> Value:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value
