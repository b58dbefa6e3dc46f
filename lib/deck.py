"""The story as a PDF: one landscape A4 page per step (heading, caption, the step's chart as
rendered PNG, its key figures), made offline with fpdf2 and the DejaVu fonts shipped for the brief."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lib import i18n
from lib.brief import ACCENT, FONT, FONT_DIR, INK, MUTED

MAX_LINES = 8  # key figures printed under a chart; the CSV has them all


@dataclass
class Page:
    heading: str
    caption: str = ""
    images: list[bytes] = field(default_factory=list)  # PNG, 16:9
    lines: list[str] = field(default_factory=list)


class _Deck(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(14, 10, 14)

    def footer(self):
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, f"{self.footer_text} · {self.page_no()}", align="L")


def build(title: str, pages: list[Page], footer: str) -> bytes:
    """The PDF bytes: a title line on every page, then the step."""
    pdf = _Deck(footer)
    pdf.set_title(title)
    pdf.set_author("Migration Practice Atlas")
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for page in pages:
        pdf.add_page()
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 4, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", 16)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 7, page.heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if page.caption:
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5, page.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
        lines = page.lines[:MAX_LINES]
        room = pdf.h - 16 - pdf.get_y() - 4.2 * len(lines)
        for png in page.images[:1]:
            h = min(room, width * 9 / 16)
            pdf.image(io.BytesIO(png), x=pdf.l_margin + (width - h * 16 / 9) / 2, h=h, w=h * 16 / 9)
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(*MUTED)
        for line in lines:
            pdf.multi_cell(0, 4, line[:300], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if len(page.lines) > MAX_LINES:
            pdf.multi_cell(0, 4, i18n.t("pack.more_lines", n=len(page.lines) - MAX_LINES), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
