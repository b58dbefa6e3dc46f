from lib import validate


def test_cli_ok_and_failure(tiny_dir, capsys):
    assert validate.main([str(tiny_dir)]) == 0
    assert "OK" in capsys.readouterr().out
    p = tiny_dir / "practices.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("PHL;IND", "PHL;XXX"), encoding="utf-8")
    assert validate.main([str(tiny_dir)]) == 1
    out = capsys.readouterr().out
    assert "practices.csv, row 3, column 'countries'" in out
