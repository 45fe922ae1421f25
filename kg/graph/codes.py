"""CAMEO and PLOVER codes for events, and rule confidences for mentions, read from data files.

Other event data sets (GDELT, ICEWS, POLECAT) speak CAMEO or PLOVER, so each event carries the
codes `kg/data/codes.json` gives its class, status and mode; each mention carries the precision
its rule had on the dev set (`kg/data/rules/confidence.json`, made by tools/rule_precision.py).
The mappings are data, so changing a code never means changing code.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..paths import DATA_DIR, read_json

CODES_FILE = DATA_DIR / "codes.json"
CONFIDENCE_FILE = DATA_DIR / "rules" / "confidence.json"


@lru_cache(maxsize=None)
def _codes() -> tuple[dict, ...]:
    return tuple(read_json(CODES_FILE).get("events") or ())


def event_codes(kind: str, status: str, mode: Optional[str] = None, setting: Optional[str] = None) -> dict[str, str]:
    """{"cameo": ..., "plover": ..., "ploverMode": ...} (only those stated) of the first entry that
    fits an event of this class ("Visit"), status ("occurred"), mode ("phone") and, for an
    in-person meeting, setting ("third-party", see merge.meeting_setting); {} when none."""
    for e in _codes():
        if e.get("type") not in (None, kind) or status not in e.get("status", [status]):
            continue
        if ("mode" in e and mode not in e["mode"]) or ("setting" in e and setting not in e["setting"]):
            continue
        return {k: e[k] for k in ("cameo", "plover", "ploverMode") if e.get(k)}
    return {}


@lru_cache(maxsize=None)
def _confidence() -> tuple[dict, float]:
    data = read_json(CONFIDENCE_FILE)
    return data.get("rules") or {}, float(data.get("default", 0.5))


def confidence(rule: str) -> float:
    """The precision a rule's mentions had on the dev set (smoothed); the default for a rule the
    dev set never fired, or a mention without a rule."""
    rules, default = _confidence()
    hit = rules.get(rule or "")
    return float(hit["precision"]) if hit else default
