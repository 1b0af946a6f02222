"""What the benchmarks that serve the API over HTTP share."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A free TCP port on the loopback interface, for a server the benchmark starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
