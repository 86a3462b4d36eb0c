"""dates: every time expression of the article, typed and normalised TimeML-style against the publication date.

Recognition has two sources. The project's own patterns (``RULES`` below, one regular expression per kind of
expression) find what news writes: "Aug. 9", "09 August", "26 August 2020", "the early hours of last Wednesday",
"late last month", "since 2014", "in the 1990s", "Wednesday evening", durations and sets. The model's DATE/TIME
entities add what the patterns miss; they are trimmed (prepositions and possessives are not part of a time
expression) and dropped when they are not times at all (the small model labels ages such as "44" or
"6-year-old" as DATE). Where both find something, the pattern's span wins, because the patterns know where a
time expression starts and ends (TimeML spans: "the third quarter", "last week", no "on" or "since").

Normalisation turns each expression into a value and a granularity:

    2020-08-26 day    2020-W34 week    2020-08 month    2020-Q3 quarter    2020-SU season    2020-H1 half
    2014 year         199X decade      19XX century     2020-08-26TEV time (part of day)     P2W duration
    PRESENT_REF / PAST_REF / FUTURE_REF for "now", "recently", "the future" (TimeML's vague references)

Relative expressions count from ``article.published``; each relative rule is a small named function below,
tested on its own (tests/test_dates.py). When the publication date is unknown they stay unresolved with the
reason "no publication date", never guessed; absolute expressions still resolve. Expressions that count from
another date of the text ("a year earlier", "the next day") use the last resolved date before them
(resolution ``relative_date``).

Weekday names follow news usage: the most recent such day on or before the publication date ("on Thursday" in
a Thursday story is that day); the next such day with "next"/"this coming" (strictly after), or on or after the
publication date when the governing verb is future (will/shall/would), planned ("is to resume Monday", "planned
to leave on Thursday", "postponed until Tuesday") or a deadline word precedes ("until", "by", "as early as",
FUTURE_CUE); "last Wednesday" is the previous ISO week's Wednesday when the paragraph or the sentence before says
"last week", "a week ago" or "over a week", else the most recent Wednesday before the publication day. A month
and day without a year takes the nearest such date, on or before the publication date when the verb is past,
after it when future or a deadline word precedes, as long as the tense does not carry it further than
TENSE_REACH_DAYS; so an article of 3 January that mentions "Dec. 28" means the previous year. Dates are not
made from dateparser: the patterns cover the absolute forms news uses and every relative reading is a rule here.

Numeric dates like 03/04/2020 are read month/day (US news convention) unless one number is above 12, or the
article reads day-first: its source URL has a non-US country domain, or its own text writes dates day-first
("26 August 2020") and never month-first. The reading is stated in the expression's ``reason``.

The event coder dates a clause with :func:`date_for_span`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from eventwire.model import Article, TimeExpr
from eventwire.stages.base import Stage, StageContext, register
from eventwire.stages.spans import mention

# --------------------------------------------------------------------------------------------------------------
# Vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# The first month of each season (meteorological seasons; winter starts in December and runs into the next year).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
# Words without which a model entity is not a time expression (it is dropped, not kept unresolved).
TIME_WORDS = {
    *MONTHS, *WEEKDAYS, *SEASONS, *UNIT_CODES, "days", "weeks", "months", "years", "decades", "centuries",
    "hours", "minutes", "today", "yesterday", "tomorrow", "tonight", "now", "morning", "afternoon", "evening",
    "night", "noon", "midnight", "weekend", "dawn", "dusk", "period", "season", "time", "era", "age", "christmas",
    "easter", "thanksgiving", "ramadan", "holiday", "holidays", "eve", "fiscal",
}  # fmt: skip

NO_PUBLICATION = "no publication date"
NO_REFERENCE = "no earlier date in the text to count from"

# Verbs whose infinitive complement (or passive) points to the future: "planned to leave", "is set to resume",
# "is scheduled for Monday", "is due Monday".
FUTURE_HEADS = {
    "plan", "schedule", "set", "expect", "due", "intend", "aim", "prepare", "go", "promise", "vow", "threaten",
    "agree", "hope", "be", "likely", "poise", "slate", "book",
}  # fmt: skip
MODALS = {"will", "'ll", "shall", "wo", "would", "could", "might", "may", "should", "can", "ca", "must", "'d"}
# Only these make the verb future; "could", "might", "must"... say nothing about the time ("could not be located
# Wednesday" is past).
FUTURE_MODALS = {"will", "'ll", "shall", "wo", "would"}
# Present-tense verbs that report what is known now ("says Friday"): they do not make a weekday future.
PRESENT_NOT_FUTURE = {
    "say",
    "tell",
    "report",
    "announce",
    "state",
    "claim",
    "add",
    "note",
    "show",
    "insist",
    "deny",
    "confirm",
    "be",
    "have",
    "remain",
    "continue",
    "know",
    "believe",
    "think",
    "appear",
}
# How far the tense may carry a month and day (or a month) away from the publication date; beyond it the nearest
# reading wins. Wire style writes the year of dates more than a few months away, and the sm parser misreads tense
# ("has set Nov. 10 as the deadline" is past, the date is not): 240 days kept every past-tense date of
# TimeBank/AQUAINT that the gold puts in the past and sent the 10-12-month-back misreadings to the near future.
TENSE_REACH_DAYS = 240
TENSE_REACH_MONTHS = 8
# Words just before a date that put it in the future whatever the tense: deadlines, payment and start dates.
FUTURE_CUE = re.compile(
    r"\b(?:by|until|till|through|to|payable|effective|due|expires?|expiring|(?:scheduled|set|slated|planned)\s+for"
    r"|starting|as\s+(?:soon|early)\s+as|no\s+later\s+than)\s+(?:on\s+)?$",
    re.I,
)
# Verbs whose object or complement is a plan: "scheduled a news conference Thursday", "postponed until Tuesday".
PLANNING_VERBS = {"plan", "schedule", "slate", "postpone", "delay", "defer", "reschedule", "adjourn"}
TENSE_CLIMB_STEPS = 4  # how far up the parse tree to look for the verb that governs an expression; 4 reaches
# the verb from "the early hours of last Wednesday" (Wednesday -> of -> hours -> in -> verb) in news sentences.

# --------------------------------------------------------------------------------------------------------------
# Regular-expression building blocks (months, weekdays and years are case sensitive: "may", "march", "sun")

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)(?!\d)"
YEAR = r"(?<![\d,.$#])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
PART = r"(?i:morning|afternoon|evening|night)"
NUMWORD = (
    r"(?:\d+(?:\.\d+)?|a couple of|couple of|a dozen|a few|a half|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|hundred|several|few|many|some|a|an)"
)
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))s?(?![A-Za-z])"
APPROX = (
    r"(?:(?:about|almost|nearly|more than|less than|just over|just under|a little over|a little more than|over"
    r"|under|at least|up to|roughly|around|only|barely|fewer than|some|the)\s+)?"
)
MODIFIER = (
    r"(?:(?:the\s+)?(?:early\s+hours\s+of|beginning\s+of|start\s+of|middle\s+of|end\s+of|rest\s+of)"
    r"|early|mid|late)"
)
# Words after which a number or a month name reads as a time ("in May", "since 2014", "by Friday").
TIME_PREPOSITIONS = (
    "in", "since", "by", "until", "till", "from", "to", "before", "after", "during", "of", "through", "between",
    "and", "or",
)
# Before a four-digit number: a time preposition, or a month or season word ("in 2014", "May 2014").
PREPOSITION_CUES = (
    *TIME_PREPOSITIONS,
    "around", "circa", "early", "late", "mid", "fiscal", "year", "spring", "summer", "autumn", "winter", "fall",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)
YEAR_CUES = frozenset(c.lower() for c in PREPOSITION_CUES)
# Before a bare month name or similar word: a time preposition, or a determiner of time ("last May").
BARE_CUES = frozenset({*TIME_PREPOSITIONS, "last", "next", "early", "late", "mid-", "this", "that", "each", "every"})


# --------------------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Norm:
    """The normalised reading of one expression (what becomes a TimeExpr, without the text and mention)."""

    value: str | None
    granularity: str | None
    type: str = "DATE"
    resolution: str = "absolute"
    reason: str = ""


class Unresolved(Exception):
    """Raised by a rule that cannot give a value; the expression is kept with value None and this reason."""

    def __init__(self, reason: str, granularity: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.granularity = granularity


@dataclass
class TimeContext:
    """What a rule may look at besides the expression: the publication date, the tense of the governing verb,
    the text around it (for "last week" cues), the last resolved date before it, the numeric date convention."""

    anchor: dt.date | None
    tense: str = "unknown"  # past, present, future, unknown
    cue_text: str = ""  # the paragraph and the sentence before the expression
    before: str = ""  # the few words just before the expression
    reference: str | None = None  # the last resolved value before the expression (for "a year earlier")
    day_first: bool = False

    def need_anchor(self, granularity: str | None = None) -> dt.date:
        """The publication date, or raise: relative expressions are never guessed."""
        if self.anchor is None:
            raise Unresolved(NO_PUBLICATION, granularity)
        return self.anchor


# --------------------------------------------------------------------------------------------------------------
# Value formats


def day_value(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    """The ISO week that holds a day, TimeML style: ``2020-W35``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def decade_value(year: int) -> str:
    """TimeML decade: the 1990s are ``199X``."""
    return f"{year // 10:03d}X"


