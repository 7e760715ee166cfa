"""The project's benchmark: ``python -m bench`` (``make bench``). See docs/benchmarks.md."""
