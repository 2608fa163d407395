"""Generation: who said what in an article, and draft questions from it for a teacher to review."""
