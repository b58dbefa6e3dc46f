"""The presenter console (AppTest): keys step, blank and leave; the audience follows through its room."""

from tests.test_app import run

STORY = {"story": "returns-and-reintegration", "step": "1", "present": "1", "console": "1"}


def test_console_shows_notes_position_and_the_keys():
    at = run("map", STORY)
    assert not at.exception, at.exception
    assert at.button(key="kit_prev").disabled and not at.button(key="kit_next").disabled
    assert "step 1 of 8" in at.markdown[0].value and at.title[0].value.startswith("Return and reintegration")
    assert at.query_params["room"]  # a room token for the audience windows
    assert at.title[0].value != "World map" and len(at.title) == 1  # the console replaces the page


def test_right_left_step_and_b_blanks_and_esc_leaves():
    at = run("map", STORY)
    keys = {k: at.button(key=k).proto.shortcut for k in ("kit_prev", "kit_next", "kit_blank_btn", "kit_exit")}
    assert keys == {"kit_prev": "left", "kit_next": "right", "kit_blank_btn": "b", "kit_exit": "escape"}
    at.button(key="kit_next").click().run()
    assert at.query_params["step"] == "2" and at.query_params["console"] == "1"
    assert not at.exception, at.exception
    at.button(key="kit_prev").click().run()
    assert at.query_params["step"] == "1"
    at.button(key="kit_blank_btn").click().run()
    assert at.session_state["kit_blank"] is True and at.warning
    at.button(key="kit_blank_btn").click().run()
    assert at.session_state["kit_blank"] is False
    at.button(key="kit_exit").click().run()
    assert "console" not in at.query_params and "present" not in at.query_params
    assert at.title[0].value == "World map"  # back on the page itself


def test_audience_window_follows_the_room_and_goes_blank():
    at = run("map", STORY)
    token = at.query_params["room"]
    at.button(key="kit_next").click().run()  # the console is on step 2 (statistics)
    audience = run("map", {"story": "returns-and-reintegration", "step": "1", "present": "1", "room": token})
    assert not audience.exception, audience.exception
    assert audience.query_params["step"] == "2"  # followed the console to its step
    at.button(key="kit_blank_btn").click().run()
    blank = run(
        "statistics", {"story": "returns-and-reintegration", "step": "2", "present": "1", "section": "returns", "room": token}
    )
    assert not blank.title  # nothing drawn on a blanked screen
