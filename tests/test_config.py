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
    assert code.count("st.html(") == 1  # the constant presenter stylesheet
