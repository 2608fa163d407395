"""Benchmarks for `make bench`: each prints its speed as a ratio to a baseline measured in the same run."""
