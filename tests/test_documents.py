"""Documents: boilerplate blanked with offsets kept, clean stories untouched, bad files refused by name."""
import ast
import hashlib
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from conftest import DEV, ROOT, SEEDS
from kg import errors
from kg.read.boilerplate import rules as boilerplate_rules, soft_wraps
from kg.extract.dates import resolve
from kg.read.documents import document_from_text, iter_article_paths, load_document

STORY = ("Foreign ministers of the two countries met in the capital on Monday and signed a trade "
         "agreement, officials said.\n\n")


def kept(doc):
    return "".join(doc.text[a:b] for a, b in doc.kept)


def load_text(tmp_path, text, name="a.txt"):
    f = tmp_path / name
    f.write_bytes(text.encode("utf-8"))
    return load_document(f)


def seed(n):
    return load_document(next(SEEDS.glob(f"{n}_*.txt")))


def assert_offsets_kept(d):
    """Same length; story characters unchanged; blanked or joined ones are spaces; newlines stay put."""
    assert len(d.analysis_text) == len(d.text)
    story = set(i for a, b in d.kept for i in range(a, b))
    for i, (orig, new) in enumerate(zip(d.text, d.analysis_text)):
        if new == "\n" or orig == "\n":
            assert new == orig or (i in story and new == " "), i
        elif i in story:
            assert new == orig or (orig == "\r" and new == " "), i
        else:
            assert new.isspace(), i


# --- the seed articles -----------------------------------------------------------------------

@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_seed_offsets_are_preserved(n):
    d = seed(n)
    assert_offsets_kept(d)
    assert all(d.analysis_text[a:b].split() == d.text[a:b].split() for a, b in d.kept)


@pytest.mark.parametrize("n,gone,stays", [
    ("000", ["Related article", "/2026/07/04/", "contributed reporting"],
     ["Ri arrived in Moscow on Monday", "accepted an\ninvitation to visit Pyongyang"]),
    ("001", ["Since July 1, 2024", "Enjoying ad-free", "Support us", "journalism is banned", "Dear readers",
             "A Message from", "makes a world of difference", "Once\nMonthly", "Remind me later", "Read more",
             "Press Service"],
     ["Ri arrived in Moscow on Monday", "North Korean Foreign Minister Calls for Stronger Russia Ties"]),
    ("002", ["Support The Moscow Times", "shakes hands", "Sign up for our", "newsletter contains",
             "Subscribers agree", "Dear readers", "Not ready to support"],
     ["will visit the Democratic People's Republic of Korea on July 11-13", "told AFP"]),
    ("003", ["Since July 1, 2024", "this commitment costs", "/ Flickr", "Dear readers"],
     ["met North Korean leader Kim Jong Un in Pyongyang on Thursday", "quoted as saying by his ministry"]),
    ("004", ["LEGAL WARNING", "Rojin", "executive order", "HQ-9B"],
     ["Choe Son-hui in Moscow", "global geopolitical tensions. (ILKHA)"]),
])
def test_seed_boilerplate_is_removed_and_story_kept(n, gone, stays):
    d = seed(n)
    for g in gone:
        assert g not in kept(d) and g not in d.analysis_text, g
    for s in stays:
        assert s in kept(d), s


def test_hard_wrapped_lines_are_joined_and_paragraphs_kept():
    d = seed("000")
    assert "needed to forge stronger ties.\n\nRi Yong Ho" in d.analysis_text
    assert "accepted an invitation to visit" in d.analysis_text


def test_one_paragraph_per_line_is_not_joined():
    d = seed("004")
    assert d.analysis_text.count("\n") == d.text.count("\n")
    assert d.analysis_text.startswith(d.text.split("\n")[0] + "\n")


def test_seed_metadata_is_read():
    assert seed("002").meta.published == "2025-07-09" and seed("002").meta.url is None


def without_labels(line: str) -> str:
    """The line as kept: interview speaker labels ("VOA:") are blanked, not the line."""
    for r in boilerplate_rules():
        if r.scope == "label":
            for p in r.patterns:
                line = p.sub(lambda m: m[0].replace(m["label"], ""), line)
    return line.strip()


