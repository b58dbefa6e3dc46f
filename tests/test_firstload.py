"""lib/firstload.py: one background load per data version, its progress, its result handed over once."""

import threading

from lib import firstload
from tests.deadlines import RUN_S


def test_a_started_load_runs_once_reports_progress_and_hands_its_result_over(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    state = firstload.start(str(tiny_dir), "v1")
    assert firstload.start(str(tiny_dir), "v1") is state  # started once, whoever asks
    state.thread.join(timeout=RUN_S)
    assert state.finished and state.stage in ("building", "validating")
    result = firstload.result(str(tiny_dir), "v1")
    assert result.ok and state.result is None  # handed over: the caller's cache holds it
    assert not result.saving.daemon  # though started by a daemon thread: a stopping server finishes the copy
    result.saving.join(timeout=RUN_S)  # the cache copy is written after the result is returned
    again = firstload.result(str(tiny_dir), "v1")  # asked again (a cleared cache): loaded again
    assert again.ok and again.dataset is not result.dataset


def test_without_a_start_the_load_runs_in_the_callers_thread(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    result = firstload.result(str(tiny_dir), "v2")
    assert result.ok and firstload.start(str(tiny_dir), "v2").finished  # and no thread is started then
    assert firstload.start(str(tiny_dir), "v2").thread is None


def test_a_broken_folder_is_a_result_with_problems(tmp_path):
    state = firstload.start(str(tmp_path / "missing"), "v3")
    state.thread.join(timeout=RUN_S)
    result = firstload.result(str(tmp_path / "missing"), "v3")
    assert not result.ok and result.problems


def test_waiting_returns_when_the_load_is_done(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    state = firstload.start(str(tiny_dir), "v4")
    while not state.finished:  # each wait ends early when the load finishes (bounded by RUN_S overall)
        state.wait(RUN_S)
    assert firstload.result(str(tiny_dir), "v4").ok


def test_work_held_back_for_a_first_page_waits_until_a_page_run_has_ended(monkeypatch):
    monkeypatch.setattr(firstload, "_SHOWN", threading.Event())  # a server that has shown no page yet
    assert firstload.wait_page_shown(0.01) is False  # nobody has seen a page: the wait times out
    seen = []
    waiter = threading.Thread(target=lambda: seen.append(firstload.wait_page_shown(RUN_S)))
    waiter.start()
    firstload.page_shown()
    waiter.join(timeout=RUN_S)
    assert seen == [True] and firstload.wait_page_shown(0) is True  # and it stays shown


class _Scripted(firstload.Loading):
    """A load whose progress follows a script, one step per wait of the page."""

    def __init__(self, steps):
        super().__init__()
        self.steps, self.waits = list(steps), 0

    def wait(self, seconds: float) -> None:
        self.waits += 1
        if self.steps:
            self.stage, self.file, self.done = self.steps.pop(0)
        else:
            self.finished = True


def test_the_loading_page_is_given_each_change_once():
    same = ("reading", "statistics.csv", 0.1)
    state = _Scripted([same, same, same, ("validating", "", 0.6), ("validating", "", 0.6), ("building", "", 0.85)])
    shown = list(state.changes(0.2))
    assert shown == [("cache", "", 0.0), same, ("validating", "", 0.6), ("building", "", 0.85)]
    assert state.waits == 7 and state.finished
    assert list(firstload.Loading(finished=True).changes(0.2)) == []  # a finished load shows nothing
