"""Validation: every table against its schema and the cross-file rules, as located `Problem`s.

`validate(tables)` checks every table with pandera (lazily, so that all failures are collected) and
returns a flat list of `Problem`s, each naming file, spreadsheet row, column and what is wrong. The
loader, the CLI (`python -m lib.validate`) and the app's error page all use this one function.
"""

from __future__ import annotations

from functools import partial
from typing import Literal

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from lib import fastcheck
from lib.checks import is_number
from lib.fastcheck import short as _short
from lib.fastcheck import spreadsheet_row as _row
from lib.refs import References, references
from lib.schema import (
    COLUMNS,
    GCM_NUMBERS,
    MAY_BE_EMPTY,
    OPTIONAL_FILES,
    REQUIRED_FILES,
    Problem,
    schemas,
    split_list,
)
from lib.vocabulary import UNIT_SCALE


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


def _rows(df: pd.DataFrame, *columns: str):
    """(spreadsheet row, values...) for each row of `df`."""
    return zip(map(_row, df.index), *(df[c] for c in columns))


def _figure_links(stats: pd.DataFrame) -> list[Problem]:
    """A figure in words has its words; `part_of` goes with a part, `restates` with a restatement
    (whole columns at once: the same rules at a million rows)."""
    v, words, role = stats["value"], stats["value_text"], stats["figure_role"]
    part_of, restates, sid = stats["part_of"], stats["restates"], stats["stat_id"]
    rules = [
        ((v == "") & (words.str.strip() == ""), "value", "is empty: give the number, or the figure in words in value_text"),
        ((part_of != "") & (role != "part"), "part_of", "is set, so figure_role must be 'part'"),
        ((restates != "") & (role != "restates"), "restates", "is set, so figure_role must be 'restates'"),
        ((role == "restates") & (restates == ""), "restates", "must name the figure (stat_id) this row restates"),
        (sid == part_of, "part_of", "names the row itself"),
        ((sid == restates) & (sid != part_of), "restates", "names the row itself"),
    ]
    return [
        Problem("statistics.csv", _row(i), column, message)
        for mask, column, message in rules
        for i in stats.index[mask.to_numpy()]
    ]


def _self_related(prac: pd.DataFrame) -> list[Problem]:
    listed = prac[prac["related_ids"] != ""]
    return [
        Problem("practices.csv", row, "related_ids", "names the practice itself; list the other rows only")
        for row, pid, related in _rows(listed, "practice_id", "related_ids")
        if pid in split_list(related)
    ]


def _statistics_rules(stats: pd.DataFrame, refs: References) -> list[Problem]:
    out = []
    for row, ind, unit, value in _rows(stats, "indicator", "unit", "value"):
        want = refs.indicator_units.get(ind)
        if want in UNIT_SCALE and unit in UNIT_SCALE and UNIT_SCALE[unit][0] != UNIT_SCALE[want][0]:
            message = f"unit '{unit}' is not of the same kind as indicator '{ind}' unit '{want}'"
            out.append(Problem("statistics.csv", row, "unit", message))
        if is_number(value) and float(value) < 0 and unit in UNIT_SCALE and UNIT_SCALE[unit][0] != "percent_change":
            message = f"must not be negative for unit '{unit}' (only percent_change values can be)"
            out.append(Problem("statistics.csv", row, "value", message))
    return out


def _practices_rules(prac: pd.DataFrame) -> list[Problem]:
    out = []
    for row, objs, basis in _rows(prac, "gcm_objectives", "gcm_basis"):
        if split_list(objs) and not basis:
            message = "must say 'stated' or 'assigned' when GCM objectives are given"
            out.append(Problem("practices.csv", row, "gcm_basis", message))
    for row, countries, scope in _rows(prac, "countries", "scope"):
        if scope in ("national", "local") and not split_list(countries):
            out.append(Problem("practices.csv", row, "countries", f"a {scope} practice needs at least one country"))
    return out


def _cross_checks(tables: dict[str, pd.DataFrame], refs: References, fast: bool) -> list[Problem]:
    out = []
    stats = tables.get("statistics.csv")
    if stats is not None:
        found = fastcheck.statistics_rules(stats, refs) if fast else None
        out += _statistics_rules(stats, refs) if found is None else found
        out += _figure_links(stats)
    prac = tables.get("practices.csv")
    if prac is not None:
        found = fastcheck.practices_rules(prac) if fast else None
        out += _practices_rules(prac) if found is None else found
        out += _self_related(prac)
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


Engine = Literal["vector", "pandera"]


def _prepare(tables: dict[str, pd.DataFrame]) -> tuple[list[Problem], dict[str, pd.DataFrame], References, dict]:
    """The problems of the tables' shape (columns, empty files), the tables that can be checked cell
    by cell, the ids they point to and their schemas."""
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
    return problems, checkable, refs, schemas(refs)


def _work(checkable: dict[str, pd.DataFrame], refs: References, all_schemas: dict) -> tuple[fastcheck.Piece, dict]:
    """The vector engine's work: the cross-file rules, and every file's pieces (`fastcheck.pieces`)."""
    cross = fastcheck.Piece("cross-file rules", partial(_cross_checks, checkable, refs, True))
    return cross, {file: fastcheck.pieces(file, all_schemas[file], df) for file, df in checkable.items()}


def pieces(tables: dict[str, pd.DataFrame]) -> list[fastcheck.Piece]:
    """What `validate` runs for these tables, piece by piece, in its order (bench/bigdata.py times each)."""
    _, checkable, refs, all_schemas = _prepare(tables)
    return _flat(*_work(checkable, refs, all_schemas))


def _flat(cross: fastcheck.Piece, work: dict) -> list[fastcheck.Piece]:
    return [cross, *(piece for file_work in work.values() for piece in file_work)]


def validate(tables: dict[str, pd.DataFrame], engine: Engine = "vector") -> list[Problem]:
    """Validate all tables together; returns every problem found (empty list = valid).

    Row numbers come from each table's index (spreadsheet row - 2, as the loader sets it).
    `engine="vector"` checks whole columns at once (`lib.fastcheck`; a table it cannot read goes to
    pandera); `engine="pandera"` runs pandera's element-wise checks. Both give the same Problems.
    """
    problems, checkable, refs, all_schemas = _prepare(tables)
    if engine == "vector":
        # every file's column checks and the cross-file rules as one list of work, in two threads
        # for a large folder (bench/RESULTS.md "Session 12 (#19)")
        cross, work = _work(checkable, refs, all_schemas)
        done = iter(
            fastcheck.run(_flat(cross, work), parallel=max(map(len, checkable.values()), default=0) >= fastcheck.PARALLEL_ROWS)
        )
        problems += next(done)
        for file, file_work in work.items():
            found = [next(done) for _ in file_work]
            ok = all(f is not None for f in found)
            problems += [p for f in found for p in f] if ok else _failures(file, all_schemas[file], checkable[file])
    else:
        for file, df in checkable.items():
            problems += _failures(file, all_schemas[file], df)
        problems += _cross_checks(checkable, refs, False)
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
