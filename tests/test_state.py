from lib import state


def test_choices_drop_unknown_and_record_them():
    p = state.read({"issue": "skills,<script>,data", "gcm": "3,99,x"})
    assert p.choices("issue", ["skills", "data"]) == ("skills", "data")
    assert p.choices("gcm", range(1, 24), int) == (3,)
    assert set(p.ignored) == {"issue", "gcm"}


def test_choice_and_long_values():
    p = state.read({"metric": "nope", "q": "x" * 1000})
    assert p.choice("metric", ["practices"], "practices") == "practices"
    assert p.text("q") == ""
    assert p.ignored == ["metric", "q"]


def test_encode():
    assert state.encode({"a": ("x", "y"), "b": "", "c": None, "d": True, "e": 3}) == {"a": "x,y", "d": "1", "e": "3"}
