"""Start the Atlas: `python serve.py [streamlit run options]` (what `scripts/run.sh` does).

The same as `streamlit run app.py [options]`, plus one thing: while the server starts and the first
browser downloads Streamlit's JavaScript, a background thread imports the app's libraries and
fills the shared caches (the data read and validated, or taken from the content-hash cache: that
load starts first, so the rest of the imports overlap it; then geometry, the map page's first
views, search indexes); a page opened meanwhile shows what the load is doing. Without it, the first
visitor's page run does that work (about 1 s) after the browser has connected; see
bench/RESULTS.md. A problem there is not reported here: the page shows it as it would anyway.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# After the first map's views are built, the indexes (and the PDF modules' import) wait for a first
# page run to end (at most FIRST_PAGE_S) and DRAW_S more, while that visitor's browser runs plotly and draws the
# map: on two cores they would compete with that drawing (bench/RESULTS.md, "Sessions 9-10 (#19)").
FIRST_PAGE_S = 10.0
DRAW_S = 1.5


def warm() -> None:
    try:
        # noqa reason: imported in this thread, not at the top, so that the server starts at once
        from lib import firstload, store  # noqa: PLC0415 - light: the load starts before the rest is imported

        with store.held():  # a first load's cache copy waits until the first map's views are built
            # the same background load the first page shows the progress of (services.loading())
            firstload.start(*firstload.current_key())
            # while the load runs (mostly in pyarrow's threads), what the first page run imports
            import lib.ui.charts  # noqa: F401, PLC0415 - imported once here, before the first page run needs it
            import lib.ui.lists  # noqa: F401, PLC0415
            import lib.ui.story  # noqa: F401, PLC0415
            import lib.ui.widgets  # noqa: F401, PLC0415
            from lib import services  # noqa: PLC0415

            ok = services.dataset().ok  # waits for the load
            if ok:
                services.geometry()
                services.warm_first_map()  # the page most first visitors open, ready before they ask
        # not inside `held`: the cache copy's thread is not a daemon, and a server stopped before
        # any page run would otherwise stay alive until FIRST_PAGE_S + DRAW_S had passed
        if ok:
            firstload.wait_page_shown(FIRST_PAGE_S)
            time.sleep(DRAW_S)
        # the story page's and the country page's PDF and pack modules (fpdf2, fontTools: about
        # 0.2 s), which the first map does not need (app.py imports only lib.ui.collect)
        import lib.ui.builder  # noqa: F401, PLC0415

        if ok:
            services.country_index()
            services.search_index()
    except Exception:  # noqa: BLE001 - the first page run meets the same problem and shows it calmly
        pass


def main() -> None:
    sys.path.insert(0, str(ROOT))
    # Streamlit is imported here, in the main thread, before the warm-up thread imports the app:
    # two threads importing it at once could both create its singletons ("DeltaGeneratorSingleton
    # instance already exists", seen once when starting replicas behind the proxy).
    from streamlit.web import cli  # noqa: PLC0415 - the import is the point: it must come first

    threading.Thread(target=warm, name="atlas-warm", daemon=True).start()

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
