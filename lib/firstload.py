"""The first load of a data version in a background thread, and what it is doing meanwhile.

Light on purpose (it imports only `lib.load`): `serve.py` starts the load with it before the rest of
the app is imported, so reading and checking a large folder overlaps those imports (bench/RESULTS.md,
session 8). `lib.services` keeps the result (its `st.cache_resource`) and the loading page reads the
progress of the same `Loading`. It also knows whether a page run has ended since the server started
(`page_shown`): serve.py lets its later work (the indexes) wait for that, so that it
does not compete with the first visitor's browser drawing the page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lib import load


@dataclass
class Loading:
    """What the first load of a data version is doing (read by the page while it waits)."""

    stage: str = "cache"  # cache, reading, validating, building, saving
    file: str = ""
    done: float = 0.0
    finished: bool = False
    thread: threading.Thread | None = None
    result: load.LoadResult | None = None  # until `result()` hands it over

    def progress(self, stage: str, file: str, done: float) -> None:
        self.stage, self.file, self.done = stage, file, done

    def wait(self, seconds: float) -> None:
        """Until the load has finished, or `seconds` (the loading page's next progress update)."""
        if self.thread is not None:
            self.thread.join(seconds)
        else:  # being run by a caller of `result`, in its own thread
            time.sleep(seconds)

    def changes(self, every: float) -> Iterator[tuple[str, str, float]]:
        """What the loading page shows: (stage, file, fraction done), looked at every `every` seconds
        and given only when it has changed (the page sends nothing for a repeated value), until the
        load has finished."""
        last = None
        while not self.finished:
            now = (self.stage, self.file, self.done)
            if now != last:
                yield now
                last = now
            self.wait(every)


def current_key() -> tuple[str, str]:
    """(data folder, a short digest of its files' names, sizes and times): the data version being
    served, which keys its load here and every cache in `lib.services`."""
    folder = load.data_dir()
    return str(folder), load.data_version_key(folder)


_LOADING: dict[tuple[str, str], Loading] = {}  # (data folder, version key) -> its first load
_LOCK = threading.Lock()


def _run(state: Loading, folder: str) -> None:
    try:  # the cache copy is written after the dataset is returned: the first page need not wait
        state.result = load.load_dataset(Path(folder), progress=state.progress, save_later=True)
    finally:
        state.finished = True


def start(folder: str, key: str) -> Loading:
    """The load of `folder` at version `key`, started in a background thread unless it has been."""
    with _LOCK:
        state = _LOADING.setdefault((folder, key), Loading())
        if not state.finished and state.thread is None:
            state.thread = threading.Thread(target=_run, args=(state, folder), name="atlas-load", daemon=True)
            state.thread.start()
    return state


def result(folder: str, key: str) -> load.LoadResult:
    """The load's result, handed over once (the caller keeps it): the started load's, waited for, or
    a load run here when none was started or its result was taken before."""
    with _LOCK:
        state = _LOADING.setdefault((folder, key), Loading())
        thread = state.thread
    if thread is not None:
        thread.join()
    with _LOCK:
        out, state.result = state.result, None
    if out is None:
        out = load.load_dataset(Path(folder), progress=state.progress, save_later=True)
        state.finished = True
    return out


_SHOWN = threading.Event()  # a page run has ended since the server started (`page_shown`)


def page_shown() -> None:
    """A page run has ended: its page is in a visitor's browser, which now draws it (app.py)."""
    _SHOWN.set()


def wait_page_shown(seconds: float) -> bool:
    """Until a page run has ended (True), or `seconds` (False)."""
    return _SHOWN.wait(seconds)
