"""The dataset's schema, declared once (pandera): files, columns with their meaning, controlled values.

`COLUMNS` (each file's columns in order), the validator (`lib.validation`), the data/README column
tables (kept identical by tests/test_docs.py) and the exports all derive from `schemas()`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from lib import provenance
from lib.checks import (
    NOT_EMPTY,
    URLS,
    Vector,
    check,
    column,
    empty_or_member,
    empty_or_numbers,
    empty_or_one_of,
    is_int_in,
    is_number,
    list_of,
    matches,
    max_words,
    member_of,
    one_of,
    slug,
    split_list,
    text,
)
from lib.periods import is_period
from lib.refs import References
from lib.vocabulary import (
    ACTOR_TYPES,
    FIGURE_ROLES,
    GCM_BASES,
    GROUP_KINDS,
    INDICATOR_CATEGORIES,
    MAP_RULES,
    PERIODS,
    QUALIFIERS,
    SCOPES,
    TRANSLATION_LANGUAGES,
    UNITS,
)

__all__ = ["split_list"]  # re-exported: the list-cell rule belongs to the schema

ISO3 = r"^[A-Z]{3}$"

MAX_SUMMARY_WORDS = 60  # curators' own words, kept short (data/README.md says the same: a test checks)
OPTIONAL_FILES = ("translations.csv",)  # read and validated when present
# Tables that may hold a header and no rows; every other table needs at least one row.
MAY_BE_EMPTY = ("groups.csv", "priorities.csv", "translations.csv")
GCM_NUMBERS = tuple(range(1, 24))
# Properties every feature of geo/countries.geojson must carry (read by lib.geo), and their types.
GEOMETRY_PROPERTIES = {
    "iso3": (str,),
    "small": (bool,),
    "lon": (int, float),
    "lat": (int, float),
    "marker_lon": (int, float),
    "marker_lat": (int, float),
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located for a curator."""

    file: str
    row: int | None  # spreadsheet row (1 = header), None for file-level problems
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


def _reference(ids: frozenset[str] | None, what: str) -> list[pa.Check]:
    return [] if ids is None else [one_of(sorted(ids), what)]


def _reference_or_empty(ids: frozenset[str] | None, what: str) -> list[pa.Check]:
    """Empty, or one of `ids` (the message names the file, not every id: there may be a million)."""
    return [] if ids is None else [empty_or_member(ids, what)]


