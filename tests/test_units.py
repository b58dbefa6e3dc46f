from lib import i18n
from lib.units import format_value


def test_format_value():
    i18n.set_language("en")
    assert format_value(600000, "persons", "more than") == "more than 600,000 people"
    assert format_value(540, "usd_billion") == "US$540 billion"
    assert format_value(20.9, "percent") == "20.9%"
    assert format_value(1.1, "persons_million", "more than") == "more than 1.1 million people"
    # a change is shown as printed, without an invented sign (the indicator's name gives the direction)
    assert format_value(1.6, "percent_change") == "1.6%"
    assert format_value(-2.5, "percent_change") == "-2.5%"


def test_a_figure_in_words_is_shown_in_words():
    assert format_value(float("nan"), "percent", "", "half") == "half"
    assert format_value(float("nan"), "percent") == "—"
