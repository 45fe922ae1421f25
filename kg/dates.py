"""English date expressions to calendar dates, relative to the publication date.

Better no date than a wrong one: whatever is vague ("recent weeks", "next week") or needs a
publication date the article lacks gives None, and the caller keeps the words.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from .records import DateValue

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update({"sept": 9})
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class DateRange:
    start: DateValue
    end: Optional[DateValue] = None


def day(d: date, text: str) -> DateValue:
    return DateValue(d.isoformat(), "day", text)


def month(y: int, m: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month", text)


def year(y: int, text: str) -> DateValue:
    return DateValue(f"{y:04d}", "year", text)


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def pick_year(m: int, d: int, pub: date, tense: Optional[str]) -> Optional[int]:
    """The year that puts month/day nearest the publication date, on the side the tense says."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = date(y, m, d)
        except ValueError:
            continue
        delta = (cand - pub).days
        if tense == "past" and delta > 2:
            continue
        if tense == "future" and delta < -2:
            continue
        if best is None or abs(delta) < abs((best - pub).days):
            best = cand
    return best.year if best and abs((best - pub).days) <= 250 else None


def weekday(text: str, wd: int, pub: date, which: str, tense: Optional[str]) -> DateValue:
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if which == "last":
        d = pub - timedelta(days=back or 7)
    elif which == "next":
        d = pub + timedelta(days=ahead or 7)
    elif tense == "future":
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return day(d, text)


def _valid(y, m, d) -> bool:
    try:
        date(y, m, d)
        return True
    except ValueError:
        return False


# Each pattern is matched against the whole expression (lower-cased, "on"/"in" dropped).
Resolver = Callable[[re.Match, str, Optional[date], Optional[str]], Optional[DateRange]]
RULES: list[tuple[re.Pattern, Resolver]] = []


def rule(pattern: str):
    def register(fn: Resolver) -> Resolver:
        RULES.append((re.compile(pattern + r"$"), fn))
        return fn
    return register


