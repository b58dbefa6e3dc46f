"""Values as people read them: 'more than 600,000 people', 'US$540 billion', '20.9%'."""

from __future__ import annotations

import math

from lib import i18n


def format_value(value: float, unit: str, qualifier: str = "", words: str = "") -> str:
    """A statistic with its unit and qualifier, keeping the source's precision; a figure the source
    gives only in words ("half", "a third": no number in `value`) is shown in those words."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return words or "—"
    n = i18n.number(value)
    if unit == "percent":
        text = i18n.t("unit.percent_value", n=n)
    elif unit == "percent_change":
        # No "+" is added: the documents print most changes as magnitudes under a named direction
        # ("1.6 percent below", "a 17.3 per cent decline"), and the indicator's name says which.
        text = i18n.t("unit.percent_change_value", n=n)
    elif i18n.has(f"unit.{unit}_value"):
        text = i18n.t(f"unit.{unit}_value", n=n)
    else:
        text = n
    if qualifier:
        return i18n.t("qualifier.pattern", qualifier=i18n.label("qualifier", qualifier, qualifier), value=text)
    return text


def period_text(period: str) -> str:
    """A statistic's period for reading: as printed, or 'period not stated' when the source gives none."""
    return i18n.t("period.stat_not_stated") if period in ("", "not_stated") else period
