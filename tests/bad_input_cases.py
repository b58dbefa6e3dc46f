"""The bad-input corpus: each case builds a broken (or merely odd) data folder from the tiny fixture
and states what must happen. Used by `tests/test_bad_input.py`.

A case is a name, a category, how to build it (`tables`: edits of the fixture's DataFrames before
they are written; `files`: edits of the written folder, e.g. raw bytes) and an `Expect`:

- `error`: loading fails, and one problem names `file`, `row` (spreadsheet row, header = 1; None for
  a file-level problem) and `column` (None when not about one column), with `fragment` in its message;
  `only_files`, when given, lists the only files any problem may name (no cascades of follow-up errors).
- `fallback`: the folder loads without any problem and the app renders calmly.

Hostile-text cases also list the pages whose rendered text must be inert (`inert`), and, where a page
is known to render data as markup, why that check is expected to fail (`xfail`, strict).

Tiny fixture rows (see tests/conftest.py): practices 2 phl-reintegration (PHL), 3 multi-health
(PHL;IND), 4 civ-skills (CIV), 5 glob-toolkit; statistics 2-4 returns_total (PHL, PHL, IND), 5 mw-wld;
countries 2 PHL, 3 IND, 4 CIV, 5 SGP; sources 2 src_a, 3 src_b; groups 2 WLD; gcm_objectives 2-24.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.load import MAX_FILE_BYTES
from lib.schema import COLUMNS
from tests.conftest import practice, tiny_tables, write_tables

FOLDER = "<folder>"  # stands for the case's own data folder in `Expect.file`

EVIL_IMG = "![x](http://evil.example/x.png)"
EVIL_LINK = "[click me](http://evil.example/)"
SCRIPT = "<script>alert(1)</script>"
IMG_TAG = '<img src=x onerror="alert(1)">'

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Expect:
    outcome: str  # "error" or "fallback"
    file: str | None = None
    row: int | None = None
    column: str | None = None
    fragment: str = ""
    only_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    expect: Expect
    tables: tuple[Callable[[Tables], None], ...] = ()
    files: tuple[Callable[[Path], None], ...] = ()
    all_pages: bool = False  # also render every page, not only the overview
    inert: tuple[tuple[str, dict], ...] = ()  # (page, query params) whose text must be inert
    xfail: dict = field(default_factory=dict)  # page -> reason the inert check fails (a known bug)
    export_payload: str = ""  # a formula-like value that must leave the CSV exports neutralised


def error(file, row, column, fragment, only_files=()) -> Expect:
    return Expect("error", file, row, column, fragment, tuple(only_files))


FALLBACK = Expect("fallback")


def build(case: Case, base: Path) -> Path:
    """Write the case's folder under `base` (a fresh folder per case: the app's cache keys on path)."""
    tables = tiny_tables()
    for edit in case.tables:
        edit(tables)
    folder = write_tables(base / "data", tables)
    for edit in case.files:
        edit(folder)
    return folder


# Building blocks --------------------------------------------------------------------------------


def cell(file: str, index: int, column: str, value: str):
    """Set one cell (index = spreadsheet row - 2)."""

    def edit(t: Tables) -> None:
        t[file].loc[index, column] = value

    return edit


def add_row(file: str, **values):
    def edit(t: Tables) -> None:
        t[file] = pd.concat([t[file], pd.DataFrame([values], columns=t[file].columns).fillna("")], ignore_index=True)

    return edit


def drop_rows(file: str, keep: slice):
    def edit(t: Tables) -> None:
        t[file] = t[file].iloc[keep].reset_index(drop=True)

    return edit


def drop_column(file: str, column: str):
    def edit(t: Tables) -> None:
        t[file] = t[file].drop(columns=[column])

    return edit


def raw(file: str, fn: Callable[[bytes], bytes]):
    """Rewrite a written file's bytes."""

    def edit(folder: Path) -> None:
        path = folder / file
        path.write_bytes(fn(path.read_bytes()))

    return edit


def lines(file: str, fn: Callable[[list[bytes]], list[bytes]]):
    """Rewrite a written file line by line (lines without their '\\n'; the last one is '')."""
    return raw(file, lambda b: b"\n".join(fn(b.split(b"\n"))))


