"""Start the Atlas: `python serve.py [streamlit run options]` (what `scripts/run.sh` does).

The same as `streamlit run app.py [options]`, plus one thing: while the server starts and the first
browser downloads Streamlit's JavaScript, a background thread imports the app's libraries and
fills the shared caches (data read and validated, geometry, search indexes). Without it, the first
visitor's page run does that work (about 1 s) after the browser has connected; see
bench/RESULTS.md. A problem there is not reported here: the page shows it as it would anyway.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def warm() -> None:
    try:
        from lib import cache

        if cache.dataset().ok:
            cache.geometry()
            cache.country_index()
            cache.search_index()
        import lib.brief, lib.figures, lib.keyfigures, lib.stories, lib.ui  # noqa: F401, E401 - imported once here
    except Exception:  # noqa: BLE001 - the first page run meets the same problem and shows it calmly
        pass


def main() -> None:
    sys.path.insert(0, str(ROOT))
    threading.Thread(target=warm, name="atlas-warm", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
