"""English date expressions to calendar dates, relative to the article's publication date.

Better no date than a wrong one. Whatever is vague ("recent weeks", "next week"), ambiguous
("next weekend" said on a Wednesday) or needs a publication date the article lacks gives None,
and the caller keeps the words. Without a publication date only words that state a year
("May 3, 2019", "June 2024", "in 2011") resolve.

The expression is normalised (lead words like "on"/"in" dropped, dashes unified) and then
matched whole against RULES, a table of regex -> resolver; the first pattern that matches decides.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Optional

from ..records import DateValue


@dataclass(frozen=True)
class DateRange:
    """A resolved expression; `end` only for ranges ("July 11-13") and weekends."""
    start: DateValue
    end: Optional[DateValue] = None


# --- vocabulary -----------------------------------------------------------------------------------

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_WORDS = "|".join(WEEKDAYS)


def _month(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_WORDS})\.?)"


def _weekday(name: str) -> str:
    return rf"(?P<{name}>{_WEEKDAY_WORDS})"


def _day(name: str) -> str:
    return rf"(?P<{name}>\d{{1,2}})(?:st|nd|rd|th)?"


YEAR_NUM = r"(?:1[89]|20)\d\d"
# ", 2018" / " of 2018" / " last year" after a month or a day
YEAR = rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_NUM})|,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)?"
SEP = r"\s*(?:-|to|through|till|until)\s*"
PART = r"(?P<part>early|late|mid|earlier|later|(?:the\s+)?(?:beginning|start|end|middle)\s+of)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
RELATIVE = {"last": -1, "this": 0, "next": 1}

# A past event dated a day or two after publication is still plausible (time zones, late filing).
SLACK_DAYS = 2
# "January 5" in a December story is next January; ten months away it is more likely a mistake.
OTHER_YEAR_DAYS = 150
OTHER_YEAR_MONTHS = 5


# --- values ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Ctx:
    text: str                 # the original words, kept on every DateValue
    pub: Optional[date]
    tense: Optional[str]      # "past", "future" or None
    lead: frozenset           # dropped lead words: "in May" is a date, "May" alone may be a verb


def _dv_day(d: date, ctx: _Ctx) -> DateValue:
    return DateValue(d.isoformat(), "day", ctx.text)


def _dv_month(y: int, m: int, ctx: _Ctx) -> DateValue:
    return DateValue(f"{y:04d}-{m:02d}", "month", ctx.text)


def _dv_year(y: int, ctx: _Ctx) -> DateValue:
    return DateValue(f"{y:04d}", "year", ctx.text)


def _month_no(word: Optional[str]) -> Optional[int]:
    """Month number of a matched month word; lower-case "may"/"march" are not taken as months."""
    if not word or not word[0].isupper():
        return None
    return MONTHS.get(word.lower().rstrip("."))


def _stated_year(m: re.Match, ctx: _Ctx) -> Optional[int]:
    """The year the words give: "2018", or "last year" counted from the publication year."""
    if m["y"]:
        return int(m["y"])
    if m["rel"] and ctx.pub:
        return ctx.pub.year + RELATIVE[m["rel"].lower()]
    return None


def _tense_allows(delta: int, tense: Optional[str], slack: int) -> bool:
    return not (tense == "past" and delta > slack or tense == "future" and delta < -slack)


def _year_for_day(mo: int, d: int, ctx: _Ctx) -> Optional[int]:
    """The year that puts month/day nearest publication on the side the tense says; another
    year than the publication's only when it is close (year-boundary cases)."""
    pub, best = ctx.pub, None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            delta = (date(y, mo, d) - pub).days
        except ValueError:
            continue
        if not _tense_allows(delta, ctx.tense, SLACK_DAYS):
            continue
        if y != pub.year and abs(delta) > OTHER_YEAR_DAYS:
            continue
        if best is None or abs(delta) < abs(best[1]):
            best = (y, delta)
    return best[0] if best else None


def _year_for_month(mo: int, ctx: _Ctx) -> Optional[int]:
    """As `_year_for_day`, counted in months; the publication month itself is past and future."""
    pub, best = ctx.pub, None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        delta = (y * 12 + mo) - (pub.year * 12 + pub.month)
        if not _tense_allows(delta, ctx.tense, 0):
            continue
        if y != pub.year and abs(delta) > OTHER_YEAR_MONTHS:
            continue
        if best is None or abs(delta) < abs(best[1]):
            best = (y, delta)
    return best[0] if best else None


