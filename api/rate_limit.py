"""The rate limit on everything under /v1, enforced before any database work.

`DOSSIER_RATE_LIMIT` (default "600 per minute"; several limits with `;`, e.g.
"100 per minute;5000 per hour") is the budget of one identity in fixed windows:

- a request that authenticates with an API key is counted against that key (its prefix);
- every other request (no key, a malformed, unknown or revoked key, or too low a scope:
  the 401s and 403s) is counted against the client address.

The order of the request hooks makes this hold before the database is touched: `gate` runs
before authentication and answers 429 when the client address has spent its budget, so a
burst of bad keys reaches 429 after at most one budget of key lookups per window (and a
malformed key is refused without a lookup at all, see api/auth.py); `charge` runs after a
key was authenticated and counts the request against the key (or, for anonymous reads,
the address); `finish` counts what was answered before `charge` (401, 403) against the
address. The client address is the peer of the TCP connection, or the `X-Forwarded-For`
entry a trusted proxy added (`DOSSIER_TRUSTED_PROXIES`, see api/urls.py).

Every /v1 response carries the state of the counter that decided it, per the IETF
RateLimit header fields draft: `RateLimit-Limit` (requests per window), `RateLimit-Remaining`,
`RateLimit-Reset` (seconds until the window ends) and `RateLimit-Policy` (`<limit>;w=<window
seconds>`); a 429 also has `Retry-After` (seconds). Counters live in Redis when `REDIS_URL`
is set, shared by all processes and hosts; otherwise in the memory of each process, and the
headers then describe that process's counter (a client spread over N worker processes may
make up to N times the limit; docs/production.md). When Redis does not answer, the process
counts in memory for `REDIS_RETRY_SECONDS`, then tries Redis again.
`DOSSIER_RATE_LIMIT_ENABLED=false` turns rate limiting off.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from api.errors import problem

log = logging.getLogger(__name__)

EXTENSION_KEY = "dossier.rate_limit"
PROTECTED_PREFIX = "/v1"
REDIS_RETRY_SECONDS = 30


@dataclass(frozen=True)
class Decision:
    """The state of one identity's counter after (or, for a test, without) a request."""

    allowed: bool
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    window: int  # seconds

    def headers(self) -> dict[str, str]:
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={self.window}",
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(self.reset, 1))
        return headers


class RateLimiter:
    """Fixed-window counters (the `limits` library) in Redis or in this process's memory."""

    def __init__(self, spec: str, storage_uri: str | None, key_prefix: str) -> None:
        self.items: list[RateLimitItem] = parse_many(spec)
        self.key_prefix = key_prefix
        self.shared = bool(storage_uri)
        self._memory = FixedWindowRateLimiter(MemoryStorage())
        self._redis: FixedWindowRateLimiter | None = None
        if storage_uri:
            storage: Storage = storage_from_string(
                storage_uri, socket_connect_timeout=1, socket_timeout=1)
            self._redis = FixedWindowRateLimiter(storage)
        self._redis_down_until = 0.0

    def _run(self, action):
        """Run `action(strategy)` on Redis, or in memory while Redis is unreachable."""
        if self._redis is not None and time.monotonic() >= self._redis_down_until:
            try:
                return action(self._redis)
            except Exception as error:  # noqa: BLE001 - any storage failure: fall back
                log.warning("rate-limit storage unreachable, counting in memory for %ss: %s",
                            REDIS_RETRY_SECONDS, error)
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
        return action(self._memory)

    def _decision(self, strategy: FixedWindowRateLimiter, identity: str,
                  allowed: dict[int, bool]) -> Decision:
        """The counter closest to exhaustion (a refused one first) as one decision."""
        decisions = []
        now = time.time()
        for index, item in enumerate(self.items):
            stats = strategy.get_window_stats(item, self.key_prefix, identity)
            decisions.append(Decision(
                allowed=allowed[index], limit=item.amount, remaining=max(stats.remaining, 0),
                reset=max(math.ceil(stats.reset_time - now), 0), window=item.get_expiry()))
        return min(decisions, key=lambda d: (d.allowed, d.remaining / max(d.limit, 1)))

    def hit(self, identity: str) -> Decision:
        """Count one request of `identity`; `allowed` is False when it is over a limit."""
        def action(strategy: FixedWindowRateLimiter) -> Decision:
            allowed = {i: strategy.hit(item, self.key_prefix, identity)
                       for i, item in enumerate(self.items)}
            return self._decision(strategy, identity, allowed)

        return self._run(action)

    def exhausted(self, identity: str) -> Decision | None:
        """The refusing decision when `identity` has no request left, else None (counts
        nothing)."""
        def action(strategy: FixedWindowRateLimiter) -> Decision | None:
            allowed = {i: strategy.test(item, self.key_prefix, identity)
                       for i, item in enumerate(self.items)}
            if all(allowed.values()):
                return None
            return self._decision(strategy, identity, allowed)

        return self._run(action)


def _limiter() -> RateLimiter | None:
    if not current_app.config.get("RATE_LIMIT_ENABLED", True):
        return None
    if not (request.path == PROTECTED_PREFIX or request.path.startswith(PROTECTED_PREFIX + "/")):
        return None
    return current_app.extensions[EXTENSION_KEY]


def address_identity() -> str:
    return f"addr:{request.remote_addr or 'unknown'}"


def too_many(decision: Decision) -> Response:
    return problem(429, headers=decision.headers(), type_="/problems/rate-limited")


def gate() -> Response | None:
    """before_request, before authentication: 429 when the address has no budget left."""
    limiter = _limiter()
    if limiter is None:
        return None
    decision = limiter.exhausted(address_identity())
    if decision is None:
        return None
    g.rate_limit = decision
    return too_many(decision)


def charge() -> Response | None:
    """before_request, after authentication: count the request against its key (or the
    address, for anonymous requests); 429 past the limit."""
    limiter = _limiter()
    if limiter is None:
        return None
    key = g.get("api_key")
    g.rate_limit = limiter.hit(f"key:{key.prefix}" if key else address_identity())
    return None if g.rate_limit.allowed else too_many(g.rate_limit)


def finish(response: Response) -> Response:
    """after_request: count what was answered before `charge` (401s, 403s) against the
    address, and describe the counter in the RateLimit-* headers."""
    limiter = _limiter()
    if limiter is None:
        return response
    decision = g.get("rate_limit")
    if decision is None:
        decision = g.rate_limit = limiter.hit(address_identity())
    for name, value in decision.headers().items():
        if name != "Retry-After" or response.status_code == 429:
            response.headers[name] = value
    return response


def init_gate(app: Flask) -> None:
    """Register the address gate (call before api.auth registers authentication)."""
    app.extensions[EXTENSION_KEY] = RateLimiter(
        app.config["RATE_LIMIT"], app.config.get("REDIS_URL"),
        app.config.get("RATE_LIMIT_KEY_PREFIX", "dossier"))
    app.before_request(gate)
    app.after_request(finish)


def init_charge(app: Flask) -> None:
    """Register the per-key count (call after api.auth registers authentication)."""
    app.before_request(charge)