def century_value(ordinal: int) -> str:
    """TimeML century: the 20th century is ``19XX``."""
    return f"{ordinal - 1:02d}XX"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------------------
# Relative rules: each one a small pure function of the publication date (tested one by one)


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The most recent such weekday on or before the anchor ("on Thursday" in a Thursday story is that day)."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_before(anchor: dt.date, weekday: int) -> dt.date:
    """The most recent such weekday strictly before the anchor (plain "last Wednesday", "this past Friday")."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    """The next such weekday, the anchor included (future tense: "will meet on Thursday" in a Thursday story)."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The next such weekday strictly after the anchor ("next Tuesday", "this coming Sunday")."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def weekday_of_previous_week(anchor: dt.date, weekday: int) -> dt.date:
    """That weekday in the ISO week before the anchor's ("last Wednesday" when the context says "last week")."""
    monday = anchor - dt.timedelta(days=anchor.weekday() + 7)
    return monday + dt.timedelta(days=weekday)


LAST_WEEK_CUE = re.compile(
    r"\b(?:last week|a week ago|over a week|a week earlier|the previous week|the week before|past week)\b", re.I
)


def resolve_weekday(anchor: dt.date, weekday: int, relation: str, tense: str, cue_text: str) -> tuple[dt.date, str]:
    """The day a weekday name means, and the name of the rule that decided it.

    ``relation`` is the word before the weekday: "" (none), "last", "next", "this", "coming", "past"."""
    if relation in ("next", "coming"):
        return weekday_after(anchor, weekday), "next weekday"
    if relation == "last":
        if LAST_WEEK_CUE.search(cue_text):
            return weekday_of_previous_week(anchor, weekday), "last weekday, previous week (context says last week)"
        return weekday_before(anchor, weekday), "last weekday"
    if relation == "past":
        return weekday_before(anchor, weekday), "this past weekday"
    if tense == "future":
        return weekday_on_or_after(anchor, weekday), "weekday, future tense"
    return weekday_on_or_before(anchor, weekday), "weekday on or before publication"


def relative_day(anchor: dt.date, word: str) -> dt.date:
    """yesterday, today, tonight, tomorrow, the day before yesterday, the day after tomorrow."""
    offsets = {
        "yesterday": -1,
        "today": 0,
        "tonight": 0,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "last night": -1,
        "this": 0,
    }
    return anchor + dt.timedelta(days=offsets[word])


def relative_week(anchor: dt.date, offset: int) -> str:
    """ "last week" is the previous ISO week, "this week" the anchor's, "next week" the following one."""
    return week_value(anchor + dt.timedelta(weeks=offset))


def relative_weekend(anchor: dt.date, offset: int, tense: str) -> str:
    """A weekend: "this weekend"/"the weekend" is the coming one in the future tense, else the most recent one
    (a Monday story's "the weekend" is the one just past); "last weekend" the one before the anchor's week."""
    if offset == 0:
        if tense == "future" or anchor.weekday() >= 5:
            return week_value(anchor) + "-WE"
        return week_value(anchor - dt.timedelta(weeks=1)) + "-WE"
    return week_value(anchor + dt.timedelta(weeks=offset)) + "-WE"


def relative_month(anchor: dt.date, offset: int) -> str:
    """ "last month" is the calendar month before the anchor's ("late last month" too: the modifier does not move
    it), "this month"/"earlier this month" the anchor's, "next month" the one after."""
    return month_value(*add_months(anchor.year, anchor.month, offset))


def relative_quarter(anchor: dt.date, offset: int) -> str:
    index = anchor.year * 4 + quarter_of(anchor) - 1 + offset
    return f"{index // 4}-Q{index % 4 + 1}"


def relative_year(anchor: dt.date, offset: int) -> str:
    """ "last year", "this year", "earlier this year", "next year"."""
    return f"{anchor.year + offset:04d}"


def direction_of(tense: str) -> str:
    """The direction in which a date without a year is looked for: past, future, or nearest (either way)."""
    return {"past": "past", "future": "future"}.get(tense, "nearest")


def nearest_month_day(
    anchor: dt.date, month: int, day: int, direction: str, weekday: int | None = None
) -> dt.date | None:
    """A month and day without a year: the nearest such date; on or before the anchor when ``direction`` is past,
    on or after it when future, as long as that date is within TENSE_REACH_DAYS (else the nearest: wire style
    writes the year of dates further away, and a wrongly read tense must not throw a date a year off). Year
    rollover follows: 3 January with "Dec. 28" is the previous year's. A weekday given with the date
    ("Saturday, April 25") picks the year where they agree. 29 February only exists in leap years."""
    options = [d for y in range(anchor.year - 4, anchor.year + 5) if (d := safe_date(y, month, day)) is not None]
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]
    if not options:
        return None
    nearest = min(options, key=lambda d: (abs((d - anchor).days), d > anchor))
    if direction == "past":
        past = [d for d in options if d <= anchor]
        if past and (anchor - max(past)).days <= TENSE_REACH_DAYS:
            return max(past)
    elif direction == "future":
        future = [d for d in options if d >= anchor]
        if future and (min(future) - anchor).days <= TENSE_REACH_DAYS:
            return min(future)
    return nearest


