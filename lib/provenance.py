"""Provenance columns: what is known of each source document's date and licence, and the outside material.

`sources.csv` (the documents) and `origins.csv` (Natural Earth, world-atlas, pycountry, CLDR,
country_converter: what the map geometry and the country table were built from) are declared here
and joined into the one schema by `lib.schema.schemas()`. An empty licence, date or version means
"not stated" or "not recorded", never a guess; the row's note or processing says which.
"""

from __future__ import annotations

import pandera.pandas as pa

from lib.checks import NOT_EMPTY, URL, check, column, date_column, is_int_in, one_of, slug, text
from lib.vocabulary import ORIGIN_PARTS, SOURCE_KINDS


def sources() -> dict[str, pa.Column]:
    """sources.csv: the documents, with what is known of their dates and licences."""
    return {
        "source_id": column(slug("must be a slug"), unique=True, doc="unique slug"),
        "title": text("title of the document"),
        "publisher": text("who published it"),
        "year": column(
            check(lambda v: v == "" or is_int_in(1900, 2100)(v), "must be empty or a four-digit year"),
            doc="year of publication",
        ),
        "date_published": date_column(
            partial=True,
            doc="publication date as precise as known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (when the document "
            "does not print it, the `note` says where it comes from); empty: not known",
        ),
        "kind": column(one_of(SOURCE_KINDS, "unknown kind of source"), doc="kind of document"),
        "url": column(URL, doc="where the document is published, if known"),
        "licence": text(
            "licence or terms of use as printed in the document; empty: none is printed (the `note` says so), never guessed",
            required=False,
        ),
        "licence_url": column(URL, doc="link to that licence's text, if known"),
        "date_accessed": date_column(doc="`YYYY-MM-DD` the extraction was taken; empty: not recorded"),
        "file": text("the plain-text extraction in `shared/seeds/`", required=False),
        "note": text("what the document is, and what it does not state (licence, date)", required=False),
    }


def origins() -> dict[str, pa.Column]:
    """origins.csv: the outside material the geometry and the country table were built from."""
    return {
        "origin_id": column(slug("must be a slug"), unique=True, doc="unique slug"),
        "what": column(one_of(ORIGIN_PARTS, "unknown part of the dataset"), doc="the part of the dataset it went into"),
        "producer": text("who made it"),
        "title": text("its name"),
        "version": text("the version used; empty: not recorded (the `processing` says so)", required=False),
        "licence": text("its licence, as its producer states it"),
        "licence_url": column(URL, doc="link to that licence's text"),
        "url": column(URL, NOT_EMPTY, doc="where it is published"),
        "date_accessed": date_column(doc="`YYYY-MM-DD` it was taken; empty: not recorded"),
        "processing": text("what was done to it, by which script"),
    }
