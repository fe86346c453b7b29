"""What the suite knows about the PBX: its API dialects and how to read its answers."""