@pytest.mark.skipif(not DEV.is_dir(), reason="dev articles not found (set KG_SHARED)")
def test_clean_dev_stories_lose_at_most_a_line_or_two():
    paths = iter_article_paths(DEV)
    assert len(paths) >= 80
    for p in paths:
        d = load_document(p)
        assert_offsets_kept(d)
        lines = [without_labels(s) for s in d.text.splitlines() if s.strip()]
        lost = [s for s in lines if s.strip() not in kept(d)]
        assert len(lost) <= 2, (p.name, lost)
        assert lines[0].strip() in kept(d) and lines[-1].strip() in kept(d), p.name


# --- each kind of boilerplate, in hand-written text ----------------------------------------------

@pytest.mark.parametrize("junk", [
    "Support us", "Your support, however small, makes a real difference to our newsroom.",
    "Please support us monthly from just $5.", "Once\nMonthly\nAnnual\nContinue",
    "Not ready to support today?", "Remind me later.",
    "Enjoying ad-free content?", "Since May 1, 2023, we have disabled all ads on this site.",
    "This commitment costs us $5,000 a month.",
    "Sign up for our daily newsletter", "Our weekly newsletter contains the best stories of the week.",
    "Subscribers agree to the Privacy Policy",
    "Read more: Ministers meet again", "Read also: Talks stall", "Related article: Talks stall",
    "https://example.com/2026/07/04/talks-stall",
    "×", "Reuters", "AFP / Getty Images", "Photo: John Smith", "Example Ministry Press Service",
    "Jane Doe shakes hands with John Roe. Example Ministry / AFP",
    "© 2025 Example News. All rights reserved.", "Jane Doe contributed reporting to this article.",
    "By Jane Doe, Reuters", "By Jane de Roe and John Doe, The Example Times", "(AFP) 10:12, May 3, 2022",
    "Published 10:12 GMT, 3 May 2022", "Updated: May 3, 2022 4:05 pm ET", "Posted on 3 May 2022",
    "- Modified: 4 June 2021, 10:43", "26 March 2020, 14:44 | Last updated: 18:37",
])
def test_each_kind_of_boilerplate_line_goes(tmp_path, junk):
    d = load_text(tmp_path, "Ministers Meet\n\n" + STORY + junk + "\n\n" + STORY)
    assert junk.split("\n")[0] not in kept(d) and junk.split("\n")[-1] not in d.analysis_text
    assert kept(d).count("signed a trade agreement") == 2 and "Ministers Meet" in kept(d)
    assert_offsets_kept(d)


@pytest.mark.parametrize("marker,marker_kept", [
    ("A Message from Example News:", False), ("Dear readers,", False),
    ("LEGAL WARNING: All rights reserved by Example News.", False),
    ("The ministers will meet again next month. (Reuters)", True),
])
def test_everything_after_the_end_of_the_story_goes(tmp_path, marker, marker_kept):
    tail = "Unrelated headline about a storm in another country.\nAnother one about sport."
    d = load_text(tmp_path, STORY + marker + "\n" + tail)
    assert "storm" not in kept(d) and "sport" not in d.analysis_text
    assert (marker in kept(d)) == marker_kept and "signed a trade agreement" in kept(d)


LONG_STORY = "".join(f"Paragraph {i}: the foreign ministers of Norway and Spain discussed fisheries quotas and "
                     "a new trade agreement in the capital, officials said.\n\n" for i in range(6))


@pytest.mark.parametrize("caption", [
    "Ministers Lindqvist and Ayala shake hands before their talks in Oslo on Monday. (NTB)",
    "Foreign Minister Erik Lindqvist of Norway speaks to reporters in Oslo before the talks with his "
    "Spanish counterpart on Monday, May 6, 2019. (AP)",
])
def test_a_caption_ending_in_an_agency_does_not_end_the_story_below_it(tmp_path, caption):
    """Failure mode D2: the sign-off rule fired on the caption and blanked the whole story."""
    lede = "OSLO, May 6 (NTB) - Norway and Spain signed a fisheries agreement on Monday, officials said.\n\n"
    for top in (caption + "\n\n", "Norway and Spain sign fisheries pact\n" + caption + "\n" + caption + "\n\n"):
        d = load_text(tmp_path, top + lede + LONG_STORY)
        assert caption in kept(d) and "Norway and Spain signed" in kept(d), top
        assert all(f"Paragraph {i}:" in d.analysis_text for i in range(6)), top


