"""The briefing pack: one ZIP to leave behind after a roundtable, for a story or a country.

Inside: the PDF (one page per story step, or the country's one-page brief), a 16:9 PNG of every
chart (rendered on the server, offline), the CSV of every figure shown (with its sources), a
CITATION file and the self-contained HTML handout. Built only when asked; `progress(share, what)`
is told how far it got.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date

from lib import brief, countries, deck, export, handout, i18n, labels, render, slides
from lib.geo import Geometry
from lib.load import Dataset
from lib.stories import Story

Progress = Callable[[float, str], None]
ATLAS = "Migration Practice Atlas"


def citations(ds: Dataset) -> list[str]:
    """Every source in full: publisher (year), title, and its address as plain text when known."""
    out = []
    for r in ds.sources.to_dict("records"):
        year = f" ({r['year']})" if str(r.get("year") or "").strip() else ""
        url = f" {r['url']}" if str(r.get("url") or "").strip() else ""
        out.append(f"{r['publisher']}{year}. {r['title']}.{url}")
    return out


def citation_file(ds: Dataset, what: str, today: date) -> str:
    lines = [
        i18n.t("pack.cite_atlas", what=what, version=labels.data_version(ds), date=today.isoformat()),
        "",
        i18n.t("pack.sources") + ":",
        *(f"- {c}" for c in citations(ds)),
        "",
        i18n.t("pack.cite_note"),
    ]
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "view"


def _quiet(share: float, what: str) -> None:
    pass


def _assemble(ds, files: dict[str, bytes | str], root: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(f"{root}/{name}", data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def _charts_and_tables(sections: list[tuple[str, list[slides.Slide]]], progress: Progress) -> tuple[dict, dict[int, bytes]]:
    """PNG and CSV files for every slide, and each slide's PNG by id()."""
    figs = [(i, n, s) for i, (_, ss) in enumerate(sections, start=1) for n, s in enumerate(ss, start=1) if s.figure is not None]
    total = max(len(figs), 1)
    pngs = render.pngs(
        [s.figure for _, _, s in figs], lambda k: progress(0.1 + 0.7 * k / total, i18n.t("pack.rendering", n=k, total=total))
    )
    files, by_slide = {}, {}
    for (i, n, s), png in zip(figs, pngs):
        files[f"charts/{i:02d}-{n}-{_slug(s.title)}.png"] = png
        by_slide[id(s)] = png
    for i, (_, ss) in enumerate(sections, start=1):
        for n, s in enumerate(ss, start=1):
            if s.table is not None:
                files[f"data/{i:02d}-{n}-{_slug(s.title)}.csv"] = export.to_csv_bytes(s.table)
    return files, by_slide


def story_pack(
    ds: Dataset, geometry: Geometry, story: Story, lang: str, progress: Progress = _quiet, today: date | None = None
) -> bytes:
    """The ZIP for a story, in `lang`."""
    today = today or date.today()
    with i18n.language(lang):
        progress(0.02, i18n.t("pack.preparing"))
        sections = [(s.caption, slides.view_slides(ds, geometry, s.page, s.params)) for s in story.steps]
        files, pngs = _charts_and_tables(sections, progress)
        footer = i18n.t("brief.footer", version=labels.data_version(ds), date=today.isoformat())
        progress(0.85, i18n.t("pack.writing"))
        pages = []
        for n, (step, (_, ss)) in enumerate(zip(story.steps, sections), start=1):
            heading = (
                i18n.t("story.position", n=n, total=len(story.steps))
                + " · "
                + (ss[0].title if ss else i18n.t(f"nav.{step.page}"))
            )
            pages.append(
                deck.Page(heading, step.caption, [pngs[id(s)] for s in ss if id(s) in pngs], [x for s in ss for x in s.lines])
            )
        files = {"story.pdf": deck.build(story.title, pages, footer), **files}
        sec = [handout.Section(p.heading, p.caption, ss) for p, (_, ss) in zip(pages, sections)]
        files["handout.html"] = handout.build(story.title, story.description, sec, citations(ds), footer, lang)
        files["CITATION.txt"] = citation_file(ds, story.title, today)
        progress(1.0, i18n.t("pack.done"))
    return _assemble(ds, files, f"atlas-story-{story.id}")


def country_pack(
    ds: Dataset, geometry: Geometry, iso3: str, lang: str, progress: Progress = _quiet, today: date | None = None
) -> bytes:
    """The ZIP for one country (its brief as the PDF), in `lang`."""
    today = today or date.today()
    with i18n.language(lang):
        progress(0.02, i18n.t("pack.preparing"))
        name = countries.names(ds.countries).get(iso3, iso3)
        ss = slides.view_slides(ds, geometry, "country", {"iso3": iso3})
        files, _ = _charts_and_tables([(name, ss)], progress)
        progress(0.85, i18n.t("pack.writing"))
        footer = i18n.t("brief.footer", version=labels.data_version(ds), date=today.isoformat())
        files = {f"brief-{iso3}.pdf": brief.build(ds, iso3, lang, today), **files}
        files["handout.html"] = handout.build(name, "", [handout.Section(name, "", ss)], citations(ds), footer, lang)
        files["CITATION.txt"] = citation_file(ds, name, today)
        progress(1.0, i18n.t("pack.done"))
    return _assemble(ds, files, f"atlas-country-{iso3}")
