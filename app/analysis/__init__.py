"""Item analysis: how each question performed (facility, discrimination, flags), as in Moodle."""
