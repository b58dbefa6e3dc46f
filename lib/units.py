"""Values as people read them: 'more than 600,000 people', 'US$540 billion', '20.9%'."""

from __future__ import annotations

from lib import i18n


def format_value(value: float, unit: str, qualifier: str = "") -> str:
    """A statistic with its unit and qualifier, keeping the source's precision."""
    n = i18n.number(value)
    if unit == "percent":
        text = i18n.t("unit.percent_value", n=n)
    elif unit == "percent_change":
        sign = "+" if value > 0 else ""
        text = i18n.t("unit.percent_change_value", n=sign + n)
    elif i18n.has(f"unit.{unit}_value"):
        text = i18n.t(f"unit.{unit}_value", n=n)
    else:
        text = n
    if qualifier:
        return i18n.t("qualifier.pattern", qualifier=i18n.label("qualifier", qualifier, qualifier), value=text)
    return text


def unit_label(unit: str) -> str:
    return i18n.label("unit", unit, unit)
