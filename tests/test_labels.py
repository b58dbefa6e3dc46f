from lib import i18n, labels


def test_data_version_follows_the_language(tiny_ds):
    try:
        assert labels.data_version(tiny_ds) == tiny_ds.version  # English: the same text as before
        i18n.set_language("fr")
        assert labels.data_version(tiny_ds).endswith(
            f"{len(tiny_ds.practices)} pratiques · {len(tiny_ds.statistics)} statistiques"
        )
    finally:
        i18n.set_language("en")


def test_citation_is_source_and_locator(tiny_ds):
    src = tiny_ds.sources["source_id"].iloc[0]
    assert labels.citation(tiny_ds, src, "s. 2.4").endswith("s. 2.4")
    assert labels.source_short(tiny_ds, src) in labels.citation(tiny_ds, src, "s. 2.4")