def test_a_sign_off_at_the_end_still_ends_the_story_under_a_caption_that_has_one(tmp_path):
    caption = "Foreign Minister Erik Lindqvist speaks to reporters in Oslo on Monday, May 6, 2019. (AP)"
    tail = "Storm hits the coast of another country\nFootball: cup final postponed\nWeather for the weekend"
    d = load_text(tmp_path, caption + "\n\n" + LONG_STORY + "The talks resume in June. (AP)\n\n" + tail)
    assert caption in kept(d) and "The talks resume in June. (AP)" in kept(d)
    assert "Storm hits" not in kept(d) and "Weather" not in d.analysis_text


def test_a_sign_off_closing_the_first_paragraph_of_a_long_story_is_no_end(tmp_path):
    story = ("The foreign ministers of Norway and Spain met in the capital on Monday and signed a trade "
             "agreement. (AP)\n\n")
    d = load_text(tmp_path, story + LONG_STORY)
    assert "Paragraph 5:" in kept(d)


def test_a_story_end_marker_above_the_story_takes_only_its_line(tmp_path):
    d = load_text(tmp_path, "A Message from Example News:\n\n" + STORY + STORY)
    assert "A Message" not in kept(d) and kept(d).count("signed a trade agreement") == 2


@pytest.mark.parametrize("line", [
    '"We need your help," the minister told reporters.',
    "Support for the agreement grew in parliament, officials said.",
    "Reuters reported that the ministers met in Geneva on Friday.",
    "Read the full statement on the ministry website, she said.",
    "By Monday the two sides had agreed on a text.", "Updated figures show twelve ministers attended.",
    "The ministers met on May 3, 2022 at 10:00 in the capital.", "May 3, 2022",
    "LIMA, May 3 (Reuters) - The ministers will meet again in the capital on Friday.",
])
def test_story_lines_that_look_like_boilerplate_stay(tmp_path, line):
    d = load_text(tmp_path, "Ministers Meet\n\n" + STORY + line + "\n\n" + STORY)
    assert line in kept(d) and line in d.analysis_text


def test_title_over_a_wrapped_paragraph_is_not_joined_and_crlf_is_kept(tmp_path):
    body = ("Ministers Meet\r\nThe foreign ministers of the two countries met in the capital on\r\n"
            "Monday and signed a trade agreement that both sides called historic, officials\r\n"
            "said on Tuesday after the talks ended.\r\n")
    d = load_text(tmp_path, body)
    assert d.text == body and "Ministers Meet\r\n" in d.analysis_text
    assert "on  Monday and" in d.analysis_text and "officials  said" in d.analysis_text
    assert_offsets_kept(d)


def test_short_one_sentence_lines_are_not_taken_for_hard_wraps():
    lines = ["Ministers Meet in the Capital",
             "The foreign ministers of the two countries met in the capital on Monday and signed a trade "
             "agreement that both called historic.",
             "Trade, fisheries and the border were on the agenda of the talks, officials said afterwards.",
             "The two ministers plan to meet again next year, when the agreement will be reviewed by both.",
             "A long paragraph follows: " + "the ministers talked about many things, officials said, " * 5,
             "Another long paragraph: " + "the talks went on late into the night, officials said, " * 5]
    assert soft_wraps(lines) == set()