def _weekday_date(wd: int, which: str, ctx: _Ctx) -> Optional[date]:
    """A weekday in the week around publication: "last"/"next" strictly before/after; bare
    ones the most recent (past or no tense, the same day counting: "met on Friday" in a Friday
    story is that day) or the coming one (future); "will visit on Friday" in a Friday story may be
    that day or a week on, so it has no date, unless the words keep it within the day ("later on
    Friday", "Friday evening")."""
    pub = ctx.pub
    back, ahead = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if which == "last":
        return pub - timedelta(days=back or 7)
    if which == "next":
        return pub + timedelta(days=ahead or 7)
    if ctx.tense == "future":   # "later on Wednesday", "Wednesday evening": within the day
        same_day = "later" in ctx.lead or re.search(r"(morning|afternoon|evening|night)$", ctx.text, re.I)
        return pub + timedelta(days=ahead) if ahead or same_day else None
    return pub - timedelta(days=back)


WHICH_WEEKDAY = {"last": "last", "past": "last", "this past": "last",
                 "next": "next", "coming": "next", "this coming": "next"}


# --- resolvers ------------------------------------------------------------------------------------

Resolver = Callable[[re.Match, _Ctx], Optional[DateRange]]


def r_iso(m, ctx):
    """2024-05-20."""
    return DateRange(_dv_day(date(int(m["y"]), int(m["mo"]), int(m["d"])), ctx))


def r_month_day(m, ctx):
    """"May 31", "31 May 2018", "July 11-13", "July 30-August 2", "11-13 July"."""
    mo1, mo2 = _month_no(m["m1"] or m["m2"]), _month_no(m["m2"] or m["m1"])
    if not mo1 or not mo2:
        return None
    d1, d2 = int(m["d1"]), m["d2"] and int(m["d2"])
    if m["y"] or m["rel"]:
        y = _stated_year(m, ctx)
        if d2 and mo2 < mo1:
            return None   # "December 30-January 2, 2025": which year the year belongs to is unclear
    else:
        y = _year_for_day(mo1, d1, ctx) if ctx.pub else None
    if y is None:
        return None
    start = date(y, mo1, d1)
    if not d2:
        return DateRange(_dv_day(start, ctx))
    end = date(y + (mo2 < mo1), mo2, d2)
    if not start < end <= start + timedelta(days=31):
        return None   # "July 13-11" is a typo, not a range
    return DateRange(_dv_day(start, ctx), _dv_day(end, ctx))


def r_month(m, ctx):
    """"June", "in June", "last June", "June 2024", "in late April", "mid-March"."""
    mo = _month_no(m["m1"])
    if not mo:
        return None
    which = (m["which"] or "").lower()
    if mo == 5 and not (which or m["part"] or m["y"] or m["rel"] or ctx.lead):
        return None   # a bare "May" is as likely the verb
    if m["y"] or m["rel"]:
        y = _stated_year(m, ctx)
    elif ctx.pub is None:
        return None
    elif which == "last":
        y = ctx.pub.year - (mo >= ctx.pub.month)
    elif which == "next":
        y = ctx.pub.year + (mo <= ctx.pub.month)
    elif which == "this":
        y = ctx.pub.year
    else:
        y = _year_for_month(mo, ctx)
    return DateRange(_dv_month(y, mo, ctx)) if y else None


def r_year(m, ctx):
    """"2009", "in 2011", "since 2009", "mid-2024", "the spring of 2019"."""
    return DateRange(_dv_year(int(m["y"]), ctx))


def r_year_span(m, ctx):
    """"2009-2011", "from 2015 to 2018"."""
    y1, y2 = int(m["y"]), int(m["y2"])
    return DateRange(_dv_year(y1, ctx), _dv_year(y2, ctx)) if y1 < y2 else None


def r_relative_year(m, ctx):
    """"last year", "earlier this year", "next year"."""
    return DateRange(_dv_year(ctx.pub.year + RELATIVE[m["which"].lower()], ctx))


