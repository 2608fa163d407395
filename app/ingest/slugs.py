"""Readable URL slugs for articles, made from their headlines."""

import re
import unicodedata

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 60


def slug_from_title(title: str) -> str:
    """The headline's main clause (before a colon, if any) as lowercase ASCII words joined by hyphens."""
    head, colon, _ = title.partition(":")
    if colon and len(words(head)) >= 2:
        title = head
    slug = "-".join(words(title))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug or "article"


def words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower().replace("’", "").replace("'", ""))


def check_slug(slug: str) -> str:
    if not SLUG.match(slug) or len(slug) > 120:
        raise ValueError(f"slug {slug!r} must be lowercase letters, digits and single hyphens (at most 120)")
    return slug
