"""Deadlines for slow clients, on uvicorn's httptools protocol (what `mi-sim serve` runs).

uvicorn bounds only the idle time between two requests of a kept-alive connection
(`timeout_keep_alive`). A client that opens a connection and sends nothing, or drips its
request line and headers a byte at a time, or its body, holds the socket (and, for a body, the
request's task) for as long as it likes: 30 such sockets were held open for ever by the probe
of issue 12. `TimedHttpToolsProtocol` adds the two deadlines nginx calls
`client_header_timeout` and `client_body_timeout`:

- the request line and headers must have arrived `header_timeout` seconds after the
  connection was opened or the request's first byte arrived (nothing sent at all counts too);
- the whole body must have arrived `body_timeout` seconds after the headers.

A client that misses one gets `408 Request Timeout` (when no answer has started) and the
connection is closed; the app sees a disconnect. `mi-sim serve` hands the class to
`uvicorn.run(http=...)` (a class importable by name, so that worker processes get it too).
"""

from __future__ import annotations

import asyncio
import functools

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mi_sim.config import Settings

_MESSAGE = b"the request took too long to arrive\n"
REQUEST_TIMEOUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                   b"connection: close\r\ncontent-length: %d\r\n\r\n%s"
                   % (len(_MESSAGE), _MESSAGE))


@functools.cache
def deadlines() -> tuple[float, float]:
    """(header, body) deadlines in seconds from the `MI_SIM_*` settings, read once per
    process: each worker process of `mi-sim serve` reads the same environment."""
    settings = Settings()
    return float(settings.header_timeout_seconds), float(settings.body_timeout_seconds)


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the header and body deadlines of `deadlines()`."""

    _deadline: asyncio.TimerHandle | None = None

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(REQUEST_TIMEOUT)
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(deadlines()[0])  # a connection that never sends a byte is closed too

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # the first byte of the next request on this connection
            self._arm(deadlines()[0])

    def on_headers_complete(self) -> None:
        self._arm(deadlines()[1])
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

