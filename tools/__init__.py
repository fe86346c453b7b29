"""Commands for after a run: `python -m tools.reconcile` and `python -m tools.cleanup`."""
