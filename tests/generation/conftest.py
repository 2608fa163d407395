"""Fixtures for the generation tests: one spaCy model, loaded once for the whole session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from app.generation.nlp import load_model

    return load_model()
