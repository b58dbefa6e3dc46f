"""Check the French and Spanish catalogs against English and the shipped data; list what to translate.

    .venv/bin/python scripts/check_locales.py                # fr and es, data/ taxonomy
    .venv/bin/python scripts/check_locales.py --lang fr      # one language
    .venv/bin/python scripts/check_locales.py --data DIR     # taxonomy of another data folder

For each language it prints
  - missing:  keys of locales/en.json the language lacks (or leaves empty), with the English text;
  - taxonomy: label keys whose English comes from the data CSVs (issue.*, indicator.*, group.*,
              gcm.*, region.*, subregion.*) the language lacks, with the English name;
  - stale:    keys of the language that are none of the above (nor a `<key>.one` singular variant
              of a message taking {n}): usually keys renamed or removed in English;
  - placeholders: messages whose {placeholder} names differ from the English ones.
Exit status 1 if anything is missing or any placeholder differs; stale keys alone only warn.
The JSON files are the source of truth: this script never writes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib import i18n  # noqa: E402

LANGS = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


def report(lang: str, data_dir: Path) -> bool:
    """Print the report for one language; True when it has nothing missing or mismatched."""
    english = i18n.catalog(i18n.DEFAULT)
    taxonomy = i18n.taxonomy_keys(data_dir)
    missing = i18n.missing_keys(lang, data_dir)
    missing_en = [k for k in missing if k in english]
    missing_tax = [k for k in missing if k not in english]
    stale = i18n.stale_keys(lang, data_dir)
    mismatches = i18n.placeholder_mismatches(lang, data_dir)

    print(
        f"== {lang} ({i18n.LANGUAGES[lang]}): {len(i18n.catalog(lang))} keys; "
        f"{len(english)} English keys, {len(taxonomy)} taxonomy keys for {data_dir}"
    )
    sections = [
        ("missing (in en.json)", [f"{k}: {english[k]!r}" for k in missing_en]),
        ("missing taxonomy (from the data)", [f"{k}: {taxonomy[k]!r}" for k in missing_tax]),
        ("stale (not in en.json nor taxonomy)", stale),
        ("placeholder mismatches", [f"{k}: English {sorted(want)} vs {lang} {sorted(got)}" for k, want, got in mismatches]),
    ]
    for title, lines in sections:
        print(f"  {title}: {len(lines)}")
        for line in lines:
            print(f"    {line}")
    return not missing and not mismatches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", action="append", choices=LANGS, help="language to check (repeatable; default: all)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder for the taxonomy keys")
    args = parser.parse_args(argv)
    ok = True
    for lang in args.lang or LANGS:
        ok = report(lang, args.data) and ok
    print("OK" if ok else "Translations needed (see above).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
