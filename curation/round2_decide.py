"""Round 2 of curation (issue #16): turn the readers' proposals into fix files, after the curator's checks.

    python curation/round2_decide.py /work/curation/round2   # writes curation/fixes/round2_*.csv
    python curation/edit.py curation/fixes/round2_*.csv       # applies them, logged in corrections.csv

The readers' proposals (row_id, column, current, proposed, reason, line, confidence) are not facts:
each was checked against the seed lines it cites. The decisions below (REJECT, AMEND, the accepted
new rows) are the curator's; everything not listed is accepted as proposed. `current` in the fix
files is read from the part files (not from the proposal), so a fix applies only to the cell as it is.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
PARTS = HERE / "parts"
OUT = HERE / "fixes"
READERS = ("annex_a", "annex_b", "statistics", "missing_000", "others")
# Where two readers propose different values for one cell, this reader wins (statistics covers every stat).
PREFERRED = {"stat": "statistics", "practice": None}

MDV_ETH = (
    "Maldives/Ethiopia page (l.4706-4826): reader A kept the printed order, reader B proposed the swap. "
    "Decided: swap. The page prints its four issue cells as one block before the titles (Livelihood..., "
    "Expanding..., Expanding..., Investing in community-led...), rows run Maldives, Turkey, Greece, Ethiopia "
    "(countries l.4741-4747, descriptions l.4763-4791). On every separate-block page of the annex where content "
    "decides, the block is in reverse row order (checked myself: l.4341 gender = Bangladesh traineeships; "
    "l.4912 livelihood/return = Bangladesh packages; l.5127 entrepreneurship = Assist WELL); the extraction "
    "order is mechanical, the same on every page of this template. Content does not decide here: Ethiopia's "
    "'community mobilization' points to community-led, but the authors tag loosely (the next page tags a cash "
    "benefit and the EUR 600 allowance 'community-led'), and a Red Crescent card scheme for COVID-19 screening "
    "fits 'community-led response systems' at least as well as safety nets. Turkey and Greece get the same cell "
    "either way. Medium confidence; the reader note says the pairing is uncertain."
)

# (row_id, column) -> reason: proposals the curator rejects after reading the cited lines.
REJECT = {
    ("mdv-returns-samudra-setu-iom", "period"): "the month of the first evacuation is not printed; the span stays",
    ("uga-returns-headline-iom", "restates"): "the seed does not say which flight the headline means (only outside reports do)",
    ("ita-decree-law-34-2020-regularisation", "related_ids"): "004 names no Italian measure; a link would be an inference",
    ("ita-regularization-essential-workers", "related_ids"): "004 names no Italian measure; a link would be an inference",
    ("col-super-panas", "implementer_inferred"): "a citation is not evidence of who runs a campaign",
    ("phl-ofw-reintegration-skills-entrepreneurship", "issue_areas"): "low confidence; body rows keep the curators' 1-3 ids",
    (
        "migrant_workers_share_agriculture_sector",
        "definition",
    ): "indicator removed: its two rows move to employment_share_agriculture",
}
# Cells the curator sets differently from every reader (row_id, column) -> (value, reason).
AMEND = {
    ("uga-returns-headline-iom", "figure_role"): (
        "other",
        "headline 'over 100' fits either flight (113 or 105): not summed, restates nothing",
    ),
    ("mdv-mrc-beneficiary-cards", "curator_note"): (
        "issues raw: Investing in community-led resilience and response systems (l.4720-4721). "
        + MDV_ETH
        + " Responsible cell 'The Maldivian Red Crescent (MRC)' (l.4751-4753); actor_type civil_society is a "
        "classification (type not stated). URL printed 'IFRCreport-COVID19-migrantsleast-protected-mostaffected.pdf'; "
        "hyphens restored (judgement).",
        "Maldives/Ethiopia decision",
    ),
    ("eth-iom-covid-prevention-messaging", "curator_note"): (
        "issues raw: Livelihood support, social safety and nets of protection (l.4708-4710, word order as printed). "
        + MDV_ETH
        + " Places printed 'Dire Dawa, East Hararghe, Jigjiga, Gedeo Borena, West Guji and East Wollega Zones' "
        "(Gedeo and Borena read as two zones). URL ('The impact of COVID-19 on Migrants and Refugees in the Arab "
        "Region') attributed by position only (4th ref, 4th row) - weak fit for Ethiopia.",
        "Maldives/Ethiopia decision",
    ),
    ("mdv-mrc-beneficiary-cards", "note"): (
        "The paper's table prints this page's issue cells apart from the rows they belong to; the pairing used here "
        "follows the table's layout on its other pages, and may instead be 'Livelihood support, social safety nets and protection'.",
        "Maldives/Ethiopia decision: readers are told the pairing is uncertain",
    ),
    ("eth-iom-covid-prevention-messaging", "note"): (
        "The paper's table prints this page's issue cells apart from the rows they belong to; the pairing used here "
        "follows the table's layout on its other pages, and may instead be 'Investing in community-led resilience "
        "and response systems'.",
        "Maldives/Ethiopia decision: readers are told the pairing is uncertain",
    ),
    ("ita-regularization-fee-iom", "period"): (
        "2020",
        "the fee is set by Decree-Law n. 34/2020 (year printed in its number, l.4188)",
    ),
}
# New rows (by id) the curator accepts; every other NEW row is rejected (reason in REJECTED_NEW).
ACCEPT_NEW_STATS = {
    # statistics reader
    "bgd-returnee-arrival-loan-bdt-annex-iom",
    # missing_000 reader
    "sgp-covid-infection-rate-rank-2020-06-iom",
    "sgp-covid-cases-dormitory-majority-2020-06-iom",
    "wld-schoolchildren-no-remote-learning-iom",
    "col-temporary-protection-status-years-iom",
    "ita-job-seeking-permit-months-iom",
    "bhr-accommodation-distance-metres-iom",
    "irl-unemployment-payment-max-weeks-iom",
    "irl-unemployment-payment-min-age-iom",
    "irl-unemployment-payment-max-age-iom",
    "col-covid-inclusion-plan-points-iom",
    "arg-exceptional-validation-work-years-iom",
    "undp-3x6-dividend-share-taken-iom",
    "undp-3x6-matching-ratio-iom",
    "irl-iom-rapid-policy-survey-questions-iom",
    "eu-iom-ji-regions-covered-iom",
    "mli-stranded-duration-months-iom",
    "iom-idiaspora-virtual-exchanges-iom",
    "eth-returning-children-origin-countries-2020-iom",
    "grc-unicef-akelius-languages-iom",
    "ind-unicef-social-protection-states-iom",
    "ind-unicef-migrant-verification-districts-iom",
    "gab-anti-trafficking-languages-iom",
    "sle-stranded-duration-months-iom",
    "mdg-stranded-duration-months-2020-12-iom",
    "bel-asylum-seeker-work-permit-wait-iom",
    "bgd-safe-spaces-camps-iom",
    "bgd-womens-participation-project-camps-iom",
    "bgd-my-hero-is-you-languages-iom",
    "phl-akap-batch-20k-headline-iom",
    "per-unhcr-shelters-2020-iom",
    "col-unhcr-personerias-2020-11-iom",
    "col-separated-girls-2020-11-iom",
    "col-separated-boys-2020-11-iom",
    "col-unaccompanied-girls-2020-11-iom",
    "col-unaccompanied-boys-2020-11-iom",
    "bhr-work-fee-waiver-months-iom",
    "kwt-visa-extension-months-iom",
    "mar-stay-limit-days-iom",
    "grc-agri-work-permit-extension-months-2020-04-iom",
    "dnk-covid-hotline-languages-iom",
    "bmz-skills-reintegration-countries-iom",
    # end dates printed with a year: amended to a year value (see YEAR_ROWS)
    "tha-stay-extension-end-2021-iom",
    "tha-previous-visa-extension-end-2020-11-iom",
    "bhr-irregular-amnesty-end-2020-12-iom",
    "are-visa-extension-end-2020-12-iom",
    # others reader (seeds 001-004)
    "consultation-sessions-protection-gfmd",
    "regularization-procedure-months-gfmd",
    "ilo-conventions-ratified-mar-gfmd",
}
REJECTED_NEW = {
    "schoolchildren-no-remote-learning-iom": "same figure as wld-schoolchildren-no-remote-learning-iom (kept once)",
    "phl-cash-batch-headline-annex-iom": "same figure as phl-akap-batch-20k-headline-iom (kept once)",
    "consultation-session-hours-protection-gfmd": "length of a meeting: not a figure a user looks up",
    "deportations-usa-mex-southward-gfmd": "'thousands' is not printed as a figure",
    "stranded-ship-workers-gfmd": "'thousands' is not printed as a figure",
    "*date*": "dates with no number (cut-offs, deadlines, 'lifted in March 2021') are not figures; value may be empty only for fraction words",
    "*structure*": "parts of a document or plan structure, worked-example amounts, or a ranking printed without a number",
}
# End dates: the year is printed as a numeral, so it is the value (indicator measure_end_year).
YEAR_ROWS = {
    "tha-stay-extension-end-2021-iom": "2021",
    "tha-previous-visa-extension-end-2020-11-iom": "2020",
    "bhr-irregular-amnesty-end-2020-12-iom": "2020",
    "are-visa-extension-end-2020-12-iom": "2020",
}
NEW_INDICATORS_EXTRA = [
    {
        "indicator_id": "measure_end_year",
        "name": "Year a measure runs until",
        "unit": "count",
        "category": "other",
        "definition": "Year (as printed) until which an extension, amnesty or other measure for migrants applies; "
        "the exact end date is in the period and the printed words.",
        "map_rule": "not_mapped",
    }
]
NEW_GROUPS = {"AFRICA_ASIA_MIDDLE_EAST"}
REMOVE_INDICATORS = {
    "migrant_workers_share_agriculture_sector": "both rows moved to employment_share_agriculture (shares of all workers)"
}
# Indicators a map would misrepresent: per-person amounts in several currencies, rules, durations, ranks.
NOT_MAPPED = {
    "cash_benefit_amount",
    "business_startup_kit_value",
    "regularization_application_fee",
    "returnee_support_amount_min",
    "returnee_support_amount_max",
    "wage_gap_migrant_national_hourly_min",
    "wage_gap_migrant_national_hourly_max",
    "displacement_climate_projected_min",
    "displacement_climate_projected_max",
}
SUM_OF_PARTS = {"returns_operation"}
# New indicators that are rules or attributes of a measure (durations, ages, ranks, end years, ratios):
# colouring a country by them would read as a national statistic.
NOT_MAPPED |= {
    "covid_infection_rate_rank",
    "legal_status_duration_years",
    "permit_validity_months",
    "physical_distance_required_metres",
    "benefit_duration_max_weeks",
    "benefit_eligibility_age_min",
    "benefit_eligibility_age_max",
    "work_authorization_duration_years",
    "dividend_share_withdrawable",
    "savings_matching_ratio",
    "programme_components",
    "stranded_duration_months",
    "asylum_seeker_work_access_wait_months",
    "fee_waiver_duration_months",
    "stay_limit_days",
    "regularization_procedure_duration_months",
    "measure_end_year",
    "survey_questions_count",
}
# The curator's own cells (no reader proposed them): (row_id, column) -> (value, reason).
EXTRA = {
    ("gha-labour-migration-statistics-workshop", "scope"): (
        "global",
        "no country is stated once the URL-only GHA is removed; a national row needs a country, so the row is "
        "filed as global (ILO capacity building), and the reader note says the country is not named",
    ),
}

# Reader-facing notes must not use curation vocabulary: locators are written out for readers.
NOTE_REWRITES = [
    (re.compile(r"\bthis annex row\b", re.I), "the paper's annex table"),
    (re.compile(r"\(annex row (\d+)\)", re.I), r"(annex table, row \1)"),
    (re.compile(r"\bAnnex row (\d+)\b"), r"the annex table, row \1"),
    (re.compile(r"\bannex row\b", re.I), "annex table"),
]


def map_rule(indicator_id: str) -> str:
    if indicator_id in SUM_OF_PARTS:
        return "sum_of_parts"
    return "not_mapped" if indicator_id in NOT_MAPPED else "latest_total"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(PARTS / name, dtype=str, keep_default_na=False)


def parts_index() -> dict[str, list[tuple[str, pd.DataFrame]]]:
    """row id -> [(part name, frame)] (a boundary row of the annex sits in two parts)."""
    out = defaultdict(list)
    for path in sorted(PARTS.glob("*.csv")):
        df = read(path.name)
        for rid in df[df.columns[0]]:
            out[rid].append((path.name, df))
    return out


def clean_note(text: str) -> str:
    for pattern, repl in NOTE_REWRITES:
        text = pattern.sub(repl, text)
    return text


def load(folder: Path) -> list[dict]:
    rows = []
    for reader in READERS:
        with (folder / f"{reader}.csv").open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                r["reader"] = reader
                rows.append(r)
    return rows


def issue_strings(folder: Path) -> pd.DataFrame:
    """The raw 'Issues addressed' strings of every annex row, as the two annex readers transcribed them."""
    frames = [pd.read_csv(folder / f"annex_{x}_issue_strings.csv", dtype=str, keep_default_na=False) for x in "ab"]
    return pd.concat(frames, ignore_index=True)


def issue_variants(folder: Path) -> list[dict]:
    """One fix per issue area: its variants become every printed spelling (curly and straight apostrophes)."""
    raw = issue_strings(folder)
    areas = read("issue_areas.csv")
    out = []
    for r in areas.itertuples():
        old = [v for v in r.variants.split(";") if v]
        printed = sorted(set(raw.loc[raw["issue_area_id"] == r.issue_area_id, "raw_issue_string"]))
        new = list(dict.fromkeys(old + printed))
        if new != old:
            out.append(
                dict(
                    part="issue_areas.csv",
                    row_id=r.issue_area_id,
                    column="variants",
                    current=r.variants,
                    proposed=";".join(new),
                    reason="every spelling the annex prints for this issue area (annex readers' issue strings, checked "
                    "against seed 000 by tests/test_curation.py), so a raw cell maps without normalising",
                    confidence="high",
                )
            )
    return out


def write_issue_strings(folder: Path) -> None:
    """curation/annex_issue_strings.csv: per annex row, each raw issue string and the id it maps to."""
    raw = issue_strings(folder)
    practices = pd.read_csv(HERE.parent / "data" / "practices.csv", dtype=str, keep_default_na=False)
    locator = dict(zip(practices["practice_id"], practices["locator"]))
    raw.insert(0, "locator", raw["row_id"].map(locator))
    raw = raw.rename(columns={"row_id": "practice_id", "line": "seed_lines"})
    raw["_n"] = raw["locator"].str.extract(r"(\d+)$")[0].astype(int)
    raw = raw.sort_values(["_n"], kind="stable").drop(columns="_n")
    raw.to_csv(HERE / "annex_issue_strings.csv", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def main(folder: Path) -> int:
    if any(OUT.glob("round2_*.csv")) and "--force" not in sys.argv:
        # the fix files are the record of what was applied; re-deciding reads the parts as they are now
        raise SystemExit("curation/fixes/round2_*.csv exist (already applied); pass --force to write them again")
    write_issue_strings(folder)
    OUT.mkdir(exist_ok=True)
    index = parts_index()
    proposals = load(folder)
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    new_rows: list[dict] = []
    for p in proposals:
        if p["column"] == "row":
            new_rows.append(p)
        else:
            cells[(p["row_id"], p["column"])].append(p)
    fixes: dict[str, list[dict]] = defaultdict(list)
    log = {"accepted": defaultdict(int), "amended": defaultdict(int), "rejected": defaultdict(int)}

    def fix(part, rid, col, cur, new, reason, conf):
        fixes[part].append(dict(part=part, row_id=rid, column=col, current=cur, proposed=new, reason=reason, confidence=conf))

    for (rid, col), props in cells.items():
        kind = col
        if (rid, col) in REJECT:
            log["rejected"][kind] += len(props)
            continue
        where = index.get(rid, [])
        if not where:
            print(f"no part holds {rid} ({col})", file=sys.stderr)
            log["rejected"][kind] += len(props)
            continue
        values = {p["proposed"] for p in props}
        if col == "related_ids":  # union of every reader's links
            value = ";".join(dict.fromkeys(x for p in props for x in p["proposed"].split(";") if x))
        elif len(values) > 1:
            stat = "stat_id" in where[0][1].columns
            pick = [p for p in props if p["reader"] == ("statistics" if stat else props[0]["reader"])] or props
            value = pick[0]["proposed"]
        else:
            value = props[0]["proposed"]
        reason = " | ".join(f"{p['reader']}: {p['reason']} (l.{p['line']})" for p in props)
        conf = props[0]["confidence"]
        status = "accepted"
        if (rid, col) in AMEND:
            value, why = AMEND[(rid, col)]
            reason = f"curator: {why} | {reason}"
            status = "amended"
        if col == "note":
            cleaned = clean_note(value)
            if cleaned != value:
                value, status = cleaned, "amended"
        for part, df in where:
            if col not in df.columns:
                print(f"{part} has no column {col} ({rid})", file=sys.stderr)
                continue
            cur = df.loc[df[df.columns[0]] == rid, col].iloc[0]
            new = value
            if col == "curator_note" and "boundary row" in cur.lower() and "boundary row" not in new.lower():
                new = f"boundary row. {new}"  # merge.py de-duplicates straddling annex rows by this mark
            if col == "curator_note" and "same as annex:" in cur.lower() and "same as annex:" not in new.lower():
                new = f"same as annex: (dropped by merge.py in favour of the annex row). {new}"
            if cur != new:
                fix(part, rid, col, cur, new, reason, conf)
        log[status][kind] += len(props)
    # the curator's own cells no reader proposed
    for (rid, col), (value, why) in AMEND.items():
        if (rid, col) not in cells:
            for part, df in index[rid]:
                cur = df.loc[df[df.columns[0]] == rid, col].iloc[0]
                new = f"boundary row. {value}" if col == "curator_note" and "boundary row" in cur.lower() else value
                fix(part, rid, col, cur, new, f"curator: {why}", "medium")
    # new rows
    seen_ind = set()
    for p in new_rows:
        row = json.loads(p["proposed"])
        if "stat_id" in row:
            sid = row["stat_id"]
            if sid not in ACCEPT_NEW_STATS:
                log["rejected"]["new statistic"] += 1
                continue
            status = "accepted"
            if sid in YEAR_ROWS:
                row.update(indicator="measure_end_year", value=YEAR_ROWS[sid])
                status = "amended"
            if row.get("note"):
                cleaned = clean_note(row["note"])
                status = "amended" if cleaned != row["note"] else status
                row["note"] = cleaned
            row.setdefault("figure_role", "total")
            log[status]["new statistic"] += 1
            fix("statistics.csv", sid, "row", "", json.dumps(row, ensure_ascii=False), p["reason"], p["confidence"])
        elif "indicator_id" in row:
            iid = row["indicator_id"]
            if iid in seen_ind:
                log["rejected"]["new indicator (duplicate)"] += 1
                continue
            seen_ind.add(iid)
            row["map_rule"] = map_rule(iid)
            fix("indicators.csv", iid, "row", "", json.dumps(row, ensure_ascii=False), p["reason"], p["confidence"])
            log["accepted"]["new indicator"] += 1
        elif "group_id" in row:
            fix("groups.csv", row["group_id"], "row", "", json.dumps(row, ensure_ascii=False), p["reason"], p["confidence"])
            log["accepted"]["new group"] += 1
    for (rid, col), (value, why) in EXTRA.items():
        for part, df in index[rid]:
            cur = df.loc[df[df.columns[0]] == rid, col].iloc[0]
            fix(part, rid, col, cur, value, f"curator: {why}", "high")
    indicators = read("indicators.csv")
    for r in indicators.itertuples():
        if r.indicator_id in REMOVE_INDICATORS:
            cur = json.dumps({c: getattr(r, c) for c in indicators.columns}, ensure_ascii=False)
            fix("indicators.csv", r.indicator_id, "row", cur, "", f"curator: {REMOVE_INDICATORS[r.indicator_id]}", "high")
        elif r.map_rule != map_rule(r.indicator_id):
            why = {
                "latest_total": "a country's latest total figure (the default, stated explicitly)",
                "not_mapped": "a per-person amount, rule or bound: a map would read it as a national statistic",
            }
            fix(
                "indicators.csv",
                r.indicator_id,
                "map_rule",
                r.map_rule,
                map_rule(r.indicator_id),
                f"curator: {why.get(map_rule(r.indicator_id), 'per-operation counts')}",
                "high",
            )
    for row in NEW_INDICATORS_EXTRA:
        fix(
            "indicators.csv",
            row["indicator_id"],
            "row",
            "",
            json.dumps(row, ensure_ascii=False),
            "curator: end years of measures (Thailand, Bahrain, UAE)",
            "high",
        )
    # keep only the new indicators some accepted statistic uses
    used = {json.loads(f["proposed"])["indicator"] for f in fixes["statistics.csv"] if f["column"] == "row"}
    used |= {f["proposed"] for f in fixes["statistics.csv"] if f["column"] == "indicator"}
    used |= set(read("statistics.csv")["indicator"])
    kept = []
    for f in fixes["indicators.csv"]:
        if f["column"] == "row" and f["proposed"] and json.loads(f["proposed"])["indicator_id"] not in used:
            log["rejected"]["new indicator (unused)"] += 1
            log["accepted"]["new indicator"] -= 1
            continue
        kept.append(f)
    fixes["indicators.csv"] = kept
    fixes["issue_areas.csv"] = issue_variants(folder)
    for name, f in fixes.items():
        pd.DataFrame(f).to_csv(OUT / f"round2_{name}", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for status, kinds in log.items():
        print(status, dict(sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(Path(args[0] if args else "/work/curation/round2")))
