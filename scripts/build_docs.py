"""Write the column tables of data/README.md from the one schema declaration (lib/schema.py).

    .venv/bin/python scripts/build_docs.py          # rewrite the tables in place
    .venv/bin/python scripts/build_docs.py --check  # exit 1 if data/README.md is out of date

Each table sits between `<!-- columns: FILE -->` and `<!-- /columns -->`; the prose around them is
hand-written. tests/test_docs.py fails when the README and the schema disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import schema, vocabulary  # noqa: E402 - after the path is set

README = ROOT / "data" / "README.md"
BLOCK = re.compile(r"(<!-- columns: (?P<file>[\w.]+) -->\n)(?P<body>.*?)(<!-- /columns -->)", re.S)
CONTROLLED = vocabulary.CONTROLLED  # the columns whose cells come from a controlled list


def table(file: str) -> str:
    """The Markdown table of `file`'s columns: name, meaning, allowed values."""
    rows = ["| column | meaning | values |", "|---|---|---|"]
    for name, doc in schema.column_docs(file).items():
        shown = ", ".join(f"`{v}`" for v in CONTROLLED.get((file, name), ()))
        rows.append(f"| `{name}` | {doc} | {shown} |")
    return "\n".join(rows) + "\n"


def render(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + table(m.group("file")) + m.group(4), text)


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        if new != text:
            print("data/README.md column tables are out of date: run .venv/bin/python scripts/build_docs.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