def test_a_byline_over_an_unwrapped_lede_is_not_a_wrapped_paragraph():
    wrapped = ["The foreign ministers of the two countries met in the capital on Monday and",
               "signed a trade agreement that both sides called historic, officials said on",
               "Tuesday after the talks ended.", ""] * 3
    top = ["Jane Doe and John Roe, Example News correspondents in the capital city",
           "LIMA — " + "The ministers met again on Friday to finish the text of the agreement. " * 3, ""]
    assert soft_wraps(wrapped) == {0, 1, 4, 5, 8, 9}
    assert soft_wraps(top + wrapped) == {i + 3 for i in (0, 1, 4, 5, 8, 9)}


def test_a_wrap_in_mid_sentence_after_a_short_line_is_joined():
    lines = ["The foreign ministers of the two countries met in the capital on Monday and",
             "signed a trade agreement that both sides called historic, officials said on",
             "Tuesday after the talks ended.", "In a sign of how much",
             "the deal mattered, both presidents attended the ceremony in the old palace",
             "and spoke to reporters afterwards about the next steps for the two sides."]
    assert soft_wraps(lines) == {0, 1, 3, 4}


def test_user_patterns_can_use_the_defines_and_a_wrong_one_is_a_data_error(tmp_path, monkeypatch):
    user = tmp_path / "boilerplate.json"
    user.write_text(json.dumps({"rules": [{"kind": "stamp", "scope": "line", "patterns": ["^filed {DATE}$"]}]}))
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    boilerplate_rules.cache_clear()
    try:
        d = document_from_text("Filed March 3, 2021\n\n" + STORY)
        assert "Filed" not in kept(d) and "signed a trade agreement" in kept(d)
        user.write_text(json.dumps({"rules": [{"kind": "x", "scope": "line", "patterns": ["^{NOPE}$"]}]}))
        boilerplate_rules.cache_clear()
        with pytest.raises(errors.KgError, match=r"boilerplate\.json.*\{NOPE\}"):
            boilerplate_rules()
    finally:
        boilerplate_rules.cache_clear()


def test_bom_is_dropped_but_hashed(tmp_path):
    raw = "\ufeff".encode() + STORY.encode()
    (tmp_path / "b.txt").write_bytes(raw)
    d = load_document(tmp_path / "b.txt")
    assert d.text == STORY and d.sha256 == hashlib.sha256(raw).hexdigest() and d.stem == "b"


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("content,words", [
    ("Caf\xe9 talks in Paris".encode("latin-1"), ["not UTF-8", "offset 3"]),
    (b"", ["empty"]), (b"  \n\t\n", ["empty"]),
    (b"PK\x03\x04\x00\x00binary", ["binary"]), (bytes(range(1, 32)) * 4 + b"ok", ["binary"]),
])
def test_bad_files_raise_input_errors_naming_the_file(tmp_path, content, words):
    (tmp_path / "x.txt").write_bytes(content)
    with pytest.raises(errors.InputError) as e:
        load_document(tmp_path / "x.txt")
    assert all(w in str(e.value) for w in ["x.txt", *words]), str(e.value)


@pytest.mark.parametrize("meta,why", [
    ("{not json", "not valid JSON"), ("[1, 2]", "not a JSON object"),
    (json.dumps({"published": "31/05/2018"}), "YYYY-MM-DD"), (json.dumps({"published": "2018-02-30"}), "YYYY-MM-DD"),
    (json.dumps({"publised": "2018-05-31"}), "unknown key"), (json.dumps({"title": 3}), "string"),
])
def test_bad_sidecars_are_refused(tmp_path, meta, why):
    (tmp_path / "x.txt").write_text(STORY)
    (tmp_path / "x.meta.json").write_text(meta)
    with pytest.raises(errors.InputError) as e:
        load_document(tmp_path / "x.txt")
    assert "x.meta.json" in str(e.value) and why in str(e.value)


def test_sidecar_keys_are_all_optional(tmp_path):
    (tmp_path / "x.txt").write_text(STORY)
    assert load_document(tmp_path / "x.txt").meta.published is None
    (tmp_path / "x.meta.json").write_text(json.dumps({"published": None, "title": "T"}))
    m = load_document(tmp_path / "x.txt").meta
    assert m.published is None and m.title == "T" and m.url is None


