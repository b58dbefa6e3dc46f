"""Colour contrast as WCAG 2.1 measures it: relative luminance, contrast ratio, alpha blending."""

from __future__ import annotations

TEXT = 4.5  # WCAG 2.1 AA, 1.4.3: normal text
LARGE_TEXT = 3.0  # 1.4.3: large text (24 px, or 18.7 px bold)
GRAPHICS = 3.0  # 1.4.11: chart marks, focus rings and control boundaries


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1f2933' (or '#abc') -> (31, 41, 51)."""
    h = colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    if len(h) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def hex_colour(channels) -> str:
    """(31, 41, 51) -> '#1f2933' (channels rounded and clipped to 0..255)."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour (0 black .. 1 white)."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1 .. 21) between two opaque colours."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn at `alpha` opacity over `background` (how Streamlit fades caption text)."""
    return hex_colour(alpha * f + (1 - alpha) * b for f, b in zip(rgb(colour), rgb(background)))
