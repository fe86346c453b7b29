"""The run around the users: options, pre-flight reads, ledger, console, summary."""
