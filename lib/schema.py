"""The dataset's schema, declared once: files, columns, controlled values and cross-file references.

`validate(tables)` checks every table with pandera (lazily, so that all failures are collected) and
returns a flat list of `Problem`s, each naming file, spreadsheet row, column and what is wrong. The
loader, the CLI (`python -m lib.validate`) and the app's error page all use this one function.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

# Controlled values -------------------------------------------------------------------------

SCOPES = ("national", "local", "regional", "global")
ACTOR_TYPES = (
    "government",
    "local_authority",
    "un_international",
    "civil_society",
    "employers_business",
    "trade_unions",
    "multi_stakeholder",
    "not_stated",
)
PERIODS = ("pre_covid", "covid_response", "not_stated")
GCM_BASES = ("stated", "assigned")
UNITS = (
    "persons", "persons_thousand", "persons_million", "persons_billion", "percent", "percent_change",
    "count", "count_million", "usd", "usd_million", "usd_billion", "usd_trillion", "eur", "php", "bdt",
    "qar_billion",
)
# unit -> (family, base unit, factor): units of one family can share an indicator; the factor
# turns a value into the base unit for comparison (the stored value stays as printed).
UNIT_SCALE = {
    "persons": ("persons", "persons", 1), "persons_thousand": ("persons", "persons", 1e3),
    "persons_million": ("persons", "persons", 1e6), "persons_billion": ("persons", "persons", 1e9),
    "count": ("count", "count", 1), "count_million": ("count", "count", 1e6),
    "percent": ("percent", "percent", 1), "percent_change": ("percent_change", "percent_change", 1),
    "usd": ("money", "usd", 1), "usd_million": ("money", "usd", 1e6), "usd_billion": ("money", "usd", 1e9),
    "usd_trillion": ("money", "usd", 1e12), "eur": ("money", "eur", 1), "php": ("money", "php", 1),
    "bdt": ("money", "bdt", 1), "qar_billion": ("money", "qar", 1e9),
}
QUALIFIERS = (
    "more than",
    "over",
    "around",
    "nearly",
    "up to",
    "at least",
    "less than",
    "estimated",
    "projected",
)
SOURCE_KINDS = ("policy paper", "background paper", "database", "talking points", "summary report")
GROUP_KINDS = ("world", "income_group", "region", "bloc", "unspecified")
INDICATOR_CATEGORIES = (
    "remittances",
    "returns",
    "migrant_workers",
    "wages",
    "employment",
    "displacement",
    "surveys",
    "participation",
    "other",
)

SLUG = r"^[a-z0-9][a-z0-9_-]{0,79}$"
ISO3 = r"^[A-Z]{3}$"
MAX_CELL = 5000  # characters; longer cells are a data-entry accident, not content
LIST_SEP = ";"
PERIOD_PART = r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$"  # 2020, 2020-03, 2020-Q2

# Files and their columns (order as written by curators; extra columns are an error) ---------

COLUMNS: dict[str, tuple[str, ...]] = {
    "practices.csv": (
        "practice_id", "title", "summary", "countries", "scope", "places", "implementer",
        "actor_type", "issue_areas", "gcm_objectives", "gcm_basis", "period", "source_id",
        "locator", "reference_url", "curator_note",
    ),
    "statistics.csv": (
        "stat_id", "indicator", "geography", "period", "value", "unit", "qualifier",
        "source_id", "locator", "note",
    ),
    "sources.csv": ("source_id", "title", "publisher", "year", "kind", "url", "file", "note"),
    "issue_areas.csv": ("issue_area_id", "name", "group", "section", "description", "variants"),
    "gcm_objectives.csv": ("number", "title"),
    "indicators.csv": ("indicator_id", "name", "unit", "category", "definition"),
    "groups.csv": ("group_id", "name", "kind"),
    "countries.csv": (
        "iso3", "iso2", "m49", "name", "official_name", "region", "subregion", "aliases",
    ),
    "priorities.csv": ("priority_id", "number", "title", "summary", "locator"),
    # curators' translations of practice titles and summaries (optional file)
    "translations.csv": ("practice_id", "lang", "title", "summary", "translated_by"),
}
OPTIONAL_FILES = ("translations.csv",)  # read and validated when present
REQUIRED_FILES = tuple(f for f in COLUMNS if f not in OPTIONAL_FILES)
TRANSLATION_LANGUAGES = ("fr", "es")
# Tables that may hold a header and no rows; every other table needs at least one row.
MAY_BE_EMPTY = ("groups.csv", "priorities.csv", "translations.csv")
GCM_NUMBERS = tuple(range(1, 24))
# Properties every feature of geo/countries.geojson must carry (read by lib.geo), and their types.
GEOMETRY_PROPERTIES = {
    "iso3": (str,), "small": (bool,), "lon": (int, float), "lat": (int, float),
    "marker_lon": (int, float), "marker_lat": (int, float),
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


def split_list(cell: str) -> list[str]:
    """Split a `;`-separated cell into trimmed, non-empty items."""
    return [p.strip() for p in str(cell).split(LIST_SEP) if p.strip()]


# Element checks ------------------------------------------------------------------------------


def _check(fn, message: str) -> pa.Check:
    """An element-wise check; a value that makes `fn` raise simply fails (and is located)."""

    def safe(v) -> bool:
        try:
            return bool(fn(v))
        except (TypeError, ValueError, OverflowError):
            return False

    return pa.Check(safe, element_wise=True, error=message)


def _one_of(values, what: str) -> pa.Check:
    allowed = set(values)
    return _check(lambda v: v in allowed, f"{what}; expected one of: {', '.join(values)}")


def _empty_or_one_of(values, what: str) -> pa.Check:
    allowed = set(values)
    return _check(lambda v: v == "" or v in allowed, f"{what}; expected empty or one of: {', '.join(values)}")


def _list_of(allowed: frozenset[str] | None, what: str, required: bool) -> pa.Check:
    """A `;`-separated list of known ids (any id when `allowed` is None: its file is unreadable)."""

    def ok(v: str) -> bool:
        items = split_list(v)
        if required and not items:
            return False
        return allowed is None or all(i in allowed for i in items)

    need = "at least one " if required else ""
    return _check(ok, f"{need}{what} separated by ';', each a known id")


def _matches(pattern: str, message: str) -> pa.Check:
    rx = re.compile(pattern)
    return _check(lambda v: bool(rx.match(v)), message)


_NUMBER_RX = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_DIGITS_RX = re.compile(r"^\d+$", re.ASCII)
_PERIOD_RX = re.compile(PERIOD_PART, re.ASCII)


def _is_number(v: str) -> bool:
    """A plain ASCII number (no '1_000', no other scripts' digits), finite."""
    return bool(_NUMBER_RX.match(v)) and math.isfinite(float(v))


def _is_int_in(lo: int, hi: int):
    def ok(v: str) -> bool:
        return bool(_DIGITS_RX.match(v)) and lo <= int(v) <= hi

    return ok


def _months(part: str) -> tuple[int, int] | None:
    """First and last month (as year*12 + month) covered by '2020', '2020-03' or '2020-Q2'."""
    m = _PERIOD_RX.match(part)
    if not m or not 1900 <= int(m.group(1)) <= 2100:
        return None
    year = int(m.group(1)) * 12
    if m.group(2):
        return year + int(m.group(2)), year + int(m.group(2))
    if m.group(3):
        q = int(m.group(3))
        return year + 3 * q - 2, year + 3 * q
    return year + 1, year + 12


def _is_period(v: str) -> bool:
    if v == "not_stated":
        return True
    parts = [_months(p) for p in v.split("/")]
    if not 1 <= len(parts) <= 2 or None in parts:
        return False
    return parts[0][0] <= parts[-1][1]


NOT_EMPTY = _check(lambda v: v.strip() != "", "must not be empty")
NOT_TOO_LONG = _check(lambda v: len(v) <= MAX_CELL, f"is longer than {MAX_CELL} characters")
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NO_CONTROL = _check(
    lambda v: not _CONTROL_RX.search(v), "contains an invisible control character (shown as ␛ or similar); retype the cell"
)
_URL_RX = re.compile(r"^https?://[^\s<>\"']+$")
URL = _check(lambda v: v == "" or bool(_URL_RX.match(v)), "must be empty or a web address starting with http:// or https://")
URLS = _check(
    lambda v: all(_URL_RX.match(u) for u in split_list(v)),
    "must be empty or web addresses starting with http:// or https://, separated by ';'",
)


def _col(*checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=[NOT_TOO_LONG, NO_CONTROL, *checks], unique=unique, nullable=False, coerce=False)


def _text(required: bool = True) -> pa.Column:
    return _col(NOT_EMPTY) if required else _col()


# Schemas ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class References:
    """Ids that other tables may point to; None when that file could not be read (the loader
    reports it once, so references to it are not checked rather than all reported as unknown)."""

    countries: frozenset[str] | None
    issue_areas: frozenset[str] | None
    sources: frozenset[str] | None
    indicators: frozenset[str] | None
    groups: frozenset[str] | None
    indicator_units: dict
    practices: frozenset[str] | None = None


def _reference(ids: frozenset[str] | None, what: str) -> list[pa.Check]:
    return [] if ids is None else [_one_of(sorted(ids), what)]


def _frame(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


def schemas(refs: References) -> dict[str, pa.DataFrameSchema]:
    geographies = None if refs.countries is None or refs.groups is None else refs.countries | refs.groups
    gcm = frozenset(str(i) for i in GCM_NUMBERS)
    return {
        "practices.csv": _frame(
            {
                "practice_id": _col(_matches(SLUG, "must be a slug: lower-case letters, digits and '-' (at most 80)"), unique=True),
                "title": _text(),
                "summary": _col(NOT_EMPTY, _check(lambda v: len(v.split()) <= 90, "summary is longer than 90 words")),
                "countries": _col(_list_of(refs.countries, "ISO3 country codes (upper case, e.g. PHL; Kosovo is XKX)", False)),
                "scope": _col(_one_of(SCOPES, "unknown scope")),
                "places": _text(False),
                "implementer": _text(False),
                "actor_type": _col(_one_of(ACTOR_TYPES, "unknown actor type")),
                "issue_areas": _col(_list_of(refs.issue_areas, "issue-area ids from issue_areas.csv", True)),
                "gcm_objectives": _col(_list_of(gcm, "GCM objective numbers 1-23", False)),
                "gcm_basis": _col(_empty_or_one_of(GCM_BASES, "unknown GCM basis")),
                "period": _col(_one_of(PERIODS, "unknown period")),
                "source_id": _col(*_reference(refs.sources, "unknown source id (see sources.csv)")),
                "locator": _text(),
                "reference_url": _col(URLS),
                "curator_note": _text(False),
            }
        ),
        "statistics.csv": _frame(
            {
                "stat_id": _col(_matches(SLUG, "must be a slug: lower-case letters, digits and '-' (at most 80)"), unique=True),
                "indicator": _col(*_reference(refs.indicators, "unknown indicator (see indicators.csv)")),
                "geography": _col(
                    _check(lambda v: geographies is None or v in geographies,
                           "unknown geography: use an ISO3 code from countries.csv (upper case, e.g. PHL) or a group id from groups.csv")
                ),
                "period": _col(
                    _check(_is_period, "must be as precise as the source: 2020, 2020-03, 2020-Q2, a range from earlier to later "
                           "such as 2020-03/2020-12, or not_stated")
                ),
                "value": _col(_check(_is_number, "must be a plain number (e.g. 600000 or 20.9, no commas or units)")),
                "unit": _col(_one_of(UNITS, "unknown unit")),
                "qualifier": _col(_empty_or_one_of(QUALIFIERS, "unknown qualifier")),
                "source_id": _col(*_reference(refs.sources, "unknown source id (see sources.csv)")),
                "locator": _text(),
                "note": _text(False),
            }
        ),
        "sources.csv": _frame(
            {
                "source_id": _col(_matches(SLUG, "must be a slug"), unique=True),
                "title": _text(),
                "publisher": _text(),
                "year": _col(_check(lambda v: v == "" or _is_int_in(1900, 2100)(v), "must be empty or a four-digit year")),
                "kind": _col(_one_of(SOURCE_KINDS, "unknown kind of source")),
                "url": _col(URL),
                "file": _text(False),
                "note": _text(False),
            }
        ),
        "issue_areas.csv": _frame(
            {
                "issue_area_id": _col(_matches(SLUG, "must be a slug"), unique=True),
                "name": _text(),
                "group": _text(),
                "section": _text(False),
                "description": _text(),
                "variants": _text(False),
            }
        ),
        "gcm_objectives.csv": _frame(
            {"number": _col(_check(_is_int_in(1, 23), "must be a number from 1 to 23"), unique=True), "title": _text()}
        ),
        "indicators.csv": _frame(
            {
                "indicator_id": _col(_matches(SLUG, "must be a slug"), unique=True),
                "name": _text(),
                "unit": _col(_one_of(UNITS, "unknown unit")),
                "category": _col(_one_of(INDICATOR_CATEGORIES, "unknown category")),
                "definition": _text(),
            }
        ),
        "groups.csv": _frame(
            {
                "group_id": _col(_matches(r"^[A-Z][A-Z0-9_]{1,39}$", "must be upper-case letters, digits and '_'"), unique=True),
                "name": _text(),
                "kind": _col(_one_of(GROUP_KINDS, "unknown kind of group")),
            }
        ),
        "countries.csv": _frame(
            {
                "iso3": _col(_matches(ISO3, "must be three upper-case letters"), unique=True),
                "iso2": _text(),
                "m49": _text(False),
                "name": _text(),
                "official_name": _text(False),
                "region": _text(False),
                "subregion": _text(False),
                "aliases": _text(False),
            }
        ),
        "priorities.csv": _frame(
            {
                "priority_id": _col(_matches(SLUG, "must be a slug"), unique=True),
                "number": _col(_check(_is_int_in(1, 99), "must be a whole number")),
                "title": _text(),
                "summary": _text(),
                "locator": _text(),
            }
        ),
        "translations.csv": _frame(
            {
                "practice_id": _col(*(
                    [] if refs.practices is None
                    else [_check(lambda v, known=refs.practices: v in known, "unknown practice_id (not in practices.csv)")]
                )),
                "lang": _col(_one_of(TRANSLATION_LANGUAGES, "unknown language")),
                "title": _text(False),
                "summary": _text(),
                "translated_by": _text(),
            }
        ),
    }


def references(tables: dict[str, pd.DataFrame]) -> References:
    def ids(file: str, col: str) -> frozenset[str] | None:
        df = tables.get(file)
        if df is None or col not in df:
            return None
        return frozenset(df[col].astype(str))

    ind = tables.get("indicators.csv")
    units = {}
    if ind is not None and {"indicator_id", "unit"} <= set(ind.columns):
        units = dict(zip(ind["indicator_id"], ind["unit"]))
    return References(
        countries=ids("countries.csv", "iso3"),
        issue_areas=ids("issue_areas.csv", "issue_area_id"),
        sources=ids("sources.csv", "source_id"),
        indicators=ids("indicators.csv", "indicator_id"),
        groups=ids("groups.csv", "group_id"),
        indicator_units=units,
        practices=ids("practices.csv", "practice_id"),
    )


def _row(index) -> int | None:
    """Spreadsheet row of a table index (the loader indexes rows by spreadsheet row - 2)."""
    try:
        return int(index) + 2  # header is spreadsheet row 1
    except (TypeError, ValueError):
        return None


def _name(column: object) -> str:
    return str(column) or "(an unnamed column: empty header cell)"


def check_columns(file: str, df: pd.DataFrame) -> list[Problem]:
    expected = COLUMNS[file]
    columns = list(df.columns)
    problems = []
    missing = [c for c in expected if c not in columns]
    extra = [c for c in columns if c not in expected]
    repeated = sorted({c for c in columns if columns.count(c) > 1}, key=columns.index)
    if missing:
        problems.append(Problem(file, 1, None, f"missing column(s): {', '.join(missing)}"))
    if extra:
        unexpected = ", ".join(map(_name, extra))
        problems.append(Problem(file, 1, None, f"unexpected column(s): {unexpected}; expected: {', '.join(expected)}"))
    for c in repeated:
        message = f"the header names column '{c}' {columns.count(c)} times; each column must appear once"
        problems.append(Problem(file, 1, str(c) or None, message))
    return problems


def usable(file: str, df: pd.DataFrame) -> bool:
    """Whether every expected column is present exactly once (so cells can be checked)."""
    columns = list(df.columns)
    return all(columns.count(c) == 1 for c in COLUMNS[file])


def _failures(file: str, schema: pa.DataFrameSchema, df: pd.DataFrame) -> list[Problem]:
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as err:
        out = []
        for rec in err.failure_cases.to_dict("records"):
            column = rec.get("column")
            check = str(rec.get("check"))
            value = rec.get("failure_case")
            if check == "field_uniqueness":
                message = f"duplicate value '{_short(value)}' (must be unique)"
            else:
                message = f"{check} (found '{_short(value)}')"
            out.append(Problem(file, _row(rec.get("index")), column if isinstance(column, str) else None, message))
        return out
    return []


def _visible(ch: str) -> str:
    """Control and invisible format characters made visible: ESC -> '␛', U+200B -> '<U+200B>'."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F or unicodedata.category(ch) == "Cf":
        return f"<U+{code:04X}>"
    return ch


def _short(value, n: int = 60) -> str:
    s = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    s = s.replace("\r\n", " ").replace("\n", " ")
    s = "".join(_visible(ch) for ch in s) if any(not ch.isprintable() for ch in s) else s
    return s if len(s) <= n else s[: n - 1] + "…"


def _rows(df: pd.DataFrame, *columns: str):
    """(spreadsheet row, values...) for each row of `df`."""
    return zip(map(_row, df.index), *(df[c] for c in columns))


def _cross_checks(tables: dict[str, pd.DataFrame], refs: References) -> list[Problem]:
    out = []
    stats = tables.get("statistics.csv")
    if stats is not None:
        for row, ind, unit, value in _rows(stats, "indicator", "unit", "value"):
            want = refs.indicator_units.get(ind)
            if want in UNIT_SCALE and unit in UNIT_SCALE and UNIT_SCALE[unit][0] != UNIT_SCALE[want][0]:
                message = f"unit '{unit}' is not of the same kind as indicator '{ind}' unit '{want}'"
                out.append(Problem("statistics.csv", row, "unit", message))
            if _is_number(value) and float(value) < 0 and unit in UNIT_SCALE and UNIT_SCALE[unit][0] != "percent_change":
                message = f"must not be negative for unit '{unit}' (only percent_change values can be)"
                out.append(Problem("statistics.csv", row, "value", message))
    prac = tables.get("practices.csv")
    if prac is not None:
        for row, objs, basis in _rows(prac, "gcm_objectives", "gcm_basis"):
            if split_list(objs) and not basis:
                message = "must say 'stated' or 'assigned' when GCM objectives are given"
                out.append(Problem("practices.csv", row, "gcm_basis", message))
        for row, countries, scope in _rows(prac, "countries", "scope"):
            if scope in ("national", "local") and not split_list(countries):
                out.append(Problem("practices.csv", row, "countries", f"a {scope} practice needs at least one country"))
    tr = tables.get("translations.csv")
    if tr is not None:
        seen = set()
        for row, pid, lang in _rows(tr, "practice_id", "lang"):
            if (pid, lang) in seen:
                out.append(Problem("translations.csv", row, "lang", f"a second '{lang}' translation of '{pid}'; keep one"))
            seen.add((pid, lang))
    gcm = tables.get("gcm_objectives.csv")
    if gcm is not None and len(gcm):
        missing = [str(n) for n in GCM_NUMBERS if str(n) not in set(gcm["number"])]
        if missing:
            message = f"objective(s) {', '.join(missing)} missing; the file lists all 23 GCM objectives"
            out.append(Problem("gcm_objectives.csv", None, "number", message))
    return out


def validate(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Validate all tables together; returns every problem found (empty list = valid).

    Row numbers come from each table's index (spreadsheet row - 2, as the loader sets it).
    """
    problems: list[Problem] = []
    checkable = {}
    for file in (*REQUIRED_FILES, *OPTIONAL_FILES):
        df = tables.get(file)
        if df is None:
            continue  # the loader reports missing or unreadable files (optional ones may be absent)
        problems += check_columns(file, df)
        if usable(file, df):
            checkable[file] = df
        if len(df) == 0 and file not in MAY_BE_EMPTY:
            problems.append(Problem(file, None, None, "has a header but no data rows; at least one row is needed"))
    refs = references(checkable)
    all_schemas = schemas(refs)
    for file, df in checkable.items():
        problems += _failures(file, all_schemas[file], df)
    problems += _cross_checks(checkable, refs)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