@rule(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
def _iso(m, text, pub, tense):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return DateRange(day(date(y, mo, d), text)) if _valid(y, mo, d) else None


@rule(MONTH + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|through|until)\s*(?:" +
      MONTH.replace("month", "month2") + r"\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<y>\d{4}))?")
def _month_day(m, text, pub, tense):
    return _day_range(MONTHS[m["month"]], int(m["d1"]), m["month2"] and MONTHS[m["month2"]],
                      m["d2"] and int(m["d2"]), m["y"], text, pub, tense)


@rule(r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?\s+" + MONTH +
      r"(?:,?\s+(?P<y>\d{4}))?")
def _day_month(m, text, pub, tense):
    return _day_range(MONTHS[m["month"]], int(m["d1"]), None, m["d2"] and int(m["d2"]), m["y"], text, pub, tense)


def _day_range(mo, d1, mo2, d2, y, text, pub, tense):
    if y:
        yr = int(y)
    elif pub is not None:
        yr = pick_year(mo, d1, pub, tense)
    else:
        return None
    if yr is None or not _valid(yr, mo, d1):
        return None
    start = day(date(yr, mo, d1), text)
    if d2 is None:
        return DateRange(start)
    mo2 = mo2 or mo
    yr2 = yr + (1 if mo2 < mo else 0)
    if not _valid(yr2, mo2, d2) or date(yr2, mo2, d2) < date(yr, mo, d1):
        return None
    return DateRange(start, day(date(yr2, mo2, d2), text))


@rule(r"(?:(?P<which>last|next|this)\s+)?(?:(?:early|late|mid)[-\s]+)?" + MONTH + r"(?:,?\s+(?P<y>\d{4}))?")
def _month(m, text, pub, tense):
    mo = MONTHS[m["month"]]
    if m["month"] == "may" and not (m["y"] or m["which"] or text.lower().startswith(("in ", "early", "late", "mid"))):
        return None   # "may" is far more often a verb
    if m["y"]:
        return DateRange(month(int(m["y"]), mo, text))
    if pub is None:
        return None
    which = m["which"]
    if which == "last":
        y = pub.year if mo < pub.month else pub.year - 1
    elif which == "next":
        y = pub.year if mo > pub.month else pub.year + 1
    elif which == "this" or tense is None:
        y = pub.year if abs(mo - pub.month) <= 6 else (pub.year - 1 if mo > pub.month else pub.year + 1)
    elif tense == "past":
        y = pub.year if mo <= pub.month else pub.year - 1
    else:
        y = pub.year if mo >= pub.month else pub.year + 1
    return DateRange(month(y, mo, text))


@rule(r"(?:(?P<which>last|next|this|since|by|until)\s+)?(?P<y>(?:19|20)\d{2})")
def _year(m, text, pub, tense):
    return DateRange(year(int(m["y"]), text))


@rule(r"(?P<which>last|next|this|past|coming)?\s*" + WEEKDAY + PART_OF_DAY)
def _weekday(m, text, pub, tense):
    if pub is None:
        return None
    which = {"past": "last", "coming": "next"}.get(m["which"], m["which"])
    return DateRange(weekday(text, WEEKDAYS[m["weekday"]], pub, which or "", tense))


@rule(r"(?P<w>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))")
def _deictic(m, text, pub, tense):
    if pub is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(m["w"], 0)
    return DateRange(day(pub + timedelta(days=offset), text))


@rule(r"(?:(?:earlier|later) )?(?P<which>last|next|this|earlier this|later this) month")
def _rel_month(m, text, pub, tense):
    if pub is None:
        return None
    k = {"last": -1, "next": 1}.get(m["which"].split()[0], 0)
    y, mo = shift_month(pub.year, pub.month, k)
    return DateRange(month(y, mo, text))


@rule(r"(?:(?:earlier|later) )?(?P<which>last|next|this|earlier this|later this) year")
def _rel_year(m, text, pub, tense):
    if pub is None:
        return None
    k = {"last": -1, "next": 1}.get(m["which"].split()[0], 0)
    return DateRange(year(pub.year + k, text))


@rule(r"(?P<which>this|next|last) weekend")
def _weekend(m, text, pub, tense):
    if pub is None:
        return None
    sat = pub + timedelta(days=(5 - pub.weekday()) % 7)
    if pub.weekday() == 6:
        sat = pub - timedelta(days=1)
    sat += timedelta(days={"this": 0, "next": 7, "last": -7}[m["which"]])
    return DateRange(day(sat, text), day(sat + timedelta(days=1), text))


def resolve(text: str, published: Optional[date], tense: Optional[str] = None) -> Optional[DateRange]:
    """Resolve `text` ("on Tuesday", "July 11-13", "last month") or None when unsure."""
    norm = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    norm = re.sub(r"^(on|in|during|from|of|by the end of|the|at|for) ", "", norm).strip(" ,.")
    norm = re.sub(r"^(the )?(early|late|mid)(-| )", r"\2 ", norm) if re.match(r"^(the )?(early|late|mid)", norm) else norm
    for pattern, fn in RULES:
        m = pattern.match(norm)
        if m:
            try:
                return fn(m, text.strip(), published, tense)
            except (ValueError, OverflowError):
                return None
    return None


DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{2,40}),?\s*(?:(?P<date>(?:" + "|".join(
        m.title() for m in MONTHS if len(m) > 2) + r")\.? \d{1,2}(?:, \d{4})?)\s*)?\((?P<agency>[A-Za-z .]+)\)\s*[-–—]")


def find_dateline(text: str) -> Optional[tuple[str, int, int]]:
    """'PYONGYANG, May 31 (TASS) -': its date words (or "") and offsets, else None."""
    m = DATELINE.search(text)
    if not m:
        return None
    return (m["date"] or "", m.start(), m.end())
