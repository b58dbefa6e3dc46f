"""/about in a real browser: the data package a person downloads (built only when the button is clicked)."""

import io
import json
import zipfile

import frictionless

from lib import datapackage
from lib.load import DEFAULT_DATA_DIR
from tests.deadlines import STEP_MS


def test_data_package_download_is_the_valid_package(atlas, tmp_path):
    page = atlas.open("/about")
    page.get_by_text("Origins of the map and the country table").wait_for(timeout=STEP_MS)
    button = page.get_by_role("button", name="Data package (ZIP)")
    button.wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as info:
        button.click()
    assert info.value.suggested_filename == datapackage.ZIP_NAME
    raw = open(info.value.path(), "rb").read()
    assert raw == datapackage.zip_bytes(DEFAULT_DATA_DIR)
    zipfile.ZipFile(io.BytesIO(raw)).extractall(tmp_path)
    meta = json.loads((tmp_path / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))
    assert {r["name"] for r in meta["resources"]} >= {"practices", "statistics", "sources", "origins", "countries-geometry"}
    assert frictionless.validate(str(tmp_path / datapackage.DESCRIPTOR)).valid
    assert atlas.blocked == [] and atlas.bad_responses == []