def r_relative_month(m, ctx):
    """"last month", "earlier this month", "later this month", "next month"."""
    n = ctx.pub.year * 12 + ctx.pub.month - 1 + RELATIVE[m["which"].lower()]
    return DateRange(_dv_month(n // 12, n % 12 + 1, ctx))


def r_relative_week(m, ctx):
    """"last week", "earlier this week", "next week": the week's month when all its days share
    one, else its year when they share one; the day itself is unknown."""
    monday = ctx.pub - timedelta(days=ctx.pub.weekday()) + timedelta(weeks=RELATIVE[m["which"].lower()])
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DateRange(_dv_month(monday.year, monday.month, ctx))
    return DateRange(_dv_year(monday.year, ctx)) if monday.year == sunday.year else None


def r_deictic(m, ctx):
    """"today", "tonight", "yesterday", "tomorrow", "this morning", "last night"."""
    w = m[0].lower()
    offset = -1 if w.startswith(("yesterday", "last")) else 1 if w.startswith("tomorrow") else 0
    return DateRange(_dv_day(ctx.pub + timedelta(days=offset), ctx))


def r_days_ago(m, ctx):
    """"two days ago": exact in news; weeks ago are not."""
    n = SMALL_NUMBERS.get(m["n"].lower()) or int(m["n"])
    return DateRange(_dv_day(ctx.pub - timedelta(days=n), ctx))


def r_weekday(m, ctx):
    """"Tuesday", "on Tuesday", "last Tuesday", "next Tuesday", "Monday morning"."""
    which = WHICH_WEEKDAY.get((m["which"] or "").lower(), "")
    day = _weekday_date(WEEKDAYS[m["wd"].lower()], which, ctx)
    return DateRange(_dv_day(day, ctx)) if day is not None else None


def r_weekday_span(m, ctx):
    """"Tuesday to Thursday": the start as a weekday, the end the next such day after it."""
    wd1, wd2 = WEEKDAYS[m["wd"].lower()], WEEKDAYS[m["wd2"].lower()]
    if wd1 == wd2:
        return None
    which = WHICH_WEEKDAY.get((m["which"] or "").lower(), "")
    start = _weekday_date(wd1, which, ctx)
    if start is None:
        return None
    return DateRange(_dv_day(start, ctx), _dv_day(start + timedelta(days=(wd2 - wd1) % 7), ctx))


def r_dated_weekday(m, ctx):
    """"Tuesday, May 31": the date decides; a weekday that disagrees with it voids both."""
    r = _match(m["rest"], ctx)
    if r is None or r.start.precision != "day" or r.end is not None:
        return None
    return r if date.fromisoformat(r.start.iso).weekday() == WEEKDAYS[m["wd"].lower()] else None


def r_weekend(m, ctx):
    """Saturday-Sunday. "this weekend" is the current/coming one (or, in the past tense, the one
    just gone when published Sat-Mon); "next weekend" is only clear when said at a weekend;
    a bare "(over) the weekend" needs a tense."""
    pub, which = ctx.pub, (m["which"] or "").lower()
    wd = pub.weekday()
    current = pub + timedelta(days=5 - wd) if wd <= 5 else pub - timedelta(days=1)
    week = timedelta(days=7)
    if which in ("last", "past", "this past"):
        sat = current - week
    elif which in ("coming", "this coming"):
        sat = current
    elif which == "next":
        sat = current + week if wd >= 5 else None
    elif which == "this":
        if ctx.tense != "past" or wd >= 5:
            sat = current
        else:
            sat = current - week if wd == 0 else None
    elif ctx.tense == "past":
        sat = current if wd >= 5 else current - week
    elif ctx.tense == "future":
        sat = current
    else:
        sat = None
    return DateRange(_dv_day(sat, ctx), _dv_day(sat + timedelta(days=1), ctx)) if sat else None


_WHICH_WD = r"(?:(?P<which>this coming|this past|last|next|this|past|coming)\s+)?"

# pattern (matched against the whole normalised expression), resolver, needs a publication date
RULES: list[tuple[re.Pattern, Resolver, bool]] = [(re.compile(p, re.I), fn, anchored) for p, fn, anchored in [
    (r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})", r_iso, False),
    (rf"{_weekday('wd')},?\s+(?P<rest>(?:\d|{_MONTH_WORDS}).*)", r_dated_weekday, False),
    (rf"{_month('m1')}\s+{_day('d1')}(?:{SEP}(?:{_month('m2')}\s+)?{_day('d2')})?{YEAR}", r_month_day, False),
    (rf"{_day('d1')}(?:\s+(?:of\s+)?{_month('m1')})?(?:{SEP}{_day('d2')})?\s+(?:of\s+)?{_month('m2')}{YEAR}",
     r_month_day, False),
    (rf"(?:(?P<which>last|next|this)\s+)?(?:{PART}[-\s]+)?{_month('m1')}{YEAR}", r_month, False),
    (rf"(?P<y>{YEAR_NUM}){SEP}(?P<y2>{YEAR_NUM})", r_year_span, False),
    (rf"(?:(?:early|late|mid)[-\s]+|(?:the\s+)?{SEASON}\s+(?:of\s+)?)?(?P<y>{YEAR_NUM})", r_year, False),
    # "the first two months of 2025", "the last weeks of 2019": somewhere in that year
    (rf"(?:the\s+)?(?:first|last|early|final|closing|opening)\s+(?:\w+\s+)?(?:months?|weeks?|days?)\s+of\s+"
     rf"(?P<y>{YEAR_NUM})", r_year, False),
    (rf"(?:{PART}[-\s]+)?(?P<which>last|this|next)\s+year", r_relative_year, True),
    (rf"(?:{PART}[-\s]+)?(?P<which>last|this|next)\s+month", r_relative_month, True),
    (rf"(?:{PART}[-\s]+)?(?P<which>last|this|next)\s+week", r_relative_week, True),
    (r"today|tonight|yesterday|tomorrow|last night|(?:earlier|later) today|this (?:morning|afternoon|evening)"
     r"|(?:yesterday|tomorrow) (?:morning|afternoon|evening|night)", r_deictic, True),
    (r"(?P<n>an?|one|two|three|four|five|six|\d) days? ago", r_days_ago, True),
    (rf"{_WHICH_WD}{_weekday('wd')}{SEP}{_weekday('wd2')}", r_weekday_span, True),
    (rf"{_WHICH_WD}(?:(?:early|late)\s+)?{_weekday('wd')}{TIME_OF_DAY}", r_weekday, True),
    (r"(?:(?P<which>this coming|this past|this|next|last|past|coming)\s+)?weekend", r_weekend, True),
]]

_LEAD = re.compile(r"(on|in|during|since|from|over|at|of|the|between)\s+", re.I)
_WITHIN_DAY = re.compile(r"(?:later|earlier)\s+(?=(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)", re.I)


def _normalise(text: str) -> tuple[str, frozenset]:
    """Drop lead words ("on", "in the"), a possessive, trailing punctuation; unify dashes."""
    s = re.sub(r"\s+", " ", text.replace("’", "'").replace("–", "-").replace("—", "-")).strip(" ,.;:")
    s = re.sub(r"'s$", "", s)
    lead = set()
    if m := _WITHIN_DAY.match(s):   # "later on Thursday": that day, even the publication day ahead
        lead.add("later")
        s = s[m.end():]
    while m := _LEAD.match(s):
        lead.add(m[1].lower())
        s = s[m.end():]
    if "between" in lead:
        s = re.sub(r"\s+and\s+", " to ", s)   # "between July 11 and 13" is a range; "July 11 and 13" two days
    # "on 10 and 11 May": two days in a row are one event's two days; "July 11 and 13" stay two days
    s = re.sub(r"\b(\d{1,2}) and (\d{1,2})\b", lambda m: f"{m[1]}-{m[2]}" if int(m[2]) == int(m[1]) + 1 else m[0], s)
    return s, frozenset(lead)


def _match(core: str, ctx: _Ctx) -> Optional[DateRange]:
    for pattern, fn, anchored in RULES:
        m = pattern.fullmatch(core)
        if m:
            if anchored and ctx.pub is None:
                return None
            try:
                return fn(m, ctx)
            except (ValueError, OverflowError):   # "February 30", a year out of range
                return None
    return None


def resolve(text: str, published: Optional[date], tense: Optional[str] = None) -> Optional[DateRange]:
    """Resolve `text` ("on Tuesday", "July 11-13", "last month") against the publication date.

    tense: "past" (the event has happened), "future" (will / plans / expected) or None.
    Returns None when unsure; never guesses."""
    if isinstance(published, datetime):
        published = published.date()
    core, lead = _normalise(text)
    ctx = _Ctx(text.strip(), published, tense if tense in ("past", "future") else None, lead)
    return _match(core, ctx)


# --- anchored on the story ------------------------------------------------------------------------

ANAPHORIC_DAY = re.compile(r"(?:(?:earlier|later)\s+(?:in|on|that)\s+the\s+day|(?:earlier|later)\s+that\s+day"
                           r"|(?:on\s+)?(?:that|the\s+same)\s+day)", re.I)


def resolve_anaphoric(text: str, reference: Optional[DateValue]) -> Optional[DateRange]:
    """"earlier in the day", "later that day", "the same day": the day the story last dated."""
    if reference is None or reference.precision != "day" or not ANAPHORIC_DAY.fullmatch(text.strip(" ,.")):
        return None
    return DateRange(DateValue(reference.iso, "day", text.strip()))


DURATION = re.compile(r"(?:(?:more|less|fewer) than |about |some |nearly |almost )?"
                      r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)[-\s]"
                      r"(?:hours?|days?|weeks?|months?|years?)(?:[-\s]long)?", re.I)


def is_duration(text: str) -> bool:
    """"two-day", "eight hours", "three weeks": how long, not when."""
    return DURATION.fullmatch(text.strip()) is not None


def news_month(published: Optional[date]) -> Optional[DateValue]:
    """The publication month, for what a story reports as just happened; None in a month's first
    week, when the week before publication reaches into the previous month."""
    if published is None or published.day <= 7:
        return None
    return DateValue(f"{published.year:04d}-{published.month:02d}", "month", "")


# --- lexical forms -------------------------------------------------------------------------------

def interval(lexical: str) -> Optional[tuple[date, date]]:
    """The days an xsd:date / gYearMonth / gYear lexical form covers."""
    try:
        parts = [int(x) for x in lexical[:10].split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None
