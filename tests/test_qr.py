import io

import zxingcpp
from PIL import Image

from lib import qr


def test_base_url_comes_from_the_request():
    assert qr.base_url("http://10.0.0.5:8501/map", None) == "http://10.0.0.5:8501"
    assert qr.base_url(None, "atlas.local:8600") == "http://atlas.local:8600"
    assert qr.base_url(None, "evil<script>") == ""


def test_qr_code_decodes_to_the_views_url():
    url = qr.view_url("http://192.168.1.20:8501", "map", {"metric": "stat:returns_total", "story": "s", "step": "1"})
    assert url == "http://192.168.1.20:8501/map?metric=stat%3Areturns_total&story=s&step=1"
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.png(url))))
    assert [b.text for b in found] == [url]
