"""Curator's own amendments after reading the merged data (round 2): writes round2_curator_amend.csv."""

import csv
import json
import re
from pathlib import Path

import pandas as pd

P = Path(__file__).resolve().parent.parent / "parts"
rows = []
WHY_CAP = "curator: sentence starts with a capital after the locator rewrite"


def cell(part, rid, col, new, why):
    df = pd.read_csv(P / part, dtype=str, keep_default_na=False)
    hit = df.index[df[df.columns[0]] == rid]
    cur = df.at[hit[0], col]
    if cur != new:
        rows.append(dict(part=part, row_id=rid, column=col, current=cur, proposed=new, reason=why, confidence="high"))


group = {
    "group_id": "GMB_NER_KGZ_MEX",
    "name": "Gambia, Niger, Kyrgyzstan and Mexico (pilot countries of one programme)",
    "kind": "unspecified",
}
rows.append(
    dict(
        part="groups.csv",
        row_id=group["group_id"],
        column="row",
        current="",
        proposed=json.dumps(group),
        reason="curator: the four countries the BMZ skills project covers (annex row 68), so the count is not filed under Germany, the funder",
        confidence="high",
    )
)
cell(
    "statistics.csv",
    "bmz-skills-reintegration-countries-iom",
    "geography",
    "GMB_NER_KGZ_MEX",
    "curator: the count describes where the project runs (Gambia, Niger, Kyrgyzstan, Mexico), not Germany; same rule as the Qatar vaccine initiative",
)
cell(
    "statistics.csv",
    "gab-anti-trafficking-languages-iom",
    "figure_role",
    "other",
    "curator: 'French and five other languages' is not a part of any stated total",
)
for part in sorted(P.glob("*.csv")):
    df = pd.read_csv(part, dtype=str, keep_default_na=False)
    if "note" not in df:
        continue
    for rid, note in zip(df[df.columns[0]], df["note"]):
        fixed = re.sub(r"(^|[.!?] )the annex table", lambda m: m.group(1) + "The annex table", note)
        if fixed != note:
            cell(part.name, rid, "note", fixed, WHY_CAP)
pd.DataFrame(rows).to_csv(Path(__file__).with_suffix(".csv"), index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
print(len(rows))
