"""Rooms: the step a presenter console shows, shared with the audience windows that follow it.

The console and the audience view are two browser windows, so two Streamlit sessions. The console
publishes its current view (page, URL parameters, caption, position, blank screen) under a random
room token; an audience window opened with `?room=<token>` polls it and follows. Only this view
state is shared, in memory (never on disk, never the speaker notes); old rooms are dropped.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

MAX_ROOMS = 200
TTL_SECONDS = 12 * 3600


@dataclass(frozen=True)
class View:
    page: str
    params: dict[str, str]
    title: str = ""
    caption: str = ""
    n: int = 1
    total: int = 1
    blank: bool = False


@dataclass
class Rooms:
    _views: dict[str, tuple[float, int, View]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(9)

    def publish(self, token: str, view: View) -> int:
        """Set the room's view; returns its version (it grows on every change)."""
        with self._lock:
            _, version, old = self._views.get(token, (0.0, 0, None))
            if old != view:
                version += 1
            self._views[token] = (time.monotonic(), version, view)
            self._prune()
            return version

    def get(self, token: str) -> tuple[int, View | None]:
        """(version, view) of a room; (0, None) for an unknown or expired one."""
        with self._lock:
            entry = self._views.get(token)
            if entry is None or time.monotonic() - entry[0] > TTL_SECONDS:
                return 0, None
            return entry[1], entry[2]

    def _prune(self) -> None:
        now = time.monotonic()
        for token in [t for t, (when, _, _) in self._views.items() if now - when > TTL_SECONDS]:
            del self._views[token]
        while len(self._views) > MAX_ROOMS:
            del self._views[min(self._views, key=lambda t: self._views[t][0])]