def nearest_month(anchor: dt.date, month: int, direction: str, relation: str = "") -> str:
    """A month name without a year: "last August" is the most recent August before the anchor's month, "next
    August" the first after it, "this August" the anchor year's; a bare month goes by the tense (within
    TENSE_REACH_MONTHS, as for days), else the nearest."""
    here = anchor.year * 12 + anchor.month - 1
    candidates = [y * 12 + month - 1 for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    index = min(candidates, key=lambda c: (abs(c - here), c > here))
    if relation == "last" or relation == "past":
        index = max(c for c in candidates if c < here)
    elif relation in ("next", "coming"):
        index = min(c for c in candidates if c > here)
    elif relation == "this":
        index = anchor.year * 12 + month - 1
    elif direction == "past":
        past = max(c for c in candidates if c <= here)
        index = past if here - past <= TENSE_REACH_MONTHS else index
    elif direction == "future":
        future = min(c for c in candidates if c >= here)
        index = future if future - here <= TENSE_REACH_MONTHS else index
    return month_value(index // 12, index % 12 + 1)


def nearest_quarter(anchor: dt.date, quarter: int, direction: str) -> str:
    """A quarter without a year ("the third quarter"): the publication year's (companies report a quarter after
    it ends and forecast the rest of the year), except a quarter that has not begun yet in the past tense, which
    is the previous year's ("fourth-quarter sales rose" in a May story)."""
    year = anchor.year
    if quarter > quarter_of(anchor) and direction == "past":
        year -= 1
    return f"{year}-Q{quarter}"


def season_index(d: dt.date) -> int:
    """A running index of seasons (four a year), winter counted in the year of its December."""
    shifted_year, shifted_month = add_months(d.year, d.month, -2)  # March -> 1st month of the season year
    return shifted_year * 4 + (shifted_month - 1) // 3


def season_value(anchor: dt.date, season: str, relation: str, direction: str) -> str:
    """A season: "this summer" and a bare "summer" are the anchor year's (by the tense when that season is not the
    current one), "last summer" the most recent one that is over, "next summer" the first one still to come."""
    order = ["SP", "SU", "FA", "WI"]
    here = season_index(anchor)
    candidates = [y * 4 + order.index(season) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
    if relation in ("last", "past"):
        index = max(c for c in candidates if c < here)
    elif relation in ("next", "coming"):
        index = min(c for c in candidates if c > here)
    elif here in candidates:
        index = here
    elif relation == "this":
        index = anchor.year * 4 + order.index(season)
    elif direction == "past":
        index = max(c for c in candidates if c < here)
    elif direction == "future":
        index = min(c for c in candidates if c > here)
    else:
        index = anchor.year * 4 + order.index(season)
    return f"{index // 4}-{order[index % 4]}"


def shift_value(value: str, n: int, unit: str) -> str | None:
    """A value moved by ``n`` units, keeping its granularity ("a year earlier" than 1989-Q3 is 1988-Q3); None when
    the unit is finer than the value (two days after "1990" is not a date)."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T\w+)?", value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        if unit == "day":
            return day_value(d + dt.timedelta(days=n))
        if unit == "week":
            return day_value(d + dt.timedelta(weeks=n))
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
        if months is None:
            return None
        y, mo = add_months(d.year, d.month, n * months)
        return day_value(safe_date(y, mo, d.day) or safe_date(y, mo, 28) or d)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if unit == "week":
            return week_value(monday + dt.timedelta(weeks=n))
        if unit == "year":
            return f"{int(m[1]) + n}-W{m[2]}"
        return None
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
        return month_value(*add_months(int(m[1]), int(m[2]), n * months)) if months else None
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        quarters = {"quarter": 1, "year": 4, "decade": 40}.get(unit)
        if quarters is None:
            return None
        index = int(m[1]) * 4 + int(m[2]) - 1 + n * quarters
        return f"{index // 4}-Q{index % 4 + 1}"
    if m := re.fullmatch(r"(\d{4})(-(?:SP|SU|FA|WI|H1|H2))?", value):
        years = {"year": 1, "decade": 10}.get(unit)
        return f"{int(m[1]) + n * years}{m[2] or ''}" if years else None
    return None


def truncate_value(value: str, unit: str) -> str | None:
    """A value cut to a coarser unit (2020-08-26 to the week 2020-W35, the month 2020-08, the year 2020); None
    when the value is coarser than the unit."""
    gran = granularity_of(value)
    if gran is None:
        return None
    if gran == unit or (unit == "day" and gran == "time"):
        return value[:10] if unit == "day" else value
    if gran in ("day", "time"):
        d = dt.date.fromisoformat(value[:10])
        return {
            "week": week_value(d),
            "month": value[:7],
            "quarter": f"{d.year}-Q{quarter_of(d)}",
            "year": value[:4],
        }.get(unit)
    if unit == "year" and gran in ("week", "month", "quarter", "half", "season"):
        return value[:4]
    if unit == "quarter" and gran == "month":
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    return None


def granularity_of(value: str) -> str | None:
    """The granularity a value is written at."""
    for pattern, name in GRANULARITY_PATTERNS:
        if pattern.fullmatch(value):
            return name
    return None


GRANULARITY_PATTERNS = [
    (re.compile(r"\d{4}-\d\d-\d\dT[\w:]+"), "time"),
    (re.compile(r"\d{4}-\d\d-\d\d"), "day"),
    (re.compile(r"\d{4}-W\d\d(-WE)?"), "week"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-H\d"), "half"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}X"), "decade"),
    (re.compile(r"\d\dXX"), "century"),
]


def ago_value(anchor: dt.date, n: int, unit: str) -> str:
    """ "three days ago" is a day, "two weeks ago" a week, "six months ago" a month, "two years ago" a year."""
    if unit in TIME_UNITS or unit == "day":
        return day_value(anchor - dt.timedelta(days=n if unit == "day" else 0))
    if unit in ("week", "fortnight"):
        return week_value(anchor - dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        return month_value(*add_months(anchor.year, anchor.month, -n))
    if unit == "quarter":
        return relative_quarter(anchor, -n)
    if unit == "decade":
        return decade_value(anchor.year - 10 * n)
    if unit == "century":
        return century_value((anchor.year - 100 * n) // 100 + 1)
    return f"{anchor.year - n:04d}"


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration: ``P2W``, ``P3D``, ``PT5H``; an unknown number gives ``PXW`` ("several weeks")."""
    code = UNIT_CODES[unit]
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "decade":
        return f"P{'X' if n is None else int(n * 10)}Y" if n is None or float(n * 10).is_integer() else "PXY"
    if unit == "century":
        return f"P{'X' if n is None else int(n * 100)}Y"
    if unit == "fortnight":
        return f"P{'X' if n is None else int(n * 2)}W"
    if unit == "quarter":
        return f"P{'X' if n is None else int(n * 3)}M"
    return f"PT{amount}{code}" if unit in TIME_UNITS else f"P{amount}{code}"


def numeric_date(first: int, second: int, year: int, day_first: bool) -> tuple[dt.date, str]:
    """An all-numeric date such as 03/04/2020, read month/day (US) unless a number above 12 or the article's
    convention (``day_first``) says day/month. Raises Unresolved when neither reading is a date."""
    if first > 12 and second <= 12:
        order = "day/month (first number above 12)"
        d = safe_date(year, second, first)
    elif second > 12 and first <= 12:
        order = "month/day (second number above 12)"
        d = safe_date(year, first, second)
    elif first <= 12 and second <= 12:
        if first == second:
            order = "day and month are the same"
            d = safe_date(year, first, second)
        elif day_first:
            order = "ambiguous, read day/month (the article writes dates day first)"
            d = safe_date(year, second, first)
        else:
            order = "ambiguous, read month/day (US convention)"
            d = safe_date(year, first, second)
    else:
        d = None
        order = ""
    if d is None:
        raise Unresolved(f"{first}/{second}/{year} is not a valid date", "day")
    return d, order


def expand_year(two_digits: int, anchor: dt.date | None) -> int:
    """A two-digit year: the one in the century that puts it at most 20 years after the anchor (1900s without one)."""
    base = anchor.year if anchor else 1999
    year = (base // 100) * 100 + two_digits
    if year > base + 20:
        year -= 100
    return year


# --------------------------------------------------------------------------------------------------------------
# Recognition patterns and their handlers


Handler = Callable[[re.Match[str], TimeContext], Norm]


@dataclass(frozen=True)
class Rule:
    """One pattern of time expression: the regex that finds it, the handler that normalises it, and an optional
    filter that rejects matches in the wrong context (bare "May" without a preposition before it)."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    accept: Callable[[re.Match[str], str], bool] | None = None


def _number(word: str) -> float | None:
    word = word.lower().strip()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None  # several, a few, many, some


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


def _relation(word: str | None) -> str:
    """The relation word before a weekday, month or season, reduced to last/next/this/coming/past."""
    if not word:
        return ""
    w = " ".join(word.lower().split())
    return {
        "this coming": "coming",
        "this past": "past",
        "the coming": "coming",
        "the past": "past",
        "the previous": "last",
        "previous": "last",
        "the last": "last",
        "the next": "next",
        "the following": "next",
        "following": "next",
        "the current": "this",
        "current": "this",
    }.get(w, w)


def _relative(norm_value: str, granularity: str | None, reason: str, type_: str = "DATE") -> Norm:
    return Norm(norm_value, granularity, type_, "relative_publication", reason)


def h_iso(m: re.Match[str], ctx: TimeContext) -> Norm:
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        raise Unresolved(f"{m[0]} is not a valid date", "day")
    return Norm(day_value(d), "day", reason="ISO date")


def h_numeric(m: re.Match[str], ctx: TimeContext) -> Norm:
    year = int(m["y"]) if len(m["y"]) == 4 else expand_year(int(m["y"]), ctx.anchor)
    if m["sep"] == ".":  # 26.08.2020 is written day first everywhere it is used
        d, order = numeric_date(int(m["a"]), int(m["b"]), year, True)
    else:
        d, order = numeric_date(int(m["a"]), int(m["b"]), year, ctx.day_first)
    return Norm(day_value(d), "day", reason=f"numeric date, {order}")


@dataclass(frozen=True)
class DayReading:
    value_date: dt.date
    resolution: str
    reason: str


def month_day_date(m: re.Match[str], ctx: TimeContext) -> DayReading:
    """The date of a match with ``month``, ``day`` and optional ``year`` and ``wd`` (weekday) groups."""
    groups = m.groupdict()
    month = MONTHS[groups["month"].rstrip(".").lower()]
    day = int(re.match(r"\d+", groups["day"])[0])  # type: ignore[index]
    if groups.get("year"):
        d = safe_date(int(groups["year"]), month, day)
        if d is None:
            raise Unresolved(f"{m[0]} is not a valid date", "day")
        return DayReading(d, "absolute", "absolute date")
    anchor = ctx.need_anchor("day")
    direction = direction_of(ctx.tense)
    weekday = WEEKDAYS[groups["wd"].lower()] if groups.get("wd") else None
    found = nearest_month_day(anchor, month, day, direction, weekday)
    if found is None:
        raise Unresolved(f"{m[0]} is not a valid date", "day")
    return DayReading(found, "relative_publication", f"month and day, nearest date ({direction})")


def h_day_month(m: re.Match[str], ctx: TimeContext) -> Norm:
    """26 August 2020, August 26, 2020, Aug. 9, 09 August, Wednesday, Aug. 26."""
    d = month_day_date(m, ctx)
    return Norm(day_value(d.value_date), "day", "DATE", d.resolution, d.reason)


def h_month_year(m: re.Match[str], ctx: TimeContext) -> Norm:
    month = MONTHS[m["month"].rstrip(".").lower()]
    return Norm(month_value(int(m["year"]), month), "month", reason="month and year")


def h_month(m: re.Match[str], ctx: TimeContext) -> Norm:
    anchor = ctx.need_anchor("month")
    month = MONTHS[m["month"].lower()]
    relation = _relation(m["rel"])
    direction = direction_of(ctx.tense)
    value = nearest_month(anchor, month, direction, relation)
    return _relative(value, "month", f"month name{', ' + relation if relation else ''} ({direction})")


def h_year(m: re.Match[str], ctx: TimeContext) -> Norm:
    return Norm(m["year"], "year", reason="year")


def h_decade(m: re.Match[str], ctx: TimeContext) -> Norm:
    if m["full"]:
        return Norm(decade_value(int(m["full"])), "decade", reason="decade")
    tens = int(m["short"]) // 10 if m["short"] else DECADE_WORDS[m["word"].lower()]
    if ctx.anchor is None:
        return Norm(f"19{tens}X", "decade", reason="decade without century, read as the 1900s")
    century = ctx.anchor.year // 100 * 100
    start = century + tens * 10
    if start > ctx.anchor.year:
        start -= 100
    return Norm(decade_value(start), "decade", reason="decade without century, the latest one begun")


def h_century(m: re.Match[str], ctx: TimeContext) -> Norm:
    if m["num"]:
        return Norm(century_value(int(m["num"])), "century", reason="century")
    if m["word"]:
        return Norm(century_value(ORDINALS[m["word"].lower()]), "century", reason="century")
    anchor = ctx.need_anchor("century")
    offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[_relation(m["rel"])]
    return _relative(century_value(anchor.year // 100 + 1 + offset), "century", "relative century")


def h_season(m: re.Match[str], ctx: TimeContext) -> Norm:
    season = SEASONS[m["season"].lower()]
    if m["year"]:
        return Norm(f"{m['year']}-{season}", "season", reason="season and year")
    anchor = ctx.need_anchor("season")
    relation = _relation(m["rel"])
    return _relative(
        season_value(anchor, season, relation, direction_of(ctx.tense)),
        "season",
        f"season{', ' + relation if relation else ''}",
    )


def _ordinal_quarter(word: str) -> int | None:
    w = word.lower()
    if w in ORDINALS and ORDINALS[w] <= 4:
        return ORDINALS[w]
    return None


def h_quarter(m: re.Match[str], ctx: TimeContext) -> Norm:
    word = (m["which"] or "").lower()
    q = int(m["q"]) if m["q"] else _ordinal_quarter(word)
    year_text = m["year"] or m["year0"]
    if q is not None and year_text:
        return Norm(f"{year_text}-Q{q}", "quarter", reason="quarter and year")
    anchor = ctx.need_anchor("quarter")
    if q is not None:
        if m["yrel"]:
            year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
            return _relative(f"{year}-Q{q}", "quarter", "quarter of a relative year")
        direction = direction_of(ctx.tense)
        return _relative(nearest_quarter(anchor, q, direction), "quarter", f"quarter, nearest ({direction})")
    offset = {
        "last": -1,
        "previous": -1,
        "past": -1,
        "latest": -1,
        "this": 0,
        "current": 0,
        "next": 1,
        "coming": 1,
    }.get(word)
    if offset is None:  # "the quarter": the one the text is about
        if ctx.reference and granularity_of(ctx.reference) == "quarter":
            return Norm(ctx.reference, "quarter", "DATE", "relative_date", "the quarter last mentioned")
        # none mentioned: business news reports on the quarter that ended last
        return _relative(relative_quarter(anchor, -1), "quarter", "the quarter: the last one completed")
    if word == "latest" and ctx.reference and granularity_of(ctx.reference) == "quarter":
        return Norm(ctx.reference, "quarter", "DATE", "relative_date", "the latest quarter mentioned")
    return _relative(relative_quarter(anchor, offset), "quarter", f"{word} quarter")


def h_half(m: re.Match[str], ctx: TimeContext) -> Norm:
    half = 1 if m["which"].lower() in ("first", "1st") else 2
    if m["year"]:
        return Norm(f"{m['year']}-H{half}", "half", reason="half year")
    anchor = ctx.need_anchor("half")
    year = anchor.year + {"last": -1, "this": 0, "next": 1, None: 0}[m["yrel"].lower() if m["yrel"] else None]
    return _relative(f"{year}-H{half}", "half", "half year")


def h_weekday(m: re.Match[str], ctx: TimeContext) -> Norm:
    anchor = ctx.need_anchor("day")
    weekday = WEEKDAYS[m["wd"].lower()]
    relation = _relation(m["rel"])
    d, rule = resolve_weekday(anchor, weekday, relation, ctx.tense, ctx.cue_text)
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return _relative(f"{day_value(d)}T{part}", "time", rule + ", part of day", "TIME")
    return _relative(day_value(d), "day", rule)


def h_relative_day(m: re.Match[str], ctx: TimeContext) -> Norm:
    anchor = ctx.need_anchor("day")
    word = " ".join(m["word"].lower().split())
    part_word = (m["part"] or "").lower()
    if word in ("last", "this"):  # "last night", "this morning"
        d = relative_day(anchor, "yesterday" if word == "last" else "today")
    else:
        d = relative_day(anchor, word)
    if word == "tonight" or part_word:
        part = PARTS_OF_DAY.get(part_word, "NI")
        return _relative(f"{day_value(d)}T{part}", "time", f"{word} {part_word}".strip(), "TIME")
    return _relative(day_value(d), "day", word)


def h_relative_unit(m: re.Match[str], ctx: TimeContext) -> Norm:
    """this/last/next/the coming + week, weekend, month, year, quarter, decade, century; "late last month"."""
    unit = m["unit"].lower()
    relation = _relation(m["rel"])
    offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1, "the": 0, "same": 0, "the same": 0}.get(
        relation, 0
    )
    granularity = {"weekend": "week"}.get(unit, unit)
    raw = " ".join((m["rel"] or "").lower().split())
    if raw in ("the following", "the previous") and ctx.reference and unit in ("week", "month", "year"):
        base = truncate_value(ctx.reference, unit)
        shifted = shift_value(base, offset, unit) if base else None
        if shifted:
            return Norm(shifted, unit, "DATE", "relative_date", f"{raw} {unit} after {ctx.reference}")
    anchor = ctx.need_anchor(granularity)
    if relation == "the" and unit in ("week", "month") and ctx.reference:
        ref_gran = granularity_of(ctx.reference)
        if ref_gran == unit:
            return Norm(ctx.reference, unit, "DATE", "relative_date", f"the {unit} last mentioned")
    if unit == "week":
        return _relative(relative_week(anchor, offset), "week", f"{relation} week")
    if unit == "weekend":
        return _relative(relative_weekend(anchor, offset, ctx.tense), "week", f"{relation} weekend")
    if unit == "month":
        return _relative(relative_month(anchor, offset), "month", f"{relation} month")
    if unit == "quarter":
        return _relative(relative_quarter(anchor, offset), "quarter", f"{relation} quarter")
    if unit == "decade":
        return _relative(decade_value(anchor.year + 10 * offset), "decade", f"{relation} decade")
    return _relative(relative_year(anchor, offset), "year", f"{relation} year")


def h_later_in(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "earlier in the week", "later in the year": the anchor's week, month or year."""
    unit = m["unit"].lower()
    anchor = ctx.need_anchor(unit)
    value = {"week": relative_week(anchor, 0), "month": relative_month(anchor, 0), "year": relative_year(anchor, 0)}
    return _relative(value[unit], unit, f"within the current {unit}")


def h_ago(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "two years ago", "three days earlier", "a year later", "a week from now"."""
    unit = _unit(m["unit"])
    n = _number(m["n"])
    direction = m["dir"].lower()
    granularity = "day" if unit in TIME_UNITS else unit
    if direction in ("earlier", "later", "before", "after"):
        sign = -1 if direction in ("earlier", "before") else 1
        if ctx.reference is None:
            raise Unresolved(NO_REFERENCE, granularity)
        if n is None:
            return Norm("PAST_REF" if sign < 0 else "FUTURE_REF", None, "DATE", "relative_date", "vague amount")
        shifted = shift_value(ctx.reference, sign * int(n), "week" if unit == "fortnight" else unit)
        if shifted is None:
            raise Unresolved(f"{unit}s counted from {ctx.reference}, which is coarser", granularity)
        return Norm(shifted, granularity_of(shifted), "DATE", "relative_date", f"{m['dir']} than {ctx.reference}")
    if n == 1 and unit == "year" and ctx.reference and granularity_of(ctx.reference) in ("quarter", "half"):
        # "profit rose from $5 million a year ago" right after "the third quarter": the same period a year before
        return Norm(
            shift_value(ctx.reference, -1, "year"),
            granularity_of(ctx.reference),
            "DATE",
            "relative_date",
            f"the period last mentioned ({ctx.reference}) a year before",
        )
    anchor = ctx.need_anchor(granularity)
    future = direction in ("from now", "hence")
    if n is None:
        return _relative("FUTURE_REF" if future else "PAST_REF", None, "vague amount")
    if future:
        return _relative(ago_value(anchor, -int(n), unit), granularity, f"{unit}s from now")
    return _relative(ago_value(anchor, int(n), unit), granularity if unit != "fortnight" else "week", f"{unit}s ago")


def h_that_unit(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "that day", "the same week", "earlier that year": the date last mentioned, at that unit."""
    unit = m["unit"].lower()
    value = truncate_value(ctx.reference, unit) if ctx.reference else None
    if value is None:
        raise Unresolved(NO_REFERENCE, unit)
    return Norm(value, unit, "DATE", "relative_date", f"the {unit} of {ctx.reference}")


def h_year_ago_period(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "the year-ago quarter", "the year-earlier period", "year-ago": the period last mentioned, a year before."""
    q = _ordinal_quarter(m["which"]) if m["which"] else None
    ref = ctx.reference
    if q is not None:
        year = int(ref[:4]) - 1 if ref else ctx.need_anchor("quarter").year - 1
        return Norm(
            f"{year}-Q{q}",
            "quarter",
            "DATE",
            "relative_date" if ref else "relative_publication",
            "numbered quarter a year before",
        )
    if ref and granularity_of(ref) in ("quarter", "half", "month", "year", "season"):
        return Norm(
            shift_value(ref, -1, "year"),
            granularity_of(ref),
            "DATE",
            "relative_date",
            f"the period last mentioned ({ref}) a year before",
        )
    anchor = ctx.need_anchor("year")
    return _relative(relative_year(anchor, -1), "year", "a year before the publication year")


def h_fiscal_year(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "the fiscal year", "the full year", "the current fiscal year": the publication year ("the latest fiscal
    year": the one before)."""
    anchor = ctx.need_anchor("year")
    offset = -1 if re.search(r"latest|last|previous", m[0], re.I) else 0
    return _relative(relative_year(anchor, offset), "year", "fiscal or full year")


def h_week_of(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "the week of March 6": the ISO week of that date."""
    d = month_day_date(m, ctx)
    return Norm(week_value(d.value_date), "week", "DATE", d.resolution, "the week of a date")


def h_month_relative_year(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "June last year", "January this year"."""
    anchor = ctx.need_anchor("month")
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    return _relative(month_value(year, MONTHS[m["month"].lower()]), "month", "month of a relative year")


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a holiday in a year: fixed ones, and US Thanksgiving (the fourth Thursday of November)."""
    key = " ".join(name.lower().replace("'s", "").split())
    if key.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = HOLIDAYS[key]
    return dt.date(year, month, day)


HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year day": (1, 1),
    "new year eve": (12, 31),
    "independence day": (7, 4),
    "fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine day": (2, 14),
    "boxing day": (12, 26),
}


def h_holiday(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "Thanksgiving Day", "last Christmas", "Christmas Eve 1999": the holiday nearest the publication date (by
    the tense, as for a month and day), or the one of the year given."""
    if m["year"]:
        return Norm(day_value(holiday_date(m["name"], int(m["year"]))), "day", reason="holiday and year")
    anchor = ctx.need_anchor("day")
    relation = _relation(m["rel"])
    options = [holiday_date(m["name"], y) for y in range(anchor.year - 1, anchor.year + 2)]
    if relation in ("last", "past"):
        d = max(o for o in options if o < anchor)
    elif relation in ("next", "coming"):
        d = min(o for o in options if o > anchor)
    else:
        d = options[1]
        near = nearest_month_day(anchor, d.month, d.day, direction_of(ctx.tense))
        if near is not None:
            d = holiday_date(m["name"], near.year)
    return _relative(day_value(d), "day", f"holiday{', ' + relation if relation else ''}")


SPOKEN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
SPOKEN_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
SPOKEN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def h_spoken_year(m: re.Match[str], ctx: TimeContext) -> Norm:
    """Years in broadcast transcripts: "nineteen ninety-six", "two thousand"."""
    if m["thousand"]:
        rest = SPOKEN_UNITS.get((m["unit2"] or "").lower(), 0)
        return Norm(str(2000 + rest), "year", reason="spoken year")
    century = {"eighteen": 1800, "nineteen": 1900}[m["century"].lower()]
    tail = m["tail"].lower().replace("-", " ").split()
    value = SPOKEN_TEENS.get(tail[0]) or SPOKEN_TENS.get(tail[0], 0)
    if len(tail) > 1:
        value += SPOKEN_UNITS.get(tail[1], 0)
    return Norm(str(century + value), "year", reason="spoken year")


def h_period(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "the latest period", "the same period": the reporting period last mentioned."""
    if ctx.reference and granularity_of(ctx.reference) in ("quarter", "half", "month", "year"):
        return Norm(ctx.reference, granularity_of(ctx.reference), "DATE", "relative_date", "the period last mentioned")
    raise Unresolved(NO_REFERENCE, None)


def h_relative_from_reference(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "the next day", "the following morning", "the day before", "a day later": from the date last mentioned."""
    word = " ".join(m[0].lower().split())
    ref = ctx.reference
    if ref is None or granularity_of(ref) not in ("day", "time"):
        raise Unresolved(NO_REFERENCE, "day")
    offset = (
        -1
        if re.search(r"before|previous|earlier", word)
        else (1 if re.search(r"next|following|after|later", word) else 0)
    )
    d = dt.date.fromisoformat(ref[:10]) + dt.timedelta(days=offset)
    return Norm(day_value(d), "day", "DATE", "relative_date", f"{word} after {ref}")


def h_ref(m: re.Match[str], ctx: TimeContext) -> Norm:
    """now, currently, recently, the past, the future: TimeML's vague references (they need no date)."""
    word = m[0].lower()
    if re.search(r"future|soon|near term|short term|long term|coming", word):
        return Norm("FUTURE_REF", None, "DATE", "relative_publication", "vague future")
    if re.search(r"recent|past|previous|former|other day|earlier", word):
        return Norm("PAST_REF", None, "DATE", "relative_publication", "vague past")
    return Norm("PRESENT_REF", None, "DATE", "relative_publication", "the present")


def h_clock(m: re.Match[str], ctx: TimeContext) -> Norm:
    """A clock time on its own: its day is not said, so it stays unresolved (a day next to it merges with it)."""
    raise Unresolved("clock time without a day", "time")


def h_set(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "every Monday" (XXXX-WXX-1), "weekly" (P1W), "twice a year" (P1Y): TimeML values of sets."""
    text = m[0].lower()
    for name, index in WEEKDAYS.items():
        if name in text:
            return Norm(f"XXXX-WXX-{index + 1}", None, "SET", "absolute", "set")
    for word, value in (
        ("hour", "PT1H"),
        ("night", "P1D"),
        ("day", "P1D"),
        ("week", "P1W"),
        ("month", "P1M"),
        ("quarter", "P3M"),
        ("annual", "P1Y"),
        ("year", "P1Y"),
    ):
        if word in text:
            return Norm(value, None, "SET", "absolute", "set")
    return Norm(None, None, "SET", "unresolved", "set with no TimeML value rule")


def h_duration(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "two weeks", "just over a week", "the past 10 years", "the past week" (one unit)."""
    if m["unit"] is None:
        return Norm(duration_value(1, _unit(m["unit2"])), None, "DURATION", "absolute", "duration")
    unit = _unit(m["unit"])
    n = _number(m["n"])
    if m["half"]:
        n = (n or 0) + 0.5 if n is not None else None
    if n is not None and not float(n).is_integer() and unit not in TIME_UNITS:
        return Norm(f"P{n}{UNIT_CODES[unit]}", None, "DURATION", "absolute", "duration")
    return Norm(duration_value(n, unit), None, "DURATION", "absolute", "duration")


def h_bare_units(m: re.Match[str], ctx: TimeContext) -> Norm:
    """ "years", "decades", "months" on their own: a duration of unknown length."""
    return Norm(duration_value(None, _unit(m[0])), None, "DURATION", "absolute", "duration of unknown length")


# -- filters


def needs_preceding_cue(m: re.Match[str], text: str) -> bool:
    """Bare month names and some words are times only after a preposition ("in May", not "May I")."""
    if m["rel"] or m["mod"]:
        return True
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    return bool(before) and before[-1] in BARE_CUES


def not_an_age(m: re.Match[str], text: str) -> bool:
    """ "44 years old", "a 6-year-old", "aged 44": ages, not durations."""
    after = text[m.end() : m.end() + 6].lower()
    before = text[max(0, m.start() - 6) : m.start()].lower()
    return not (after.startswith("-old") or after.startswith(" old") or before.endswith("aged "))


def not_a_compound_name(m: re.Match[str], text: str) -> bool:
    """ "USA Today", "Current Affairs", "current account": names and terms, not times."""
    before = text[max(0, m.start() - 5) : m.start()]
    after = text[m.end() : m.end() + 12].lower()
    if before.endswith("USA "):
        return False
    word = m[0].lower()
    if word == "current" and re.match(r"\s+(?:account|affairs|events|assets|liabilities|ratio)", after):
        return False
    if word == "now" and re.match(r"-", after):
        return False
    return not (
        word == "the past"
        and re.match(
            r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine"
            r"|ten|twelve|couple|many|decade|year|month|week|day|quarter)",
            after,
        )
    )


def not_followed_by_relation(m: re.Match[str], text: str) -> bool:
    """ "the week of March 6", "the year before", "the year-ago": the unit is part of a longer expression (but
    "next year after the vote" is "next year")."""
    if "rel" in m.groupdict() and (m["rel"] or "").lower() not in ("the", "the same"):
        return True
    after = text[m.end() : m.end() + 12]
    return not re.match(r"\s*(?:'s|’s)?\s*(?:of|before|after|earlier|later|ago|two|nineteen|\d)\b|-", after)


def season_filter(m: re.Match[str], text: str) -> bool:
    """ "fall" is a verb and a noun: a season only with a year or after this/last/next/the + "in" context."""
    if m["season"].lower() != "fall" or m["year"] or (m["rel"] and m["rel"].lower() != "the"):
        return True
    before = text[max(0, m.start() - 4) : m.start()].lower()
    after = text[m.end() : m.end() + 4].lower()
    return before.endswith("in ") and not after.startswith(" of")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


REL = r"(?P<rel>(?i:this\s+coming|this\s+past|the\s+coming|the\s+past|last|next|this|coming|past))"

# Order matters only on ties: among overlapping matches the longest wins, then the earlier rule.
RULES: list[Rule] = [
    Rule("iso", _c(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])"), h_iso),
    Rule(
        "numeric",
        _c(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\d/]|\.\d)"),
        h_numeric,
    ),
    Rule(
        "day_month",
        _c(
            rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+(?=\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:of)\s))?"
            rf"(?P<day>{DAY})(?:\s+(?i:of))?\s+(?P<month>{MONTH})"
            rf"(?:,?\s+(?P<year>{YEAR}))?"
        ),
        h_day_month,
    ),
    Rule(
        "month_day",
        _c(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?"),
        h_day_month,
    ),
    Rule(
        "month_year",
        _c(rf"(?:(?i:{MODIFIER})[\s-]+)?(?P<month>{MONTH}),?\s+(?:(?i:of)\s+)?(?P<year>{YEAR})"),
        h_month_year,
    ),
    Rule(
        "month",
        _c(rf"(?:(?P<mod>(?i:{MODIFIER}))[\s-]+)?(?:{REL}\s+)?(?P<month>{MONTH_FULL})(?![A-Za-z])"),
        h_month,
        needs_preceding_cue,
    ),
    Rule(
        "decade",
        _c(
            r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?"
            r"(?:(?P<full>1[0-9]\d0|20\d0)'?s|'(?P<short>\d0)s|(?<=the\s)(?P<word>(?i:twenties|thirties"
            r"|forties|fifties|sixties|seventies|eighties|nineties)))(?![A-Za-z])"
        ),
        h_decade,
    ),
    Rule(
        "century",
        _c(
            r"(?i:(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<num>\d{1,2})(?:st|nd|rd|th)"
            r"|(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
            r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
            r"|twentieth|twenty-first)|(?P<rel>this|last|next|the\s+past|the\s+last))[\s-]+century)"
            r"(?![A-Za-z-])"
        ),
        h_century,
    ),
    Rule(
        "season",
        _c(
            rf"(?:(?i:{MODIFIER})[\s-]+)?(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this|coming"
            r"|past|the))\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<season>(?i:spring|summer|fall|autumn|winter))"
            rf"(?![A-Za-z])(?:\s+(?:(?i:of)\s+)?(?P<year>{YEAR}))?"
        ),
        h_season,
        season_filter,
    ),
    Rule(
        "quarter",
        _c(
            rf"(?i:(?:the\s+)?(?:(?P<year0>{YEAR})\s+)?(?:(?:fiscal|calendar|financial)\s+)?"
            r"(?:(?P<which>first|second|third|fourth"
            r"|1st|2nd|3rd|4th|final|last|current|latest|previous|past|this|next|coming)[\s-]+"
            r"(?:fiscal[\s-]+)?quarter|(?P<qq>Q(?P<q>[1-4]))|(?<=the\s)quarter)"
            rf"(?:,?\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year))?)"
            r"(?![A-Za-z-])"
        ),
        h_quarter,
    ),
    Rule(
        "half",
        _c(
            rf"(?i:(?:the\s+)?(?P<which>first|second|1st|2nd|last)\s+half(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>"
            rf"{YEAR})|(?P<yrel>this|last|next)\s+year))?)(?![A-Za-z])"
        ),
        h_half,
        lambda m, text: bool(m["year"] or m["yrel"]),
    ),
    Rule(
        "weekday",
        _c(
            r"(?:(?i:(?:the\s+)?(?:early\s+)?hours\s+of|(?:early|late)(?:\s+on)?|(?:the\s+)?(?:morning|"
            r"afternoon|evening|night)\s+of)\s+)?"
            rf"(?:{REL}\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?"
        ),
        h_weekday,
    ),
    Rule(
        "relative_day",
        _c(
            rf"(?i:(?:(?:the\s+)?early\s+hours\s+of\s+|early\s+|late\s+)?(?P<word>the\s+day\s+before"
            r"\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight"
            rf"|(?:last|this)(?=\s+{PART}))(?:\s+(?P<part>{PART}))?)(?![A-Za-z])"
        ),
        h_relative_day,
        not_a_compound_name,
    ),
    Rule(
        "relative_unit",
        _c(
            r"(?i:(?:(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
            r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+first\s+half\s+of"
            r"|the\s+second\s+half\s+of)\s+)?(?:(?P<rel>this\s+past|this|last|next|the\s+coming"
            r"|the\s+following|the\s+current|the\s+previous|the\s+same|the)\s+)"
            r"(?P<unit>week|weekend|month|year|decade)(?![A-Za-z-]))"
        ),
        h_relative_unit,
        not_followed_by_relation,
    ),
    Rule("later_in", _c(r"(?i:(?:earlier|later)\s+in\s+the\s+(?P<unit>week|month|year))"), h_later_in),
    Rule(
        "year_end",
        _c(r"(?i:year-end|year's\s+end|the\s+end\s+of\s+the\s+year)"),
        lambda m, ctx: _relative(relative_year(ctx.need_anchor("year"), 0), "year", "end of the year"),
    ),
    Rule(
        "ago",
        _c(rf"(?i:{APPROX}(?P<n>{NUMWORD})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence))"),
        h_ago,
    ),
    Rule(
        "from_reference",
        _c(
            r"(?i:the\s+(?:next|following|previous)\s+(?:day|morning|afternoon|evening|night)"
            r"|the\s+day\s+(?:before|after)|a\s+day\s+(?:earlier|later))(?![A-Za-z])"
        ),
        h_relative_from_reference,
    ),
    Rule(
        "holiday",
        _c(
            rf"(?:{REL}\s+)?(?P<name>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year's"
            r"\s+(?:Day|Eve)|Independence\s+Day|(?i:the\s+)?Fourth\s+of\s+July|Halloween"
            rf"|Valentine's\s+Day|Boxing\s+Day)(?![A-Za-z])(?:,?\s+(?P<year>{YEAR}))?"
        ),
        h_holiday,
    ),
    Rule(
        "spoken_year",
        _c(
            r"(?i:(?P<century>nineteen|eighteen)[\s-]+(?P<tail>(?:twenty|thirty|forty|fifty|sixty"
            r"|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten"
            r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
            r"|(?P<thousand>(?<=the\syear\s)two\s+thousand|two\s+thousand(?:\s+and)?\s+"
            r"(?P<unit2>one|two|three|four|five|six|seven|eight|nine)))(?![A-Za-z-])"
        ),
        h_spoken_year,
    ),
    Rule(
        "period",
        _c(
            r"(?i:the\s+(?:latest|most\s+recent|current|same|comparable|corresponding)\s+period)"
            r"(?![A-Za-z-])"
        ),
        h_period,
    ),
    Rule(
        "that_unit",
        _c(
            r"(?i:(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<unit>day|week|month"
            r"|quarter|year))(?![A-Za-z-])"
        ),
        h_that_unit,
    ),
    Rule(
        "year_ago_period",
        _c(
            r"(?i:(?:the\s+)?(?:comparable\s+|same\s+)?year-(?:ago|earlier)(?:\s+(?:(?P<which>"
            r"first|second|third|fourth)\s+)?(?:fiscal\s+)?(?:quarter|period))?)(?![A-Za-z-])"
        ),
        h_year_ago_period,
    ),
    Rule(
        "fiscal_year",
        _c(
            r"(?i:the\s+(?:(?:current|latest|last|previous|full|calendar|fiscal|financial|entire"
            r"|whole)\s+)+year)(?![A-Za-z-])"
        ),
        h_fiscal_year,
        not_followed_by_relation,
    ),
    Rule(
        "week_of",
        _c(rf"(?i:the\s+week\s+of)\s+(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?"),
        h_week_of,
    ),
    Rule(
        "month_relative_year",
        _c(
            rf"(?P<month>{MONTH_FULL})\s+(?:(?i:of)\s+)?(?P<yrel>(?i:this|last|next))\s+"
            r"(?i:year)(?![A-Za-z-])"
        ),
        h_month_relative_year,
    ),
    Rule(
        "year",
        _c(rf"(?:(?P<pre>(?i:fiscal|calendar|the\s+year|mid-|early|late))[\s-]*)?(?P<year>{YEAR})"),
        h_year,
        lambda m, text: bool(m["pre"]) or year_cue_before(m, text),
    ),
    Rule(
        "ref",
        _c(
            r"(?i:right\s+now|just\s+now|now|currently|at\s+present|presently|nowadays|these\s+days"
            r"|more\s+recently|most\s+recently|recently|lately|recent\s+(?:years|months|weeks|days|times)"
            r"|the\s+past|the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future|the\s+near\s+term"
            r"|the\s+short\s+term|the\s+long\s+term|the\s+other\s+day|current|recent)"
            r"(?![A-Za-z-])"
        ),
        h_ref,
        not_a_compound_name,
    ),
    Rule(
        "clock",
        _c(
            r"(?i:(?<![\d.])(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:[A-Z]{1,2}[SD]T|GMT|UTC"
            r"|local\s+time))?|noon|midnight))"
        ),
        h_clock,
    ),
    Rule(
        "set",
        _c(
            rf"(?i:every\s+(?:other\s+)?(?:day|week|month|year|morning|evening|night|weekday|weekend|{WEEKDAY})"
            r"|each\s+(?:day|week|month|year)|daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly"
            r"|(?:once|twice|\w+\s+times)\s+(?:a|per|every)\s+(?:day|week|month|year)"
            r"|(?<=on\s)(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))(?![A-Za-z])"
        ),
        h_set,
    ),
    Rule(
        "duration",
        _c(
            rf"(?i:(?:(?:the\s+)?(?:past|last|next|coming|first|final|previous|following)\s+)?{APPROX}"
            rf"(?P<n>{NUMWORD})(?P<half>[\s-]+and[\s-]+a[\s-]+half)?[\s-]+(?:full\s+)?(?P<unit>{UNIT})"
            r"|(?:the\s+)?(?:past|last|next|coming|previous)\s+(?P<unit2>day|week|month|year|decade"
            r"|quarter|hour|hours|days|weeks|months|years|decades))"
        ),
        h_duration,
        not_an_age,
    ),
    Rule(
        "bare_units",
        _c(
            r"(?i:(?<=for\s)|(?<=in\s)|(?<=over\s)|(?<=within\s))(?i:years|months|weeks|decades|days"
            r"|hours)(?![A-Za-z])"
        ),
        h_bare_units,
    ),
]


def year_cue_before(m: re.Match[str], text: str) -> bool:
    """A four-digit number is a year after a preposition or a month/season word ("in 2014", "since 2014")."""
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    return bool(before) and before[-1].strip("(,") in YEAR_CUES


# Prepositions and other words a model entity may start or end with that are not part of the expression.
LEADING_JUNK = re.compile(
    r"^(?:(?:on|in|since|by|until|till|from|to|before|after|during|at|for|of|through|throughout|about|around"
    r"|within|over|between|as\s+of|as\s+early\s+as|as\s+soon\s+as|as\s+late\s+as|beginning|starting|ending"
    r"|up\s+to|and|or|,)\s+)+",
    re.I,
)
TRAILING_JUNK = re.compile(r"(?:'s|’s|[\s.,;:!?)\"”’']+)+$")
AGE = re.compile(r"^(?:\d+|\w+)(?:[\s-]+(?:year|month|week|day)s?)?[\s-]+old$|^\d{1,3}$|^aged\s+\d+$", re.I)
HAS_DIGIT_YEAR = re.compile(YEAR)


@dataclass
class Candidate:
    """A span of the analysed text that is a time expression, with the rule that found it (None: the model)."""

    start: int
    end: int
    rule: Rule | None
    match: re.Match[str] | None
    parts: list[Candidate] = field(default_factory=list)  # a clock time merged with its day


_UNIT_WORDS = r"\b(?i:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|century|centuries)s?\b"
_MONTH_WORDS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A cheap keyword that every match of a rule contains: the full rule (slow, with its optional prefixes) only runs
# in a window around the keyword's occurrences. This made recognition about ten times faster on TimeBank.
RULE_TRIGGERS = {
    "iso": r"\d{4}-\d\d-\d\d",
    "numeric": r"\d{1,2}[/.]\d{1,2}[/.]\d",
    "day_month": _MONTH_WORDS,
    "month_day": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "week_of": _MONTH_WORDS,
    "month_relative_year": _MONTH_WORDS,
    "decade": r"\d0'?s|(?i:ties)",
    "century": r"(?i:century)",
    "season": r"\b(?i:spring|summer|fall|autumn|winter)\b",
    "quarter": r"(?i:quarter)|Q[1-4]",
    "half": r"\b(?i:half)\b",
    "weekday": r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    "relative_day": r"\b(?i:yesterday|today|tomorrow|tonight|morning|afternoon|evening|night)\b",
    "relative_unit": _UNIT_WORDS,
    "later_in": _UNIT_WORDS,
    "year_end": r"\b(?i:year)",
    "ago": r"\b(?i:ago|earlier|later|from\s+now|hence)\b",
    "from_reference": r"\b(?i:day|morning|afternoon|evening|night)\b",
    "holiday": r"Thanksgiving|Christmas|New\s+Year|Independence|Fourth|Halloween|Valentine|Boxing",
    "spoken_year": r"(?i:nineteen|eighteen|thousand)",
    "period": r"\b(?i:period)\b",
    "that_unit": _UNIT_WORDS,
    "year_ago_period": r"(?i:year-)",
    "fiscal_year": r"\b(?i:year)\b",
    "year": r"1[6-9]\d\d|20\d\d",
    "ref": r"\b(?i:now|current|currently|recent|recently|present|presently|nowadays|these\s+days|lately|past|future"
    r"|term|other\s+day)\b",
    "clock": r"(?i:\b[ap]\.m\.|\d\s*[ap]m\b|\bnoon\b|\bmidnight\b)",
    "set": r"\b(?i:every|each|daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|times|once|twice)\b|days\b",
    "duration": _UNIT_WORDS,
    "bare_units": r"\b(?i:years|months|weeks|decades|days|hours)\b",
}
TRIGGERS = {name: re.compile(pattern) for name, pattern in RULE_TRIGGERS.items()}
WINDOW_BEFORE = 80  # longest stretch of an expression before its keyword ("the early hours of last Wednesday")
WINDOW_AFTER = 60  # and after it ("third quarter of fiscal 1990", "Aug. 26, 2020")
# Rules whose keyword ends the expression (or nearly) need a smaller window after it.
WINDOW_AFTER_BY_RULE = {
    "duration": 2,
    "relative_unit": 2,
    "that_unit": 2,
    "later_in": 2,
    "ago": 2,
    "bare_units": 2,
    "ref": 10,
    "from_reference": 2,
    "year_end": 10,
    "fiscal_year": 2,
    "set": 20,
}


def rule_windows(
    rule: Rule, text: str, hits_cache: dict[str, list[tuple[int, int]]] | None = None
) -> list[tuple[int, int]]:
    """The stretches of text where a rule can match: around its keyword, merged, starting after a space.
    ``hits_cache`` keeps the keyword hits of one text for the rules that share a keyword."""
    trigger = TRIGGERS.get(rule.name)
    if trigger is None:
        return [(0, len(text))]
    cache = hits_cache if hits_cache is not None else {}
    hits = cache.get(trigger.pattern)
    if hits is None:
        hits = [(h.start(), h.end()) for h in trigger.finditer(text)]
        cache[trigger.pattern] = hits
    windows: list[tuple[int, int]] = []
    after = WINDOW_AFTER_BY_RULE.get(rule.name, WINDOW_AFTER)
    for hit_start, hit_end in hits:
        start = max(0, hit_start - WINDOW_BEFORE)
        space = text.rfind(" ", 0, start + 1) if start > 0 else 0
        start = max(0, space)
        end = min(len(text), hit_end + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def recognise(text: str) -> list[Candidate]:
    """Every pattern match in the text, overlaps resolved: the longest span wins, then the earlier rule."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    hits_cache: dict[str, list[tuple[int, int]]] = {}
    for index, rule in enumerate(RULES):
        windows = rule_windows(rule, text, hits_cache)
        matches = (m for start, end in windows for m in rule.pattern.finditer(text, start, end))
        for m in matches:
            start, end = m.start(), m.end()
            if end == start or (start > 0 and text[start - 1].isalnum() and text[start].isalnum()):
                continue  # empty, or starts inside a word ("extra week" is not "a week")
            if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
                continue
            if rule.accept is not None and not rule.accept(m, text):
                continue
            found.append((m.start(), m.end(), index, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for start, end, index, m in found:
        if any(start < e and s < end for s, e in occupied):
            continue
        occupied.append((start, end))
        taken.append(Candidate(start, end, RULES[index], m))
    taken.sort(key=lambda c: c.start)
    return merge_clock_times(taken, text)


DAY_RULES = {"weekday", "relative_day", "day_month", "month_day", "iso", "numeric"}
CLOCK_JOINER = re.compile(r"^(?:\s+|\s*,\s*|\s+on\s+|\s+at\s+)$", re.I)


def merge_clock_times(cands: list[Candidate], text: str) -> list[Candidate]:
    """A clock time next to a day ("9 a.m. Tuesday", "Tuesday at 9 a.m.") is one expression: the day's."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and c.rule and nxt.rule and CLOCK_JOINER.match(text[c.end : nxt.start]):
            names = {c.rule.name, nxt.rule.name}
            if "clock" in names and names & DAY_RULES:
                out.append(Candidate(c.start, nxt.end, None, None, [c, nxt]))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def trim_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a model entity to the time expression: no leading preposition, no trailing possessive or punctuation."""
    span = text[start:end]
    lead = LEADING_JUNK.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    trail = TRAILING_JUNK.search(span)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def entity_candidate(text: str, start: int, end: int) -> tuple[int, int, Norm | None] | None:
    """A model entity the patterns did not find: its trimmed span and a reading, or None when it is not a time
    (an age, a bare number, a phrase without any time word)."""
    start, end = trim_entity(text, start, end)
    span = text[start:end]
    if not span or AGE.match(span):
        return None
    words = set(re.findall(r"[a-z]+", span.lower()))
    year = HAS_DIGIT_YEAR.search(span)
    if year and not (words & TIME_WORDS - {"fiscal"}):
        return start + year.start(), start + year.end(), Norm(year[0], "year", reason="year (model entity)")
    if re.fullmatch(r"(?i)(?:years|months|weeks|decades|days|hours|minutes|centuries)", span):
        return start, end, Norm(duration_value(None, _unit(span)), None, "DURATION", "absolute", "duration")
    if not (words & TIME_WORDS) and not year:
        return None
    return start, end, None


# --------------------------------------------------------------------------------------------------------------
# Context from the parse


def governing_tense(span: Any) -> str:
    """The tense of the verb that governs a Doc span: future (will, modals, "planned to", "is to", "is due"),
    past (past tense, perfect), present, or unknown when no verb is found close above it."""
    if span is None or len(span) == 0:
        return "unknown"
    tok = span.root
    for _ in range(TENSE_CLIMB_STEPS):
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ == "due":
            break
        if tok.head.i == tok.i:
            return "unknown"
        tok = tok.head
    else:
        if tok.pos_ not in ("VERB", "AUX"):
            return "unknown"
    return verb_tense(tok)


def verb_tense(verb: Any, depth: int = 0) -> str:
    """Tense of one verb token from its tag and auxiliaries (see :func:`governing_tense`)."""
    if verb.lower_ == "due":
        return "future"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & {"have", "has", "had", "'ve", "'d"} and aux_words & MODALS:
        return "past"  # "could have been"
    if aux_words & FUTURE_MODALS:
        return "future"
    if aux_words & MODALS:
        return "unknown"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in FUTURE_MODALS else "unknown"
    if verb.lemma_ in PLANNING_VERBS:
        return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        head = verb.head
        if head.i == verb.i or depth >= TENSE_CLIMB_STEPS:
            return "unknown"
        if head.lemma_ == "be":  # "is to resume Monday" (but "to accede ... were" is not)
            return "future" if verb.dep_ == "xcomp" and head.tag_ in ("VBZ", "VBP") else "unknown"
        if head.lemma_ in FUTURE_HEADS:
            return "future"
        return verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") else "unknown"
    present_passive = all(a.tag_ in ("VBZ", "VBP") for a in auxes if a.dep_ == "auxpass")
    if (
        verb.tag_ == "VBN"
        and auxes
        and present_passive
        and verb.lemma_ in FUTURE_HEADS
        and not aux_words & {"have", "has"}
    ):
        return "future"  # "is scheduled for Monday"
    if aux_words & {"have", "has", "had"} or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future" if verb.lemma_ not in PRESENT_NOT_FUTURE else "present"  # "are meeting on Friday"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN":
        return "past"
    return "unknown"


# --------------------------------------------------------------------------------------------------------------
# Putting it together


def normalise(rule: Rule, m: re.Match[str], ctx: TimeContext) -> Norm:
    """Run one rule's handler; an Unresolved from it becomes an unresolved Norm with its reason."""
    try:
        return rule.handler(m, ctx)
    except Unresolved as exc:
        type_ = "DURATION" if rule.name in ("duration", "bare_units") else ("SET" if rule.name == "set" else "DATE")
        if rule.name == "clock" or exc.granularity == "time":
            type_ = "TIME"
        return Norm(None, exc.granularity, type_, "unresolved", exc.reason)


def normalise_text(
    expression: str,
    published: dt.date | None,
    tense: str = "unknown",
    cue_text: str = "",
    reference: str | None = None,
    day_first: bool = False,
) -> Norm | None:
    """Normalise one expression given as text, outside any article (for tests and callers with a string):
    the first rule that matches the whole text decides; None when no rule does."""
    ctx = TimeContext(published, tense, cue_text, "", reference, day_first)
    for rule in RULES:
        m = rule.pattern.fullmatch(expression)
        if m is not None:
            return normalise(rule, m, ctx)
    return None


DAY_FIRST_TLDS = {
    "uk",
    "ie",
    "au",
    "nz",
    "in",
    "za",
    "eu",
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "be",
    "ch",
    "at",
    "se",
    "no",
    "dk",
    "fi",
    "pl",
    "ru",
    "by",
    "ua",
    "br",
    "ar",
    "mx",
    "ng",
    "ke",
    "pk",
    "sg",
    "my",
    "hk",
}
DMY_WORDS = re.compile(rf"\b{DAY}\s+{MONTH}\s+{YEAR}")
MDY_WORDS = re.compile(rf"{MONTH}\s+{DAY},?\s+{YEAR}")


def reads_day_first(article: Article, text: str) -> bool:
    """Whether the article writes dates day first: a non-US country domain, or "26 August 2020" style dates in
    its text and no "August 26, 2020" style ones."""
    for url in (article.url, article.source):
        if url:
            host = urlparse(url if "//" in url else "//" + url).hostname or ""
            if host.rsplit(".", 1)[-1] in DAY_FIRST_TLDS:
                return True
    return bool(DMY_WORDS.search(text)) and not MDY_WORDS.search(text)


class ArticleTimes:
    """Finds and normalises the time expressions of one annotated article (used by the stage)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc = article.doc
        self.text = article.analysed_text() if self.doc is None else self.doc.text
        self.sent_bounds: list[tuple[int, int]] = (
            [(s.start_char, s.end_char) for s in self.doc.sents] if self.doc is not None else []
        )
        self.sent_starts = [s for s, _ in self.sent_bounds]
        self.day_first = reads_day_first(article, self.text)

    def cue_text(self, start: int) -> str:
        """The paragraph that holds the expression and the sentence before it."""
        seg = self.article.segment_at(start)
        text = seg.text
        if self.sent_bounds:
            i = bisect_right(self.sent_starts, start) - 1
            if i > 0:
                s, e = self.sent_bounds[i - 1]
                text = self.text[s:e] + " " + text
        return text

    def tense(self, start: int, end: int) -> str:
        if self.doc is None:
            return "unknown"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return governing_tense(span)

    def candidates(self) -> list[tuple[int, int, Candidate | None, Norm | None]]:
        """Pattern matches plus the model's DATE/TIME entities that no pattern covers, in text order."""
        cands = recognise(self.text)
        out: list[tuple[int, int, Candidate | None, Norm | None]] = [(c.start, c.end, c, None) for c in cands]
        if self.doc is not None:
            for ent in self.doc.ents:
                if ent.label_ not in ("DATE", "TIME"):
                    continue
                if any(ent.start_char < c.end and c.start < ent.end_char for c in cands):
                    continue
                got = entity_candidate(self.text, ent.start_char, ent.end_char)
                if got is not None:
                    out.append((got[0], got[1], None, got[2]))
        out.sort(key=lambda o: o[0])
        return out

    def times(self) -> list[TimeExpr]:
        result: list[TimeExpr] = []
        reference: str | None = None
        for start, end, cand, fixed in self.candidates():
            before = self.text[max(0, start - 30) : start]
            ctx = TimeContext(
                anchor=self.article.published,
                tense="future" if FUTURE_CUE.search(before) else self.tense(start, end),
                cue_text=self.cue_text(start),
                before=before,
                reference=reference,
                day_first=self.day_first,
            )
            norm = self.read(cand, fixed, ctx)
            text = self.text[start:end]
            if (
                norm.type in ("DATE", "TIME")
                and norm.value
                and norm.value[0].isdigit()
                and (norm.resolution != "relative_date")
            ):
                reference = norm.value  # "a year earlier" counts from what the text is about, not from a chain
            result.append(
                TimeExpr(
                    text,
                    norm.value,
                    norm.granularity,
                    norm.type,
                    norm.resolution,
                    mention(self.article, start, end, norm.type),
                    norm.reason,
                )
            )
        return result

    def read(self, cand: Candidate | None, fixed: Norm | None, ctx: TimeContext) -> Norm:
        if fixed is not None:
            return fixed
        if cand is None:
            return Norm(None, None, "DATE", "unresolved", "no rule for this expression (model entity)")
        if cand.parts:  # a clock time and its day
            clock = next(p for p in cand.parts if p.rule and p.rule.name == "clock")
            day = next(p for p in cand.parts if p is not clock)
            assert day.rule is not None and day.match is not None and clock.match is not None
            day_norm = normalise(day.rule, day.match, ctx)
            if day_norm.value is None:
                return Norm(None, "time", "TIME", "unresolved", day_norm.reason)
            return Norm(
                f"{day_norm.value[:10]}T{clock_value(clock.match[0])}",
                "time",
                "TIME",
                day_norm.resolution,
                day_norm.reason + ", with clock time",
            )
        assert cand.rule is not None and cand.match is not None
        return normalise(cand.rule, cand.match, ctx)


def clock_value(text: str) -> str:
    """``9 a.m.`` -> ``09:00``, ``4:30 p.m.`` -> ``16:30``, noon -> ``12:00``, midnight -> ``00:00``."""
    t = text.lower()
    if "noon" in t:
        return "12:00"
    if "midnight" in t:
        return "00:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?", t)
    if m is None:
        return "XX:XX"
    hour = int(m[1]) % 12
    if "p" in t[m.end() :].split()[0] if t[m.end() :].split() else False:
        hour += 12
    return f"{hour:02d}:{m[2] or '00'}"


@register("dates")
class Dates(Stage):
    """Time expressions of each article, typed and normalised against its publication date (see the module doc)."""

    name = "dates"
    requires = ("doc", "published")
    assigns = ("times",)

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx  # the rules are module-level compiled patterns: nothing to load per article

    def process_article(self, article: Article) -> None:
        article.times = ArticleTimes(article).times()


def date_for_span(article: Article, doc_start: int, doc_end: int) -> TimeExpr | None:
    """The date of a clause, for the event coder: the DATE/TIME expression with a calendar value that lies inside
    the doc span ``doc_start:doc_end`` nearest to its start (so the first one), or None.

    Durations and sets never date anything; vague references (PRESENT_REF...) and unresolved expressions are
    skipped. The value's first ten characters are the day when the granularity is ``day`` or ``time``."""
    best: TimeExpr | None = None
    for t in article.times:
        if t.type not in ("DATE", "TIME") or not t.value or not t.value[0].isdigit():
            continue
        if t.mention.doc_start < doc_start or t.mention.doc_end > doc_end:
            continue
        if best is None or t.mention.doc_start < best.mention.doc_start:
            best = t
    return best


__all__: Sequence[str] = ("Dates", "TimeExpr", "date_for_span", "normalise_text", "recognise")
