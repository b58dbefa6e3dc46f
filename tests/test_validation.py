from lib.schema import Problem, split_list
from lib.validation import pieces, validate


def test_tiny_dataset_is_valid(tables):
    assert validate(tables) == []


def test_all_problems_reported_together_and_located(tables):
    p = tables["practices.csv"]
    p.loc[0, "countries"] = "PHX"  # bad ISO code
    p.loc[1, "practice_id"] = p.loc[0, "practice_id"]  # duplicate id
    p.loc[2, "issue_areas"] = "nonsense"  # unknown issue area
    tables["statistics.csv"].loc[0, "value"] = "about 600k"  # text in a number column
    problems = validate(tables)
    where = {(x.file, x.row, x.column) for x in problems}
    assert ("practices.csv", 2, "countries") in where
    assert ("practices.csv", 3, "practice_id") in where or ("practices.csv", 2, "practice_id") in where
    assert ("practices.csv", 4, "issue_areas") in where
    assert ("statistics.csv", 2, "value") in where
    assert all(isinstance(x, Problem) and x.message for x in problems)
    assert "duplicate" in " ".join(x.message for x in problems)


def test_missing_and_extra_columns(tables):
    tables["sources.csv"] = tables["sources.csv"].drop(columns=["publisher"]).assign(extra="x")
    messages = [str(p) for p in validate(tables)]
    assert any("missing column(s): publisher" in m for m in messages)
    assert any("unexpected column(s): extra" in m for m in messages)


def test_unit_family_must_match_indicator(tables):
    tables["statistics.csv"].loc[0, "unit"] = "usd"
    assert any(p.column == "unit" and "same kind" in p.message for p in validate(tables))


def test_gcm_basis_required_with_objectives(tables):
    tables["practices.csv"].loc[0, "gcm_basis"] = ""
    assert any(p.column == "gcm_basis" for p in validate(tables))


def test_problem_text_names_file_row_column():
    assert str(Problem("practices.csv", 5, "countries", "bad")) == "practices.csv, row 5, column 'countries': bad"


def test_split_list():
    assert split_list(" PHL; ;IND ") == ["PHL", "IND"]


def test_the_pieces_of_work_are_what_validate_runs(tables):
    """Each piece of the vector engine's work is named (the bench times them one by one), and run in
    turn they find every cell problem validate finds."""
    tables["practices.csv"].loc[0, "countries"] = "PHX"
    tables["statistics.csv"].loc[0, "value"] = "-5"  # negative persons: a cross-file rule
    work = pieces(tables)
    names = [p.name for p in work]
    assert names[0] == "cross-file rules" and len(set(names)) == len(names)
    assert "practices.csv practice_id: unique" in names
    found = {x for piece in work for x in piece.work()}
    assert found and found <= set(validate(tables))
    assert any("must not be negative" in x.message for x in found) and any(x.column == "countries" for x in found)
