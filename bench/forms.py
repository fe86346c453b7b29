"""Precomputed save forms for the floors of the benchmark: made before any clock starts."""

from urllib.parse import urlencode


def precomputed_forms(count: int, first_number: int) -> list[str]:
    """Encoded saveRecord forms with unique numbers and mobiles, cheap to send."""
    return [
        urlencode(
            {
                "number": str(first_number + i),
                "user_username": f"Иван Петров {i}",
                "user_email": f"ivan.{i}@example.org",
                "mobile_number": str(79_000_000_000 + i),
                "fwd_forwarding": str(79_000_000_000 + i),
            }
        )
        for i in range(count)
    ]
