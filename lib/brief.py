"""A one-page PDF brief of a country profile, made offline with fpdf2.

The brief carries the country's key statistics (every figure, with qualifier, period and source),
its practices grouped by issue area (title, implementer, period, source and locator), the sources
cited, and the data version and date. The text uses the DejaVu Sans font shipped in
`static/fonts/`, so accented names (Côte d'Ivoire, Curaçao, Türkiye) print correctly. If the
practices do not fit on one page, the list ends with a line saying how many more are in the Atlas
and its CSV export: the brief never silently drops anything.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lib import alttext, countries, i18n, labels, profile, tables
from lib.load import Dataset
from lib.units import format_value, period_text

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONT = "DejaVu"
INK = (31, 41, 51)
MUTED = (90, 98, 110)
ACCENT = (42, 120, 142)
PAGE_BOTTOM = 285  # mm on A4; below this the footer is drawn


class _Brief(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(14, 12, 14)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 3, self.footer_text, align="L")


def _room(pdf: FPDF, needed: float) -> bool:
    return pdf.get_y() + needed <= PAGE_BOTTOM - 6


def build(ds: Dataset, iso3: str, lang: str | None = None, today: date | None = None) -> bytes:
    """The brief as PDF bytes (one A4 page) for `iso3`, in `lang` (default: the current language).
    The language is set for the build only: the caller's language is unchanged afterwards."""
    with i18n.language(lang or i18n.language()):
        return _build(ds, iso3, today or date.today())


def figures_description(ds: Dataset, stats) -> str:
    """The key-figures table described in words (lib.alttext), from the rows the table prints."""
    return alttext.figures_table(
        [labels.indicator_name(ds, i) for i in stats["indicator"]],
        [period_text(p) for p in stats["period"]],
        [labels.source_short(ds, s) for s in stats["source_id"]],
    )


def _build(ds: Dataset, iso3: str, today: date) -> bytes:
    names = countries.names(ds.countries)
    name = names.get(iso3, iso3)
    view = profile.country_profile(ds, iso3)
    footer = i18n.t("brief.footer", version=labels.data_version(ds), date=today.isoformat())
    pdf = _Brief(footer)
    pdf.set_title(i18n.t("brief.title", country=name))
    pdf.set_author("Migration Practice Atlas")
    pdf.set_lang(i18n.language())  # screen readers read the brief in its language
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 8)
    pdf.cell(0, 4, i18n.t("brief.kicker"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 9, name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, view.region_line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)

    sources_used: set[str] = set()

    def heading(text: str) -> None:
        pdf.ln(1.5)
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(1)
        pdf.set_text_color(*INK)

    stats = profile.country_statistics(ds, iso3)
    heading(i18n.t("country.statistics"))
    if stats.empty:
        pdf.set_font(FONT, "", 8.5)
        pdf.multi_cell(width, 4.2, i18n.t("country.no_statistics"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    else:
        pdf.set_font(FONT, "", 7.2)
        with pdf.table(
            col_widths=(34, 22, 14, 30),
            text_align=("LEFT", "LEFT", "LEFT", "LEFT"),
            line_height=3.8,
            first_row_as_headings=True,
            borders_layout="HORIZONTAL_LINES",
            padding=0.6,
        ) as table:
            head = table.row()
            for h in (i18n.t("col.indicator"), i18n.t("col.value"), i18n.t("col.period"), i18n.t("col.source")):
                head.cell(h)
            for r in stats.itertuples():
                sources_used.add(r.source_id)
                row = table.row()
                row.cell(labels.indicator_name(ds, r.indicator))
                row.cell(format_value(r.value, r.unit, r.qualifier, r.value_text))
                row.cell(period_text(r.period))
                row.cell(labels.citation(ds, r.source_id, r.locator))
        # the table's text alternative: what it holds, for readers who get the brief read aloud
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.ln(0.8)
        pdf.multi_cell(width, 3.5, figures_description(ds, stats), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        if view.conflicts:
            pdf.set_font(FONT, "", 7)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(width, 3.5, i18n.t("country.conflicts"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(*INK)

    practices = view.practices
    heading(i18n.t("country.practices", n=len(practices)))
    shown = set()
    if practices.empty:
        pdf.set_font(FONT, "", 8.5)
        pdf.multi_cell(width, 4.2, i18n.t("brief.no_practices"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    reserve = 22  # mm kept for the sources block
    full = False
    for _issue, label, group in tables.practices_by_issue(ds, practices):
        # one line per practice, under its first issue area, so the page holds as many as it can
        group = group[~group["practice_id"].isin(shown)]
        if full:
            break
        if group.empty:
            continue
        if not _room(pdf, reserve + 9):
            full = True
            break
        pdf.set_font(FONT, "B", 8.5)
        pdf.cell(0, 4.6, f"{label} ({len(group)})", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for r in group.itertuples():
            line = r.title
            if r.n_countries > 1:
                line += " " + i18n.t("brief.multi", n=r.n_countries)
            meta = " · ".join(
                x for x in (r.implementer, i18n.label("period", r.period), labels.citation(ds, r.source_id, r.locator)) if x
            )
            pdf.set_font(FONT, "", 7.5)
            needed = 3.6 * (
                len(pdf.multi_cell(width - 3, 3.6, line, dry_run=True, output="LINES"))
                + len(pdf.multi_cell(width - 3, 3.3, meta, dry_run=True, output="LINES"))
            )
            if not _room(pdf, reserve + needed):
                full = True
                break
            pdf.set_x(pdf.l_margin + 3)
            pdf.multi_cell(width - 3, 3.6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(pdf.l_margin + 3)
            pdf.set_font(FONT, "", 6.8)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(width - 3, 3.3, meta, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(*INK)
            shown.add(r.practice_id)
            sources_used.add(r.source_id)
    rest = len(set(practices["practice_id"])) - len(shown) if not practices.empty else 0
    if rest > 0:
        sources_used |= set(practices["source_id"])
        pdf.set_font(FONT, "B", 7.5)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(width, 4, i18n.t("brief.more", n=rest), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)

    heading(i18n.t("brief.sources"))
    pdf.set_font(FONT, "", 6.8)
    src = ds.sources.set_index("source_id")
    for sid in sorted(sources_used):
        if sid not in src.index:
            continue
        s = src.loc[sid]
        text = f"{labels.source_short(ds, sid)}: {s['title']}" + (f". {s['url']}" if s["url"] else "")
        pdf.multi_cell(width, 3.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