def test_article_paths(tmp_path):
    for name in ["b.txt", "a.txt", ".hidden.txt", "a.meta.json", "notes.md", "sub/c.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(STORY)
    assert [p.name for p in iter_article_paths(tmp_path)] == ["a.txt", "b.txt"]
    assert iter_article_paths(tmp_path / "b.txt") == [tmp_path / "b.txt"]
    for bad, maker in [(tmp_path / "nope", "no such"), (tmp_path / "sub2", "no .txt"),
                       (tmp_path / "notes.md", "not a .txt")]:
        if bad.name == "sub2":
            bad.mkdir()
        with pytest.raises(errors.InputError, match=maker):
            iter_article_paths(bad)


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,pub,tense,iso,end", [
    ("on Tuesday", date(2018, 4, 10), "past", "2018-04-10", None),
    ("Monday", date(2018, 4, 10), "past", "2018-04-09", None),
    ("last month", date(2018, 5, 31), "past", "2018-04", None),
    ("on July 11-13", date(2025, 7, 9), "future", "2025-07-11", "2025-07-13"),
    ("this weekend", date(2025, 7, 9), "future", "2025-07-12", "2025-07-13"),
    ("December 28", date(2026, 1, 3), "past", "2025-12-28", None),
    ("January 5", date(2025, 12, 20), "future", "2026-01-05", None),
    ("May 31, 2018", None, None, "2018-05-31", None),
    ("in 2009", None, None, "2009", None),
])
def test_dates_resolve_from_the_publication_date(text, pub, tense, iso, end):
    r = resolve(text, pub, tense)
    assert r.start.iso == iso and (r.end.iso if r.end else None) == end


@pytest.mark.parametrize("text,pub", [("on Tuesday", None), ("recent weeks", date(2020, 1, 1)),
                                      ("in recent weeks", date(2020, 1, 1)), ("May", date(2020, 1, 1))])
def test_vague_or_unanchored_dates_stay_unset(text, pub):
    assert resolve(text, pub, "past") is None


def test_no_seed_or_dev_fact_in_code():
    """Names, places and dates of the seed and dev stories belong in data files, never in kg/**/*.py.

    tests/data/story_names.txt lists every person, party and place of their gold. People may not
    appear anywhere in the code, not even in comments; places may not appear in code or string
    literals (docstrings and comments may use world places as examples)."""
    listed = [n for n in (ROOT / "tests" / "data" / "story_names.txt").read_text(encoding="utf-8").splitlines()
              if n and not n.startswith("#")]
    dates = ["2018-05-31", "2025-07-11", "2025-07-13"]
    listed = [fold(n) for n in listed]   # "Mélanie" is the "Melanie" of the gold
    for py in ROOT.joinpath("kg").rglob("*.py"):
        text = fold(py.read_text(encoding="utf-8"))
        tree = ast.parse(text)
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(n) is not None}
        strings = " ".join(n.value for n in ast.walk(tree)
                           if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs)
        names = " ".join(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
        found = [n for n in listed if re.search(rf"\b{re.escape(n)}\b", strings + " " + names)]
        found += [n for n in listed if " " in n and re.search(rf"\b{re.escape(n)}\b", text)
                  and n not in PLACE_EXAMPLES]
        found += [d for d in dates if d in text]
        assert not found, f"{py.name}: {found}"


def fold(text: str) -> str:
    """Without accents, as the gold may spell a name the code spells with them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# World places that docstrings and comments may use as examples (never in code or strings).
PLACE_EXAMPLES = {"North Korea", "South Korea", "United States"}


def test_interview_speaker_labels_are_blanked_but_the_answer_stays(tmp_path):
    text = ("The minister spoke to us. Q: Chilean President Gabriel Boric recently visited Lima. Why? "
            "Dupont: He went to talk trade. So, as usual, they talked.\n")
    d = load_text(tmp_path, text)
    assert "Q:" not in d.analysis_text and "Dupont:" not in d.analysis_text
    assert "Chilean President Gabriel Boric recently visited Lima." in d.analysis_text
    assert "So, as usual, they talked." in d.analysis_text and len(d.analysis_text) == len(text)
