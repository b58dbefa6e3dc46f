"""Controlled values of the dataset: scopes, actor types, periods, units and their scale, qualifiers, kinds, categories."""

SCOPES = ("national", "local", "regional", "global")
ACTOR_TYPES = (
    "government",
    "local_authority",
    "un_international",
    "civil_society",
    "employers_business",
    "trade_unions",
    "multi_stakeholder",
    "not_stated",
)
PERIODS = ("pre_covid", "covid_response", "not_stated")
GCM_BASES = ("stated", "assigned")
UNITS = (
    "persons",
    "persons_thousand",
    "persons_million",
    "persons_billion",
    "percent",
    "percent_change",
    "count",
    "count_million",
    "usd",
    "usd_million",
    "usd_billion",
    "usd_trillion",
    "eur",
    "php",
    "bdt",
    "qar_billion",
)
# unit -> (family, base unit, factor): units of one family can share an indicator; the factor
# turns a value into the base unit for comparison (the stored value stays as printed).
UNIT_SCALE = {
    "persons": ("persons", "persons", 1),
    "persons_thousand": ("persons", "persons", 1e3),
    "persons_million": ("persons", "persons", 1e6),
    "persons_billion": ("persons", "persons", 1e9),
    "count": ("count", "count", 1),
    "count_million": ("count", "count", 1e6),
    "percent": ("percent", "percent", 1),
    "percent_change": ("percent_change", "percent_change", 1),
    "usd": ("money", "usd", 1),
    "usd_million": ("money", "usd", 1e6),
    "usd_billion": ("money", "usd", 1e9),
    "usd_trillion": ("money", "usd", 1e12),
    "eur": ("money", "eur", 1),
    "php": ("money", "php", 1),
    "bdt": ("money", "bdt", 1),
    "qar_billion": ("money", "qar", 1e9),
}
QUALIFIERS = (
    "more than",
    "over",
    "around",
    "nearly",
    "up to",
    "at least",
    "less than",
    "estimated",
    "projected",
)
# What a figure is among the figures of its indicator (statistics.csv `figure_role`; empty = total).
FIGURE_ROLES = ("total", "part", "restates", "other")
# What the map may show for an indicator (indicators.csv `map_rule`; empty = latest_total):
# latest_total: a country's most recent `total` figure colours it (the others are listed, never summed);
# sum_of_parts: the sum of its disjoint `part` figures (operations), said so in the hover, when it has no total;
# not_mapped: the indicator is not offered on the map.
MAP_RULES = ("latest_total", "sum_of_parts", "not_mapped")
# The parts of the dataset that come from outside the documents (origins.csv `what`).
ORIGIN_PARTS = ("geo/countries.geojson", "countries.csv")
SOURCE_KINDS = ("policy paper", "background paper", "database", "talking points", "summary report")
GROUP_KINDS = ("world", "income_group", "region", "bloc", "unspecified")
INDICATOR_CATEGORIES = (
    "remittances",
    "returns",
    "migrant_workers",
    "wages",
    "employment",
    "displacement",
    "surveys",
    "participation",
    "other",
)

TRANSLATION_LANGUAGES = ("fr", "es")  # curators' translations of practice summaries

# Columns whose cells come from a controlled list (data/README.md and the data package print the lists).
CONTROLLED: dict[tuple[str, str], tuple[str, ...]] = {
    ("practices.csv", "scope"): SCOPES,
    ("practices.csv", "actor_type"): ACTOR_TYPES,
    ("practices.csv", "period"): PERIODS,
    ("practices.csv", "gcm_basis"): GCM_BASES,
    ("statistics.csv", "unit"): UNITS,
    ("statistics.csv", "qualifier"): QUALIFIERS,
    ("statistics.csv", "figure_role"): FIGURE_ROLES,
    ("indicators.csv", "unit"): UNITS,
    ("indicators.csv", "category"): INDICATOR_CATEGORIES,
    ("indicators.csv", "map_rule"): MAP_RULES,
    ("sources.csv", "kind"): SOURCE_KINDS,
    ("origins.csv", "what"): ORIGIN_PARTS,
    ("groups.csv", "kind"): GROUP_KINDS,
    ("translations.csv", "lang"): TRANSLATION_LANGUAGES,
}
