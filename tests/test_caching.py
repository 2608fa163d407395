"""The bounded cache: each value made once while kept, the least recently used dropped first."""

from app.caching import BoundedCache


def test_a_value_is_made_once_while_it_is_kept():
    made = []
    cache = BoundedCache(2)

    def make(key):
        made.append(key)
        return key.upper()

    assert [cache.get(k, lambda k=k: make(k)) for k in ("a", "a", "b", "a")] == ["A", "A", "B", "A"]
    assert made == ["a", "b"]


def test_the_least_recently_used_value_goes_first():
    made = []
    cache = BoundedCache(2)
    for key in ("a", "b", "a", "c", "a", "b"):  # "c" pushes out "b", the least recently used; "b" comes back
        cache.get(key, lambda key=key: made.append(key) or key)
    assert made == ["a", "b", "c", "b"]
