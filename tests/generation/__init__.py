"""Tests of quote attribution and draft-question generation."""
