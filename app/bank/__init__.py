"""The question bank: YAML questions, their types, validation, loading into revisions, and export."""
