"""Markup: every escape of data or user text on its way to Markdown or plotly, and the practice card.

Nothing from the data or the URL is ever rendered as HTML: `md()` escapes Markdown (and with it
HTML), `esc()` escapes plotly's HTML-like labels. Pages and figures use these two and nothing else.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from types import SimpleNamespace

from lib import i18n, labels
from lib.load import Dataset
from lib.schema import split_list


def md(text: object) -> str:
    """Escape text for st.markdown so data can never become markup or links."""
    s = str(text)
    for ch in "\\`*_{}[]()#+-.!|<>~$":
        s = s.replace(ch, "\\" + ch)
    return s


def esc(text: object) -> str:
    """Escape text for plotly labels, which accept a subset of HTML (<b>, <br>, <a>)."""
    return html.escape(str(text), quote=False)


@dataclass(frozen=True)
class Card:
    """One practice as a list shows it: every text already escaped Markdown."""

    label: str  # the expander's label: title (translated when curated) and, when short, the countries
    body: str  # practice_card()
    links: tuple[tuple[str, str], ...]  # (iso3, escaped name) of the first 8 countries, for profile links
    n_countries: int


def card(ds: Dataset, record: dict, names: dict[str, str]) -> Card:
    """The card of one practice (a row of `ds.practices` as a dict) in the current language."""
    r = SimpleNamespace(**record)
    codes = split_list(r.countries)
    where = ", ".join(names.get(c, c) for c in codes)
    label = md(labels.practice_title(ds, r)) + (f" · {md(where)}" if where and len(where) < 60 else "")
    return Card(label, practice_card(ds, r, names), tuple((c, md(names.get(c, c))) for c in codes[:8]), len(codes))


def practice_card(ds: Dataset, r, names: dict[str, str]) -> str:
    """Markdown for one practice; every data value is escaped. Outside English the summary is the
    curators' translation when there is one, marked as such, or the English text, marked too."""
    lines = []
    if r.countries:
        lines.append(f"**{i18n.t('col.countries')}:** " + md(", ".join(names.get(c, c) for c in split_list(r.countries))))
    if r.places:
        lines.append(f"**{i18n.t('col.places')}:** " + md(r.places))
    actor = f" ({md(i18n.label('actor', r.actor_type))})"
    if r.implementer:
        lines.append(f"**{i18n.t('col.implementer')}:** " + md(r.implementer) + actor)
    if r.implementer_inferred:  # not stated in the source: said so
        lines.append(f"**{i18n.t('practices.inferred')}:** " + md(r.implementer_inferred) + ("" if r.implementer else actor))
    issues = ", ".join(labels.issue_name(ds, i) for i in split_list(r.issue_areas))
    lines.append(f"**{i18n.t('col.issue_areas')}:** " + md(issues))
    if r.gcm_objectives:
        lines.append(
            f"**{i18n.t('col.gcm')}:** "
            + md(", ".join(split_list(r.gcm_objectives)))
            + f" ({md(i18n.label('gcm_basis', r.gcm_basis))})"
        )
    lines.append(f"**{i18n.t('col.period')}:** " + md(i18n.label("period", r.period)))
    tr = labels.translation(ds, r.practice_id)
    if tr:
        lines.append(md(tr["summary"]))
        lines.append(f"*{md(i18n.t('practices.translated', by=tr['translated_by']))}*")
    else:
        lines.append(md(r.summary))
        if i18n.language() != i18n.DEFAULT:
            lines.append(f"*{md(i18n.t('practices.in_english'))}*")
    if r.note:
        lines.append(f"**{i18n.t('col.note')}:** " + md(r.note))
    related = labels.related_practices(ds, r.related_ids)
    if related:
        lines.append(f"**{i18n.t('practices.also_in')}:** " + md("; ".join(related)))
    lines.append(f"*{md(labels.citation(ds, r.source_id, r.locator))}*")
    for url in split_list(r.reference_url):
        lines.append(f"{i18n.t('col.link')}: `{url.replace('`', '')}`")
    return "  \n".join(lines)