def _frame(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


_SLUG_MSG = "must be a slug: lower-case letters, digits and '-' (at most 80)"
_SOURCE = "unknown source id (see sources.csv)"
_GEOGRAPHY = "unknown geography: use an ISO3 code from countries.csv (upper case, e.g. PHL) or a group id from groups.csv"


def schemas(refs: References) -> dict[str, pa.DataFrameSchema]:
    """Every file's schema, checked against the ids in `refs` (the one declaration of the dataset)."""
    geographies = None if refs.countries is None or refs.groups is None else refs.countries | refs.groups
    gcm = frozenset(str(i) for i in GCM_NUMBERS)
    return {
        "practices.csv": _frame(
            {
                "practice_id": column(slug(_SLUG_MSG), unique=True, doc="stable unique slug"),
                "title": text("name as printed in the source (or a descriptive title, noted in `curator_note`)"),
                "summary": column(
                    NOT_EMPTY,
                    max_words(MAX_SUMMARY_WORDS, f"summary is longer than {MAX_SUMMARY_WORDS} words"),
                    doc=f"curators' own words, at most {MAX_SUMMARY_WORDS} words",
                ),
                "countries": column(
                    list_of(refs.countries, "ISO3 country codes (upper case, e.g. PHL; Kosovo is XKX)", False),
                    doc="ISO 3166-1 alpha-3 codes; empty when global/regional",
                ),
                "scope": column(one_of(SCOPES, "unknown scope"), doc="reach of the practice"),
                "places": text("cities, provinces or regional groupings named", required=False),
                "implementer": text(
                    "organisations the source names as responsible for this row (only what it states)", required=False
                ),
                "implementer_inferred": text(
                    "organisations the curators infer but the source does not state (shown as the curators' inference)",
                    required=False,
                ),
                "actor_type": column(one_of(ACTOR_TYPES, "unknown actor type"), doc="who is responsible"),
                "issue_areas": column(
                    list_of(refs.issue_areas, "issue-area ids from issue_areas.csv", True),
                    doc='ids from `issue_areas.csv` (annex rows: the row\'s own "Issues addressed")',
                ),
                "gcm_objectives": column(list_of(gcm, "GCM objective numbers 1-23", False), doc="GCM objective numbers"),
                "gcm_basis": column(
                    empty_or_one_of(GCM_BASES, "unknown GCM basis"),
                    doc="`stated` (the source names the objective) or `assigned` (curators' judgement); empty only when no objective",
                ),
                "period": column(one_of(PERIODS, "unknown period"), doc="`pre_covid`, `covid_response` or `not_stated`"),
                "source_id": column(*_reference(refs.sources, _SOURCE), doc="id from `sources.csv`"),
                "locator": text("where in the source: `s. 3.1.2`, `Annex row 12`, `Priority 4`, `Entry 3`"),
                "reference_url": column(URLS, doc="link(s) printed in the source for this row"),
                "related_ids": column(
                    list_of(refs.practices, "practice ids of the same programme in other rows or sources", False),
                    doc='`practice_id`s of the same programme documented elsewhere (shown as "also documented in")',
                ),
                "note": text("a note for readers (e.g. where the documents disagree), plain words", required=False),
                "curator_note": text("curators' working notes (never shown in the app, never downloaded)", required=False),
            }
        ),
        "statistics.csv": _frame(
            {
                "stat_id": column(slug(_SLUG_MSG), unique=True, doc="unique slug"),
                "indicator": column(
                    *_reference(refs.indicators, "unknown indicator (see indicators.csv)"), doc="id from `indicators.csv`"
                ),
                "geography": column(
                    *([] if geographies is None else [member_of(geographies, _GEOGRAPHY)]),
                    doc="ISO3 from `countries.csv`, or a `group_id` from `groups.csv`",
                ),
                "period": column(
                    check(
                        is_period,
                        "must be as precise as the source: 2020, 2020-03, 2020-Q2, a range from earlier to later "
                        "such as 2020-03/2020-12, or not_stated",
                    ),
                    doc="as precise as the source: `2020`, `2020-03/2020-12`, `not_stated`",
                ),
                "value": column(
                    check(
                        lambda v: v == "" or is_number(v),
                        "must be a plain number (e.g. 600000 or 20.9, no commas or units)",
                        Vector(empty_or_numbers),
                    ),
                    doc="the number exactly as printed, never computed, converted or rounded; empty only when `value_text` "
                    'is a fraction in words ("half", "a third")',
                ),
                "value_text": text('the figure in the source\'s own words ("over 325K", "half", "327,511")', required=False),
                "unit": column(one_of(UNITS, "unknown unit"), doc="of the same kind as the indicator's unit"),
                "qualifier": column(
                    empty_or_one_of(QUALIFIERS, "unknown qualifier"), doc="as printed (`more than`, `over`, ...), or empty"
                ),
                "figure_role": column(
                    empty_or_one_of(FIGURE_ROLES, "unknown figure role"),
                    doc="`total` (empty means total), `part` (a disjoint part such as one flight), `restates` (a headline "
                    "restating another figure), `other`",
                ),
                "part_of": column(
                    *_reference_or_empty(refs.statistics, "unknown stat_id (not in statistics.csv)"),
                    doc="with `part`: the total it is part of, if any",
                ),
                "restates": column(
                    *_reference_or_empty(refs.statistics, "unknown stat_id (not in statistics.csv)"),
                    doc="with `restates`: the figure it restates",
                ),
                "source_id": column(*_reference(refs.sources, _SOURCE), doc="id from `sources.csv`"),
                "locator": text("where in the source"),
                "note": text("what exactly was measured, for readers", required=False),
                "curator_note": text("curators' working notes (never shown in the app, never downloaded)", required=False),
            }
        ),
        "sources.csv": _frame(provenance.sources()),
        "origins.csv": _frame(provenance.origins()),
        "issue_areas.csv": _frame(
            {
                "issue_area_id": column(slug("must be a slug"), unique=True, doc="unique slug"),
                "name": text("short name"),
                "group": text("the paper's part: Impacts, Responses, Recovery"),
                "section": text("the paper's section number(s)", required=False),
                "description": text("what the issue area covers"),
                "variants": text("every spelling the sources print for it, `;`-separated", required=False),
            }
        ),
        "gcm_objectives.csv": _frame(
            {
                "number": column(check(is_int_in(1, 23), "must be a number from 1 to 23"), unique=True, doc="objective number"),
                "title": text("official title"),
            }
        ),
        "indicators.csv": _frame(
            {
                "indicator_id": column(slug("must be a slug"), unique=True, doc="unique slug"),
                "name": text("short name"),
                "unit": column(one_of(UNITS, "unknown unit"), doc="the indicator's unit"),
                "category": column(one_of(INDICATOR_CATEGORIES, "unknown category"), doc="the statistics section it belongs to"),
                "definition": text("what is measured"),
                "map_rule": column(
                    empty_or_one_of(MAP_RULES, "unknown map rule"),
                    doc="what the map shows per country: `latest_total` (empty), `sum_of_parts` or `not_mapped`",
                ),
            }
        ),
        "groups.csv": _frame(
            {
                "group_id": column(
                    matches(r"^[A-Z][A-Z0-9_]{1,39}$", "must be upper-case letters, digits and '_'"),
                    unique=True,
                    doc="unique id (upper case)",
                ),
                "name": text("name"),
                "kind": column(one_of(GROUP_KINDS, "unknown kind of group"), doc="kind of group"),
            }
        ),
        "countries.csv": _frame(
            {
                "iso3": column(matches(ISO3, "must be three upper-case letters"), unique=True, doc="ISO 3166-1 alpha-3"),
                "iso2": text("ISO 3166-1 alpha-2"),
                "m49": text("UN M49 numeric code", required=False),
                "name": text("English short name"),
                "official_name": text("official name", required=False),
                "region": text("UN M49 region", required=False),
                "subregion": text("UN M49 sub-region", required=False),
                "aliases": text("other names people type, `;`-separated", required=False),
            }
        ),
        "priorities.csv": _frame(
            {
                "priority_id": column(slug("must be a slug"), unique=True, doc="unique slug"),
                "number": column(check(is_int_in(1, 99), "must be a whole number"), doc="number as printed"),
                "title": text("title as printed"),
                "summary": text("curators' own words"),
                "locator": text("where in the source"),
            }
        ),
        "translations.csv": _frame(
            {
                "practice_id": column(
                    *(
                        []
                        if refs.practices is None
                        else [member_of(refs.practices, "unknown practice_id (not in practices.csv)")]
                    ),
                    doc="id from `practices.csv`",
                ),
                "lang": column(one_of(TRANSLATION_LANGUAGES, "unknown language"), doc="`fr` or `es`"),
                "title": text("translated title (empty: the English title is kept)", required=False),
                "summary": text("translation of the curators' English summary"),
                "translated_by": text("who translated it"),
            }
        ),
    }


# Each file's columns, in order (as written by curators; extra columns are an error), from the schemas.
COLUMNS: dict[str, tuple[str, ...]] = {file: tuple(s.columns) for file, s in schemas(References.unknown()).items()}
REQUIRED_FILES = tuple(f for f in COLUMNS if f not in OPTIONAL_FILES)


def column_docs(file: str) -> dict[str, str]:
    """column -> meaning, as declared."""
    return {name: col.description or "" for name, col in schemas(References.unknown())[file].columns.items()}
