"""Plain-Python text handling: cleaning received articles and addressing spans by offsets."""
