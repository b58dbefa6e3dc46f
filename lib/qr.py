"""QR codes of audience links, made offline with segno (PNG bytes), and the link itself.

The link is built from the address the presenter's browser used to reach the server (the request's
URL or Host header), never from a hard-coded host, so it works on whatever address the room uses.
"""

from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno

MAX_URL = 1500  # a QR code of a longer URL gets too dense to scan from a projector


def base_url(url: str | None, host: str | None) -> str:
    """'http://10.0.0.5:8501' from the request's URL (preferred) or its Host header."""
    if url:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    if host and all(c.isalnum() or c in ".-:[]" for c in host):
        return f"http://{host}"
    return ""


def view_url(base: str, path: str, query: dict[str, str]) -> str:
    """The full URL of a view: base + '/map' + '?metric=...'."""
    q = urlencode({k: v for k, v in query.items() if v not in (None, "")})
    return base.rstrip("/") + "/" + path.strip("/") + (("?" + q) if q else "")


def png(text: str, scale: int = 8) -> bytes:
    """A QR code of `text` as PNG bytes (dark on white, with the standard quiet zone)."""
    out = io.BytesIO()
    segno.make(text[:MAX_URL], error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
