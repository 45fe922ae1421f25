"""Article layout: where the story starts (its dateline), and real line breaks as sentence starts.

Every text is written for the test; the names, places and dates are no article's."""
import pytest

from kg.extract.nlp import parse
from kg.read.documents import document_from_text
from kg.read.layout import Dateline, find_dateline
from test_extract import events, names

# --- datelines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,words,head", [
    ("BERLIN, May 3 (Reuters) - The minister said", "May 3", "BERLIN, May 3 (Reuters) -"),
    ("WASHINGTON (Reuters) — Officials met", "", "WASHINGTON (Reuters) —"),
    ("NEW YORK, April 10 (AP) -- Envoys gathered", "April 10", "NEW YORK, April 10 (AP) --"),
    ("OSLO, Sept. 4, 2023 (Xinhua) -- Talks", "Sept. 4, 2023", "OSLO, Sept. 4, 2023 (Xinhua) --"),
    ("ROME, 4 June (ANSA) - The visit", "4 June", "ROME, 4 June (ANSA) -"),
    ("VIENNA, June 2. /TASS/. The envoy", "June 2", "VIENNA, June 2. /TASS/."),
    ("KYIV, Ukraine (AP) — The talks", "", "KYIV, Ukraine (AP) —"),
    ("ST. LOUIS, Mo. (AP) — A visit", "", "ST. LOUIS, Mo. (AP) —"),
    ("PARIS — The president arrived on Monday.", "", "PARIS —"),
    ("LIMA, May 3 -- The minister will fly on", "May 3", "LIMA, May 3 --"),
    ("\n  LISBON, Tuesday (AFP) - Ministers", "Tuesday", "LISBON, Tuesday (AFP) -"),
    ("ASUNCION,\nParaguay (AP) -- Ministers met", "", "ASUNCION,\nParaguay (AP) --"),   # wrapped after its comma
])
def test_datelines(text, words, head):
    found = find_dateline(text)
    assert found is not None, text
    assert found.date == words and text[found.start:found.end] == head


@pytest.mark.parametrize("text", [
    "The minister said on Tuesday that talks would resume.",
    "Berlin, May 3 (Reuters) - lower-case places are not datelines",
    "BREAKING — talks collapse",
    "UPDATE - Ministers meet in Quito to discuss the new fisheries accord.",
    "FILE - Delegates arrive for a summit in Tallinn, Estonia, on May 4, 2021.",
    "NATO said on Monday it would meet.",
    "NATO — the alliance said on Monday that it would meet again.",
    "EU – Mercosur Talks Resume In Quito",
    "ASEAN - Summit",
    "The talks ended. BERLIN (Reuters) - not at the start",
    "LONDON. The city is quiet.",
    "TALLINN\n— Ministers met again in Tallinn on Friday to sign the accord.",   # a dash on the next line
    "",
])
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_place_and_region_are_kept_for_the_articles_location():
    text = "QUITO, Ecuador – President Rosa Ayala met Prime Minister Erik Lindqvist on Tuesday."
    assert find_dateline(text) == Dateline(place="QUITO", region="Ecuador", date="", start=0, end=16)


# The layout of failure mode D13: a disclaimer, a headline, a photo caption and a standfirst
# stand above the lede, which opens with its dateline on the sixth line.
DEEP = ("Summary: this story was translated with the help of software and checked by an editor.\n"
        "Ayala and Lindqvist agree on fisheries\n"
        "Ecuadorian President Rosa Ayala and Icelandic Prime Minister Erik Lindqvist shake hands in Quito on "
        "Tuesday.\n"
        "The two leaders want to widen trade between their countries, officials said.\n"
        "Talks are expected to continue next month.\n"
        "QUITO, Ecuador – Ecuadorian President Rosa Ayala met Icelandic Prime Minister Erik Lindqvist in Quito "
        "on Tuesday and signed a fisheries agreement.\n"
        "The agreement covers quotas for the next five years.\n")


def test_a_dateline_below_caption_and_standfirst_is_found():
    d = document_from_text(DEEP)
    assert d.dateline is not None and (d.dateline.place, d.dateline.region) == ("QUITO", "Ecuador")
    assert d.text[d.dateline.start:d.dateline.end] == "QUITO, Ecuador –"


