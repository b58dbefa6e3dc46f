"""Contrast (WCAG 2.1 AA) of the theme, the captions and the chart colours, and the map's classes
under simulated colour-vision deficiencies (colorspacious, CAM02-UCS distances)."""

import tomllib

import colorspacious
import numpy as np
import pytest

from lib import contrast, figures, maps
from tests.conftest import ROOT

THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
CAPTION_ALPHA = 0.6  # Streamlit draws captions, the sidebar's notes and help text in textColor at 60%
VISIONS = ("normal", "protanomaly", "deuteranomaly", "tritanomaly")  # at severity 100: -opia
MIN_DELTA_E = 10.0  # CAM02-UCS distance that reads as a different colour at a glance (1-2 is barely visible)


def test_ratio_matches_wcag_reference_values():
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast.ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast.ratio("#abc", "#aabbcc") == 1.0
    assert contrast.blend("#000000", "#ffffff", 0.5) == "#808080"
    with pytest.raises(ValueError):
        contrast.rgb("red")


@pytest.mark.parametrize("background", [THEME["backgroundColor"], THEME["secondaryBackgroundColor"]])
def test_text_and_faded_captions_pass_aa(background):
    assert contrast.ratio(THEME["textColor"], background) >= contrast.TEXT
    caption = contrast.blend(THEME["textColor"], background, CAPTION_ALPHA)
    assert contrast.ratio(caption, background) >= contrast.TEXT, caption


def test_primary_colour_passes_on_white_on_its_tint_and_under_white_text():
    primary, white = THEME["primaryColor"], THEME["backgroundColor"]
    assert contrast.ratio(primary, white) >= contrast.TEXT  # links, selected tabs
    tint = contrast.blend(primary, white, 0.1)  # a selected segment's background
    assert contrast.ratio(primary, tint) >= contrast.TEXT
    assert contrast.ratio(primary, THEME["secondaryBackgroundColor"]) >= contrast.TEXT


def test_chart_text_and_bars_pass_on_white():
    assert contrast.ratio("#222222", "#ffffff") >= contrast.TEXT  # chart text (figures.frame)
    assert contrast.ratio("#444444", "#ffffff") >= contrast.TEXT  # source note inside every chart
    assert contrast.ratio(figures.CLASS_COLOURS[3], "#ffffff") >= contrast.GRAPHICS  # bar colour


def _simulate(colours: list[str], vision: str) -> np.ndarray:
    rgb = np.array([contrast.rgb(c) for c in colours], dtype=float) / 255
    if vision == "normal":
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)


def _distance(a, b) -> float:
    return float(colorspacious.deltaE(a, b, input_space="sRGB1", uniform_space="CAM02-UCS"))


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("n", range(1, len(figures.CLASS_COLOURS) + 1))
def test_map_classes_no_data_and_background_stay_apart(vision, n):
    """What the map draws with n classes: the classes (neighbours apart), the 'No data' grey apart
    from every class, and both apart from the white background, for every kind of colour vision."""
    classes = maps.class_colours(n)
    sim = _simulate([*classes, figures.NO_DATA, "#ffffff"], vision)
    cls, no_data, background = sim[:-2], sim[-2], sim[-1]
    for a, b in zip(cls, cls[1:]):
        assert _distance(a, b) >= MIN_DELTA_E, (vision, classes)
    for c in cls:
        assert _distance(no_data, c) >= MIN_DELTA_E, (vision, classes)
        assert _distance(c, background) >= MIN_DELTA_E, (vision, classes)
    assert _distance(no_data, background) >= MIN_DELTA_E


def test_inline_code_passes_on_its_background():
    code = THEME["codeTextColor"]
    for background in (THEME["backgroundColor"], THEME["secondaryBackgroundColor"], "#fbfcfd"):
        assert contrast.ratio(code, background) >= contrast.TEXT
