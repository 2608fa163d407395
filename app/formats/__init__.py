"""Question files in other shapes: GIFT, Moodle XML, CSV, Sourced JSON (read and written) and Anki decks.

Every format reads into bank items (the dicts `flask questions check` validates) and writes from export
records (`app.bank.exporting.question_record`); `app.formats.importing` runs every item through the bank's
validator, all or nothing. See `registry.FORMATS`.
"""
