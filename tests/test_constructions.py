"""One short sentence per construction that issue 3 names, written for the test (no article text).

Each row: sentence, event type, the people/parties expected among its agents, the place (or None
for any), and the status. Published on Wednesday 2024-03-13 unless a row says otherwise.
"""
import pytest

from test_extract import events, names

PUB = "2024-03-13"

CASES = [
    # --- visits
    ("Kenyan President William Ruto landed in Tokyo on Monday.", "Visit", ["William Ruto"], "Tokyo", "occurred"),
    ("Kenyan President William Ruto traveled to Tokyo last week.", "Visit", ["William Ruto"], "Tokyo", "occurred"),
    ("Kenyan President William Ruto is on a visit to Japan.", "Visit", ["William Ruto"], "Japan", "occurred"),
    ("Kenyan President William Ruto paid a visit to Tokyo on Monday.", "Visit", ["William Ruto"], "Tokyo",
     "occurred"),
    ("Japanese Prime Minister Fumio Kishida received Kenyan President William Ruto in Tokyo on Monday.", "Visit",
     ["William Ruto"], "Tokyo", "occurred"),
    ("Japanese Prime Minister Fumio Kishida welcomed Kenyan President William Ruto to Tokyo on Monday.", "Visit",
     ["William Ruto"], "Tokyo", "occurred"),
    ("Kenyan President William Ruto began his trip to Japan on Monday.", "Visit", ["William Ruto"], "Japan",
     "occurred"),
    ("Kenyan President William Ruto arrived in Tokyo on Monday for a state visit.", "Visit", ["William Ruto"],
     "Tokyo", "occurred"),
    ("Kenyan President William Ruto is in Tokyo for talks with Japanese Prime Minister Fumio Kishida.", "Visit",
     ["William Ruto"], "Tokyo", "occurred"),
    ("A Kenyan delegation led by Foreign Minister Musalia Mudavadi arrived in Tokyo on Monday.", "Visit",
     ["Musalia Mudavadi"], "Tokyo", "occurred"),
    # --- meetings
    ("Kenyan President William Ruto discussed trade with Japanese Prime Minister Fumio Kishida in Tokyo.",
     "Meeting", ["Fumio Kishida", "William Ruto"], "Tokyo", "occurred"),
    ("Kenyan President William Ruto met Japanese Prime Minister Fumio Kishida on the sidelines of the G20 summit.",
     "Meeting", ["Fumio Kishida", "William Ruto"], None, "occurred"),
    ("Kenyan President William Ruto and Japanese Prime Minister Fumio Kishida met in Tokyo on Monday.",
     "Meeting", ["Fumio Kishida", "William Ruto"], "Tokyo", "occurred"),
    ("A summit between Kenyan President William Ruto and Japanese Prime Minister Fumio Kishida took place in "
     "Tokyo.", "Meeting", ["Fumio Kishida", "William Ruto"], "Tokyo", "occurred"),
    ("Kenyan President William Ruto spoke by phone with Japanese Prime Minister Fumio Kishida on Monday.",
     "Meeting", ["Fumio Kishida", "William Ruto"], None, "occurred"),
    ("Kenyan President William Ruto plans to meet Japanese Prime Minister Fumio Kishida next month.", "Meeting",
     ["Fumio Kishida", "William Ruto"], None, "planned"),
    ("A possible summit between Kenyan President William Ruto and Japanese Prime Minister Fumio Kishida was "
     "discussed.", "Meeting", ["Fumio Kishida", "William Ruto"], None, "planned"),
    # --- agreements
    ("Kenya and Japan inked a trade deal on Monday.", "Agreement", ["Japan", "Kenya"], None, "signed"),
    ("Kenya concluded a defence pact with Japan on Monday.", "Agreement", ["Japan", "Kenya"], None, "signed"),
    ("Kenya and Japan initialled a memorandum of understanding on fisheries.", "Agreement", ["Japan", "Kenya"],
     None, "signed"),
    ("Kenya and Japan agreed a ceasefire on Monday.", "Agreement", ["Japan", "Kenya"], None, "signed"),
    ("Kenya and Japan will sign a treaty on fisheries next month.", "Agreement", ["Japan", "Kenya"], None,
     "planned"),
    # --- modality
    ("Kenyan President William Ruto accepted an invitation to visit Tokyo.", "Visit", ["William Ruto"], "Tokyo",
     "invited"),
    ("Kenyan President William Ruto cancelled his visit to Tokyo.", "Visit", ["William Ruto"], "Tokyo",
     "cancelled"),
    ("Officials said Kenyan President William Ruto will visit Tokyo next week.", "Visit", ["William Ruto"],
     "Tokyo", "planned"),
]


@pytest.mark.parametrize("text,kind,who,place,status", CASES, ids=[c[0][:60] for c in CASES])
def test_construction(text, kind, who, place, status):
    found = [e for e in events(text, published=PUB) if e.type == kind]
    assert found, f"no {kind}"
    e = next((e for e in found if set(who) <= set(names(e.agents))), None)
    assert e is not None, [names(x.agents) for x in found]
    if place is not None:
        assert e.place is not None and e.place.label == place
    assert e.status == status


@pytest.mark.parametrize("text", [
    "Kenyan President William Ruto did not visit Tokyo.",
    "Kenyan President William Ruto signed an executive order on fisheries.",
    "Kenyan President William Ruto signed a decree on tariffs.",
    "Kenya imposed sanctions on Japan.",
    "Kenyan President William Ruto signed the fisheries law passed by parliament.",
])
def test_not_an_event(text):
    assert not [e for e in events(text, published=PUB) if e.type in ("Visit", "Agreement")]