def replace(file: str, old: bytes, new: bytes):
    def fn(b: bytes) -> bytes:
        assert old in b, (file, old)
        return b.replace(old, new)

    return raw(file, fn)


def reencode(file: str, encoding: str):
    return raw(file, lambda b: b.decode("utf-8").encode(encoding))


def remove(file: str):
    def edit(folder: Path) -> None:
        (folder / file).unlink()

    return edit


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder)


def header_only(file: str):
    return lines(file, lambda ls: [ls[0], b""])


def insert_line(file: str, at: int, text: bytes):
    return lines(file, lambda ls: ls[:at] + [text] + ls[at:])


def sparse_oversize(file: str):
    """Grow a file past the size limit without writing the bytes (a sparse file)."""

    def edit(folder: Path) -> None:
        os.truncate(folder / file, MAX_FILE_BYTES + 1)

    return edit


def many_practices(n: int):
    def edit(t: Tables) -> None:
        rows = [practice(f"gen-{i:05d}", ("PHL", "IND", "CIV")[i % 3], ("skills", "data")[i % 2]) for i in range(n)]
        t["practices.csv"] = pd.concat([t["practices.csv"], pd.DataFrame(rows)], ignore_index=True)

    return edit


def geometry(fn: Callable[[dict], dict]):
    import json

    def edit(folder: Path) -> None:
        path = folder / "geo" / "countries.geojson"
        path.write_text(json.dumps(fn(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")

    return edit


def _without_lat(doc: dict) -> dict:
    del doc["features"][3]["properties"]["lat"]
    return doc


P = "practices.csv"
S = "statistics.csv"
PRACTICES_PAGES = (("practices", {}), ("country", {"iso3": "PHL"}))
# The corpus -------------------------------------------------------------------------------------

CASES: list[Case] = [
    # CSV structure
    Case(
        "missing-column", "structure", error(P, 1, None, "missing column(s): locator", [P]), tables=(drop_column(P, "locator"),)
    ),
    Case(
        "extra-column",
        "structure",
        error("sources.csv", 1, None, "unexpected column(s): extra"),
        tables=(lambda t: t.__setitem__("sources.csv", t["sources.csv"].assign(extra="x")),),
    ),
    Case(
        "header-wrong-case",
        "structure",
        error(P, 1, None, "unexpected column(s): Title"),
        files=(replace(P, b",title,", b",Title,"),),
    ),
    Case("header-padded-with-spaces", "structure", FALLBACK, files=(replace(P, b",title,", b", title ,"),)),
    Case(
        "empty-file-0-bytes",
        "structure",
        error("groups.csv", None, None, "file is empty"),
        files=(raw("groups.csv", lambda b: b""),),
    ),
    Case("header-only-required-practices", "structure", error(P, None, None, "no data rows"), files=(header_only(P),)),
    Case("header-only-required-statistics", "structure", error(S, None, None, "no data rows"), files=(header_only(S),)),
    Case("header-only-optional-priorities", "structure", FALLBACK, files=(header_only("priorities.csv"),), all_pages=True),
    Case(
        "header-only-optional-groups-unused",
        "structure",
        FALLBACK,
        tables=(drop_rows(S, slice(0, 3)),),
        files=(header_only("groups.csv"),),
    ),
    Case(
        "header-only-groups-still-referenced",
        "structure",
        error(S, 5, "geography", "unknown geography"),
        files=(header_only("groups.csv"),),
    ),
    Case(
        "ragged-row-too-many-cells",
        "structure",
        error(P, 3, None, f"row has {len(COLUMNS[P]) + 1} cells but the header has {len(COLUMNS[P])}"),
        files=(lines(P, lambda ls: ls[:2] + [ls[2] + b",extra"] + ls[3:]),),
        all_pages=True,
    ),
    Case(
        "ragged-row-too-few-cells",
        "structure",
        error("groups.csv", 2, None, "row has 2 cells but the header has 3"),
        files=(replace("groups.csv", b"WLD,World,world", b"WLD,World"),),
    ),
    Case(
        "semicolon-delimiter",
        "structure",
        error(P, 1, None, "separated by semicolons"),
        files=(raw(P, lambda b: b.replace(b",", b";")),),
    ),
    Case(
        "tab-delimiter",
        "structure",
        error("groups.csv", 1, None, "separated by tabs", ["groups.csv"]),
        files=(raw("groups.csv", lambda b: b.replace(b",", b"\t")),),
    ),
    Case(
        "missing-file",
        "structure",
        error("indicators.csv", None, None, "file not found", ["indicators.csv"]),
        files=(remove("indicators.csv"),),
    ),
    Case("missing-folder", "structure", error(FOLDER, None, None, "data folder not found"), files=(remove_folder,)),
    Case(
        "duplicated-header-name",
        "structure",
        error("groups.csv", 1, "name", "names column 'name' 2 times"),
        files=(replace("groups.csv", b"group_id,name,kind", b"group_id,name,name"),),
    ),
    Case(
        "duplicated-header-extra-column",
        "structure",
        error("groups.csv", 1, "kind", "names column 'kind' 2 times", ["groups.csv"]),
        files=(
            replace("groups.csv", b"group_id,name,kind", b"group_id,name,kind,kind"),
            replace("groups.csv", b"world", b"world,world"),
        ),
    ),
    Case(
        "empty-header-cell",
        "structure",
        error("groups.csv", 1, None, "unnamed column: empty header cell"),
        files=(replace("groups.csv", b"kind\n", b"kind,\n"), replace("groups.csv", b"world\n", b"world,\n")),
    ),
    Case(
        "header-repeated-in-body",
        "structure",
        error("groups.csv", 3, "group_id", "must be upper-case letters"),
        files=(raw("groups.csv", lambda b: b + b"group_id,name,kind\n"),),
    ),
    Case("blank-lines", "structure", FALLBACK, files=(raw(P, lambda b: b.replace(b"\n", b"\n\n")),)),
    Case(
        "blank-lines-keep-spreadsheet-rows",
        "structure",
        error(P, 6, "scope", "unknown scope"),
        tables=(cell(P, 2, "scope", "nationwide"),),
        files=(insert_line(P, 1, b""), insert_line(P, 2, b" , ,,")),
    ),
    Case(
        "multiline-cells-keep-spreadsheet-rows",
        "structure",
        error(P, 4, "scope", "unknown scope"),
        tables=(lambda t: t[P].__setitem__("places", "Manila\nCebu"), cell(P, 2, "scope", "nationwide")),
    ),
    Case("crlf-line-endings", "structure", FALLBACK, files=(raw(P, lambda b: b.replace(b"\n", b"\r\n")),)),
    Case("cr-only-line-endings", "structure", FALLBACK, files=(raw(P, lambda b: b.replace(b"\n", b"\r")),)),
    Case(
        "unterminated-quote-last-row",
        "structure",
        error(P, 5, None, "is never closed"),
        files=(replace(P, b"glob-toolkit,Toolkit", b'glob-toolkit,"Toolkit'),),
    ),
    Case(
        "unterminated-quote-swallows-rest",
        "structure",
        error(P, 3, None, "is never closed"),
        files=(replace(P, b"Testing for all", b'"Testing for all'),),
    ),
    Case(
        "text-after-closing-quote",
        "structure",
        error(P, 3, None, "text after its closing"),
        files=(replace(P, b"Testing for all", b'"Testing" for all'),),
    ),
    Case("file-over-size-limit", "structure", error(P, None, None, "the limit is"), files=(sparse_oversize(P),)),
    # Encodings
    Case(
        "latin-1-bytes",
        "encoding",
        error("countries.csv", 4, None, "not UTF-8 (byte 0xf4"),
        files=(reencode("countries.csv", "latin-1"),),
    ),
    Case(
        "utf-16-with-bom",
        "encoding",
        error("sources.csv", None, None, "UTF-16", ["sources.csv"]),
        files=(reencode("sources.csv", "utf-16"),),
    ),
    Case(
        "utf-16-without-bom",
        "encoding",
        error("groups.csv", None, None, "looks like UTF-16", ["groups.csv"]),
        files=(reencode("groups.csv", "utf-16-le"),),
    ),
    Case("utf-8-with-bom", "encoding", FALLBACK, files=(raw(P, lambda b: b"\xef\xbb\xbf" + b),), all_pages=True),
    Case(
        "utf-8-bom-and-crlf-excel", "encoding", FALLBACK, files=(raw(S, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),)
    ),
    Case(
        "windows-1252-smart-quotes",
        "encoding",
        error(P, 2, None, "not UTF-8 (byte 0x93"),
        tables=(cell(P, 0, "summary", "\u201cSmart\u201d quotes \u2013 from Word."),),
        files=(reencode(P, "cp1252"),),
    ),
    Case("nul-byte", "encoding", error(P, 2, None, "NUL (zero) byte"), tables=(cell(P, 0, "title", "Tool\x00kit"),)),
    Case(
        "escape-control-character",
        "encoding",
        error(P, 2, "title", "control character (shown as ␛"),
        tables=(cell(P, 0, "title", "\x1b[31mRed\x1b[0m"),),
    ),
    Case(
        "zero-width-space-in-iso3",
        "encoding",
        error(P, 2, "countries", "found 'PHL<U+200B>'"),
        tables=(cell(P, 0, "countries", "PHL\u200b"),),
    ),
    Case("no-break-spaces-around-iso3", "encoding", FALLBACK, tables=(cell(P, 0, "countries", "\u00a0PHL\u00a0"),)),
    # Content
    Case(
        "unknown-iso3",
        "content",
        error(P, 3, "countries", "each a known id (found 'PHL;XXX')"),
        tables=(cell(P, 1, "countries", "PHL;XXX"),),
    ),
    Case("lower-case-iso3", "content", error(P, 2, "countries", "upper case"), tables=(cell(P, 0, "countries", "phl"),)),
    Case("lower-case-geography", "content", error(S, 2, "geography", "upper case"), tables=(cell(S, 0, "geography", "phl"),)),
    Case(
        "unknown-geography",
        "content",
        error(S, 2, "geography", "unknown geography: use an ISO3 code"),
        tables=(cell(S, 0, "geography", "ATL"),),
    ),
    Case(
        "duplicate-practice-id",
        "content",
        error(P, 3, "practice_id", "duplicate value 'phl-reintegration'"),
        tables=(cell(P, 1, "practice_id", "phl-reintegration"),),
    ),
    Case("duplicate-stat-id", "content", error(S, 3, "stat_id", "duplicate value"), tables=(cell(S, 1, "stat_id", "ret-phl-a"),)),
    Case(
        "duplicate-country",
        "content",
        error("countries.csv", 3, "iso3", "duplicate value 'PHL'"),
        tables=(cell("countries.csv", 1, "iso3", "PHL"),),
    ),
    Case("value-with-words", "content", error(S, 2, "value", "plain number"), tables=(cell(S, 0, "value", "about 600k"),)),
    Case("value-with-thousands-comma", "content", error(S, 2, "value", "plain number"), tables=(cell(S, 0, "value", "600,000"),)),
    Case("value-with-underscore", "content", error(S, 2, "value", "plain number (e.g."), tables=(cell(S, 0, "value", "1_000"),)),
    Case("value-in-arabic-indic-digits", "content", error(S, 2, "value", "plain number"), tables=(cell(S, 0, "value", "١٢٣"),)),
    Case("value-nan-text", "content", error(S, 2, "value", "plain number"), tables=(cell(S, 0, "value", "NaN"),)),
    Case("value-inf-text", "content", error(S, 3, "value", "plain number"), tables=(cell(S, 1, "value", "-Infinity"),)),
    Case("value-overflows-to-inf", "content", error(S, 2, "value", "plain number"), tables=(cell(S, 0, "value", "1e400"),)),
    Case(
        "negative-count",
        "content",
        error(S, 2, "value", "must not be negative for unit 'persons'"),
        tables=(cell(S, 0, "value", "-5"),),
    ),
    Case(
        "negative-percent-change-is-fine",
        "content",
        FALLBACK,
        tables=(
            add_row(
                "indicators.csv",
                indicator_id="remittances_change",
                name="Change in remittances",
                unit="percent_change",
                category="remittances",
                definition="d",
            ),
            add_row(
                S,
                stat_id="rem-phl",
                indicator="remittances_change",
                geography="PHL",
                period="2020",
                value="-20",
                unit="percent_change",
                source_id="src_a",
                locator="p. 3",
            ),
        ),
    ),
    Case(
        "unknown-issue-area",
        "content",
        error(P, 4, "issue_areas", "issue-area ids"),
        tables=(cell(P, 2, "issue_areas", "skills;nonsense"),),
    ),
    Case(
        "gcm-objective-0",
        "content",
        error(P, 2, "gcm_objectives", "GCM objective numbers 1-23"),
        tables=(cell(P, 0, "gcm_objectives", "0"),),
    ),
    Case(
        "gcm-objective-24",
        "content",
        error(P, 3, "gcm_objectives", "GCM objective numbers 1-23"),
        tables=(cell(P, 1, "gcm_objectives", "15;24"),),
    ),
    Case(
        "gcm-objective-x",
        "content",
        error(P, 2, "gcm_objectives", "GCM objective numbers 1-23"),
        tables=(cell(P, 0, "gcm_objectives", "x"),),
    ),
    Case(
        "gcm-objectives-file-incomplete",
        "content",
        error("gcm_objectives.csv", None, "number", "objective(s) 23 missing"),
        tables=(drop_rows("gcm_objectives.csv", slice(0, 22)),),
    ),
    Case(
        "gcm-number-superscript-digit",
        "content",
        error("gcm_objectives.csv", 2, "number", "number from 1 to 23 (found '²')"),
        tables=(cell("gcm_objectives.csv", 0, "number", "²"),),
    ),
    Case(
        "year-superscript-digit",
        "content",
        error("sources.csv", 2, "year", "four-digit year (found '²')"),
        tables=(cell("sources.csv", 0, "year", "²"),),
    ),
    Case(
        "unknown-source-id", "content", error(P, 2, "source_id", "unknown source id"), tables=(cell(P, 0, "source_id", "src_z"),)
    ),
    Case(
        "unknown-indicator",
        "content",
        error(S, 2, "indicator", "unknown indicator"),
        tables=(cell(S, 0, "indicator", "returnz"),),
    ),
    Case("unknown-unit", "content", error(S, 2, "unit", "unknown unit"), tables=(cell(S, 0, "unit", "people"),)),
    Case(
        "unit-mismatch-with-indicator",
        "content",
        error(S, 2, "unit", "not of the same kind"),
        tables=(cell(S, 0, "unit", "usd"),),
    ),
    Case("empty-required-cell", "content", error(P, 2, "title", "must not be empty"), tables=(cell(P, 0, "title", ""),)),
    Case("whitespace-only-cell", "content", error(P, 2, "title", "must not be empty"), tables=(cell(P, 0, "title", " \t  "),)),
    Case(
        "national-practice-without-country",
        "content",
        error(P, 2, "countries", "national practice needs at least one country"),
        tables=(cell(P, 0, "countries", ""),),
    ),
    Case(
        "ten-mb-field",
        "content",
        error(P, 2, "summary", "longer than 5000 characters"),
        tables=(cell(P, 0, "summary", "lorem-ipsum" * 1_000_000),),
    ),
    Case("period-malformed", "content", error(S, 2, "period", "2020-03/2020-12"), tables=(cell(S, 0, "period", "20x0"),)),
    Case(
        "period-month-13", "content", error(S, 2, "period", "as precise as the source"), tables=(cell(S, 0, "period", "2020-13"),)
    ),
    Case(
        "period-range-reversed",
        "content",
        error(S, 2, "period", "from earlier to later"),
        tables=(cell(S, 0, "period", "2021/2019"),),
    ),
    Case("period-empty", "content", error(S, 2, "period", "not_stated (found '')"), tables=(cell(S, 0, "period", ""),)),
    Case(
        "period-forms-accepted",
        "content",
        FALLBACK,
        tables=(
            cell(S, 0, "period", "2020-03/2020-12"),
            cell(S, 1, "period", "2020-Q2"),
            cell(S, 2, "period", "2019/2020"),
            cell(S, 3, "period", "not_stated"),
        ),
    ),
    Case(
        "javascript-reference-url",
        "content",
        error(P, 2, "reference_url", "http:// or https://"),
        tables=(cell(P, 0, "reference_url", "javascript:alert(1)"),),
    ),
    Case(
        "javascript-url-upper-case",
        "content",
        error(P, 3, "reference_url", "http:// or https://"),
        tables=(cell(P, 1, "reference_url", "https://example.org;JAVASCRIPT:alert(1)"),),
    ),
    Case(
        "data-url-source",
        "content",
        error("sources.csv", 3, "url", "http:// or https://"),
        tables=(cell("sources.csv", 1, "url", "data:text/html,<script>alert(1)</script>"),),
    ),
    Case(
        "geometry-file-missing",
        "content",
        error("geo/countries.geojson", None, None, "file not found"),
        files=(remove("geo/countries.geojson"),),
    ),
    Case(
        "geometry-file-not-json",
        "content",
        error("geo/countries.geojson", None, None, "not valid GeoJSON"),
        files=(raw("geo/countries.geojson", lambda b: b[:1000]),),
    ),
    Case(
        "geometry-feature-without-lat",
        "content",
        error("geo/countries.geojson", None, "lat", "feature 4 lacks a valid 'lat'"),
        files=(geometry(_without_lat),),
    ),
    Case("many-rows", "content", FALLBACK, tables=(many_practices(2000),)),
    # Hostile text: loads (it is text), renders inertly, exports neutralised
    Case(
        "script-tags-in-title-and-summary",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "title", f"Help {SCRIPT}"), cell(P, 0, "summary", f"{SCRIPT} kits.")),
        inert=PRACTICES_PAGES,
        all_pages=True,
    ),
    Case(
        "html-img-onerror-in-summary-and-implementer",
        "hostile",
        FALLBACK,
        tables=(
            cell(P, 0, "summary", f"Kits {IMG_TAG} <b>bold</b>"),
            cell(P, 0, "implementer", IMG_TAG),
            cell(P, 0, "places", "<iframe src=//evil.example>"),
        ),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-link-in-summary",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "summary", f"See {EVIL_LINK} now."),),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-image-in-summary",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "summary", f"Kits {EVIL_IMG}"),),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-in-locator-and-publisher",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "locator", f"p. 3 {EVIL_LINK}"), cell("sources.csv", 0, "publisher", f"IOM {EVIL_IMG}")),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-in-issue-area-name",
        "hostile",
        FALLBACK,
        tables=(cell("issue_areas.csv", 1, "name", f"Return {EVIL_IMG}"),),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-in-reference-url",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "reference_url", f"https://example.org/a`{EVIL_IMG}`"),),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "markdown-image-in-title", "hostile", FALLBACK, tables=(cell(P, 0, "title", f"Kits {EVIL_IMG}"),), inert=PRACTICES_PAGES
    ),
    Case(
        "markdown-image-in-country-name",
        "hostile",
        FALLBACK,
        tables=(cell("countries.csv", 0, "name", f"Philippines {EVIL_IMG}"),),
        inert=(*PRACTICES_PAGES, ("map", {})),
    ),
    Case(
        "markdown-link-in-region",
        "hostile",
        FALLBACK,
        tables=(cell("countries.csv", 0, "region", f"Asia {EVIL_LINK}"),),
        inert=PRACTICES_PAGES,
    ),
    Case(
        "formula-hyperlink-in-title",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "title", '=HYPERLINK("http://evil.example","Open")'),),
        export_payload='=HYPERLINK("http://evil.example","Open")',
        inert=PRACTICES_PAGES,
    ),
    Case(
        "formula-plus-cmd-in-implementer",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "implementer", "+cmd|' /C calc'!A0"),),
        export_payload="+cmd|' /C calc'!A0",
    ),
    Case("formula-minus-in-places", "hostile", FALLBACK, tables=(cell(P, 0, "places", "-2+3"),), export_payload="-2+3"),
    Case(
        "formula-at-sum-in-locator",
        "hostile",
        FALLBACK,
        tables=(cell(P, 0, "locator", "@SUM(1+1)*cmd|' /C calc'!A0"),),
        export_payload="@SUM(1+1)*cmd|' /C calc'!A0",
    ),
    Case("formula-in-statistic-note", "hostile", FALLBACK, tables=(cell(S, 0, "note", "=1+1"),), export_payload="=1+1"),
]
