"""The server settings that protect users stay as reviewed (README, Security review)."""

import tomllib

from tests.conftest import ROOT


def test_streamlit_config_keeps_protections_on():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] <= 5
    assert cfg["client"]["showErrorDetails"] == "none"  # no traceback reaches the page


def test_no_raw_html_in_code():
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in [ROOT / "app.py", *ROOT.glob("views/*.py"), *ROOT.glob("lib/**/*.py")]
    )
    assert "unsafe_allow_html" not in code
    # the constant presenter stylesheet, the loading page's constant preload stylesheet (lib/ui/shell.py),
    # and the constant focus ring + <html lang> snippet (lib/ui/a11y.py)
    assert code.count("st.html(") == 3
    assert code.count("unsafe_allow_javascript=True") == 1


def test_the_page_setup_snippets_are_constants_per_language():
    from lib import i18n
    from lib.ui import a11y

    assert set(a11y.HEAD) == set(i18n.LANGUAGES)
    for code, snippet in a11y.HEAD.items():
        assert snippet == a11y.FOCUS_CSS + f"<script>document.documentElement.setAttribute('lang', '{code}');</script>"