def test_a_deep_dateline_is_not_the_subject_of_the_lede():
    meeting = next(e for e in events(DEEP, published="2021-06-02") if e.type == "Meeting"
                   and "signed" not in e.rule)
    assert names(meeting.agents) == ["Erik Lindqvist", "Rosa Ayala"]


def test_no_dateline_below_the_top_of_the_article():
    story = [f"Paragraph {i} of the story says that the ministers talked for a long time.\n" for i in range(12)]
    late = "TALLINN — Ministers met again in Tallinn on Friday to sign the accord.\n"
    assert find_dateline("".join(story) + late) is None
    assert find_dateline("".join(story[:5]) + late) is not None   # the same line near the top is one
    long_top = "Officials said the ministers would meet again soon. " * 40 + "\n"   # one long paragraph
    assert find_dateline(long_top + late) is None


def test_a_line_in_the_body_opening_with_a_capital_and_a_dash_is_no_dateline():
    text = ("Ministers meet in Suva\n\nThe foreign ministers of Fiji and Chile met in Suva on Monday.\n\n"
            "FIJI — the host — said the talks went well.\n\nASEAN – Observers Attend\n")
    assert document_from_text(text).dateline is None


# --- every real line break starts a sentence ----------------------------------------------------

def sentences(text):
    d = document_from_text(text)
    return [s.text.strip() for s in parse(d.analysis_text).sents if s.text.strip()]


def test_headline_and_byline_on_single_lines_are_not_glued_to_the_lede():
    text = ("Minister to visit Fiji\n(Agency) 10:12, March 3, 2021\n"
            "SUVA, March 3 (Agency) -- Ecuadorian Foreign Minister Rosa Ayala will visit Fiji from "
            "March 5 to 7, her ministry said.\n")
    sents = sentences(text)
    assert sents[0] == "Minister to visit Fiji"
    assert not any("10:12" in s for s in sents)                       # the byline is blanked
    assert any(s.endswith("her ministry said.") and "Minister to visit" not in s for s in sents)


def test_the_byline_date_is_not_the_event_date():
    text = ("Minister to visit Fiji\n(Agency) 10:12, March 3, 2021\n"
            "SUVA, March 3 (Agency) -- Ecuadorian Foreign Minister Rosa Ayala will visit Fiji from "
            "March 5 to 7, her ministry said.\n")
    visits = [e for e in events(text, published="2021-03-03") if e.type == "Visit"]
    assert visits and all(e.start is None or e.start.iso == "2021-03-05" for e in visits)
    assert any(e.start and (e.start.iso, e.end.iso) == ("2021-03-05", "2021-03-07") for e in visits)


WRAPPED = ("The foreign ministers of Fiji and Ecuador met in Suva on Monday and signed an\n"
           "agreement on fisheries that both governments called a turning point for their\n"
           "relations, officials said after the talks ended late in the evening.\n"
           "\n"
           "The ministers also agreed to meet again in Quito next year to review the quotas\n"
           "and to open talks on trade, according to a statement from the two ministries.\n")


def test_a_hard_wrapped_paragraph_is_still_one_sentence():
    sents = sentences(WRAPPED)
    assert len(sents) == 2, sents
    assert sents[0].startswith("The foreign ministers") and sents[0].endswith("late in the evening.")


def test_short_lines_of_one_sentence_each_are_separate_sentences():
    text = ("Ministers meet in Suva\n"
            "The foreign ministers of Fiji and Ecuador met in Suva on Monday.\n"
            "They signed an agreement on fisheries.\n"
            "Talks on trade are planned for next year, the two ministries said in a joint statement.\n"
            "The next meeting is expected to take place in Quito in the spring.\n")
    assert len(sentences(text)) == 5


def test_users_can_add_labels_that_are_no_dateline_places(tmp_path, monkeypatch):
    from kg.read.layout import not_places
    text = "BULLETIN — Ministers met again in Tallinn on Friday to sign the accord."
    assert find_dateline(text) is not None
    (tmp_path / "boilerplate.json").write_text('{"rules": [], "not_datelines": ["Bulletin"]}')
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    not_places.cache_clear()
    try:
        assert find_dateline(text) is None and find_dateline("FILE - " + text[11:]) is None
    finally:
        not_places.cache_clear()
