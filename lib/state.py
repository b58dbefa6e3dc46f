"""Page state in the URL: reading query parameters safely and writing them back.

Everything read from the URL is treated as untrusted: values are trimmed, length-limited and
checked against the allowed values; anything else is dropped (and reported to the page so it can
say so calmly), never echoed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PARAM = 200
SEP = ","


@dataclass
class Params:
    raw: dict[str, str]
    ignored: list[str] = field(default_factory=list)  # parameter names with unusable values

    def text(self, name: str, default: str = "") -> str:
        value = str(self.raw.get(name, default) or "")
        if len(value) > MAX_PARAM:
            self.ignored.append(name)
            return default
        return value.strip()

    def choice(self, name: str, allowed, default):
        value = self.text(name)
        if not value:
            return default
        allowed = list(allowed)
        if value in allowed:
            return value
        self.ignored.append(name)
        return default

    def choices(self, name: str, allowed, cast=str) -> tuple:
        value = self.text(name)
        if not value:
            return ()
        allowed = set(allowed)
        out = []
        for item in value.split(SEP):
            item = item.strip()
            try:
                item = cast(item)
            except ValueError:
                self.ignored.append(name)
                continue
            if item in allowed and item not in out:
                out.append(item)
            elif item != "":
                self.ignored.append(name)
        return tuple(out)

    def flag(self, name: str) -> bool:
        return self.text(name).lower() in ("1", "true", "yes", "on")


def read(query_params) -> Params:
    """Params from `st.query_params` (or any mapping); the last value wins for repeated keys."""
    raw = {}
    for key in list(query_params.keys()):
        value = query_params.get(key)
        raw[str(key)[:MAX_PARAM]] = "" if value is None else str(value)
    return Params(raw)


def encode(values: dict) -> dict[str, str]:
    """Query parameters for a state dict: tuples are joined, empty values are left out."""
    out = {}
    for key, value in values.items():
        if isinstance(value, (tuple, list)):
            value = SEP.join(str(v) for v in value)
        if value not in (None, "", False):
            out[key] = "1" if value is True else str(value)
    return out
