"""The dates stage: each relative rule on its own (fast, no model), then a few stories through the model.

Fixture sentences are written for these tests; the publication date is Thursday 27 August 2020 unless a test
says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.model import Article
from eventwire.stages import dates as D
from tests.conftest import MakeArticle

THU = dt.date(2020, 8, 27)  # a Thursday
WED, TUE, FRI, SUN = 2, 1, 4, 6


def norm(text: str, published: dt.date | None = THU, **kw: object) -> D.Norm:
    """Normalise an expression given as text; fails the test when no rule reads it."""
    got = D.normalise_text(text, published, **kw)  # type: ignore[arg-type]
    assert got is not None, f"no rule reads {text!r}"
    return got


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in D.recognise(text)]


# -- weekdays ---------------------------------------------------------------------------------------------------


def test_weekday_on_publication_day_is_that_day() -> None:
    assert D.weekday_on_or_before(THU, 3) == THU
    assert norm("Thursday", tense="past").value == "2020-08-27"


def test_weekday_resolves_to_most_recent_on_or_before() -> None:
    assert norm("Wednesday", tense="past").value == "2020-08-26"
    assert norm("Friday").value == "2020-08-21"  # no tense: the past is the news default


def test_weekday_future_tense_goes_forward() -> None:
    assert norm("Friday", tense="future").value == "2020-08-28"
    assert norm("Thursday", tense="future").value == "2020-08-27"  # "will meet on Thursday" in a Thursday story
    assert D.weekday_on_or_after(THU, WED) == dt.date(2020, 9, 2)


def test_next_and_this_coming_weekday_are_strictly_after() -> None:
    assert norm("next Tuesday").value == "2020-09-01"
    assert norm("this coming Sunday").value == "2020-08-30"
    assert norm("next Thursday").value == "2020-09-03"


def test_last_weekday_with_last_week_in_context_is_previous_week() -> None:
    cue = "This was its second such flight in just over a week. It landed last week."
    got = norm("the early hours of last Wednesday", cue_text=cue)
    assert got.value == "2020-08-19"
    assert "previous week" in got.reason
    assert D.weekday_of_previous_week(THU, WED) == dt.date(2020, 8, 19)


def test_last_weekday_without_context_is_most_recent_before() -> None:
    assert norm("last Wednesday", cue_text="The plane landed in Minsk.").value == "2020-08-26"
    assert norm("last Thursday").value == "2020-08-20"  # strictly before the publication day
    assert norm("this past Friday").value == "2020-08-21"


def test_weekday_with_part_of_day_is_a_time() -> None:
    got = norm("Wednesday evening", tense="past")
    assert (got.value, got.type, got.granularity) == ("2020-08-26TEV", "TIME", "time")


# -- days, weeks, months, years --------------------------------------------------------------------------------


def test_yesterday_today_tomorrow() -> None:
    assert norm("yesterday").value == "2020-08-26"
    assert norm("today").value == "2020-08-27"
    assert norm("tomorrow").value == "2020-08-28"
    assert norm("last night").value == "2020-08-26TNI"


def test_last_this_next_week_are_iso_weeks() -> None:
    assert norm("last week").value == "2020-W34"
    assert norm("this week").value == "2020-W35"
    assert norm("next week").value == "2020-W36"
    assert D.relative_week(dt.date(2021, 1, 3), -1) == "2020-W52"  # ISO years differ from calendar years


def test_month_rules() -> None:
    assert norm("last month").value == "2020-07"
    assert norm("late last month").value == "2020-07"
    assert norm("earlier this month").value == "2020-08"
    assert norm("next month").value == "2020-09"
    assert D.relative_month(dt.date(2021, 1, 15), -1) == "2020-12"


def test_year_rules() -> None:
    assert norm("this year").value == "2020"
    assert norm("earlier this year").value == "2020"
    assert norm("next year").value == "2021"
    assert norm("last year").value == "2019"
    assert norm("two years ago").value == "2018"


def test_quarters_seasons_decades_centuries() -> None:
    assert norm("the third quarter").value == "2020-Q3"
    assert norm("the fourth quarter", tense="past").value == "2019-Q4"  # not begun yet, past tense
    assert norm("last quarter").value == "2020-Q2"
    assert norm("this summer").value == "2020-SU"
    assert norm("last winter").value == "2019-WI"
    assert norm("the 1990s").value == "199X"
    assert norm("the 20th century").value == "19XX"
    assert norm("the first half of 2019").value == "2019-H1"


def test_relative_to_an_earlier_date_in_the_text() -> None:
    got = norm("a year earlier", reference="2020-Q3")
    assert (got.value, got.resolution) == ("2019-Q3", "relative_date")
    assert norm("the next day", reference="2020-08-26").value == "2020-08-27"
    unresolved = norm("the next day")
    assert unresolved.value is None and unresolved.reason == D.NO_REFERENCE


# -- month and day without a year ------------------------------------------------------------------------------


def test_month_day_past_tense_goes_back() -> None:
    assert norm("Aug. 9", tense="past").value == "2020-08-09"
    assert norm("09 August").value == "2020-08-09"
    assert norm("Feb. 1", tense="past").value == "2020-02-01"  # past tense beats the nearer Feb. 1 of 2021
    assert norm("Aug. 30", tense="past").value == "2020-08-30"  # a year back is beyond the tense's reach


def test_month_day_future_tense_goes_forward() -> None:
    assert norm("March 3", tense="future").value == "2021-03-03"  # future tense beats the nearer March 3, 2020
    assert norm("March 3").value == "2020-03-03"
    assert norm("Sept. 3", tense="future").value == "2020-09-03"
    assert norm("Sept. 3").value == "2020-09-03"  # no tense: the nearest


def test_year_rollover() -> None:
    jan3 = dt.date(2021, 1, 3)
    assert norm("Dec. 28", published=jan3, tense="past").value == "2020-12-28"
    assert norm("Dec. 28", published=jan3).value == "2020-12-28"
    assert norm("Jan. 5", published=dt.date(2020, 12, 30), tense="future").value == "2021-01-05"


def test_tense_does_not_reach_a_year_away() -> None:
    # "has set Nov. 10 as the deadline" reads past; a date ten months back would be written with its year
    assert D.nearest_month_day(dt.date(1989, 10, 27), 11, 10, "past") == dt.date(1989, 11, 10)


def test_weekday_with_date_picks_the_matching_year() -> None:
    # 26 October was a Monday in 1998, a Sunday in 1997
    assert norm("Monday, Oct. 26", published=dt.date(1998, 10, 25), tense="past").value == "1998-10-26"


def test_absolute_dates() -> None:
    got = norm("26 August 2020")
    assert (got.value, got.resolution) == ("2020-08-26", "absolute")
    assert norm("August 26, 2020").value == "2020-08-26"
    assert norm("August 2020").value == "2020-08"
    assert norm("2020-08-26").value == "2020-08-26"


# -- numeric dates ---------------------------------------------------------------------------------------------


def test_ambiguous_numeric_date_is_us_month_day_by_default() -> None:
    got = norm("03/04/2020")
    assert got.value == "2020-03-04"
    assert "US convention" in got.reason


def test_ambiguous_numeric_date_day_first_when_article_writes_so() -> None:
    assert norm("03/04/2020", day_first=True).value == "2020-04-03"
    assert norm("03.04.2020").value == "2020-04-03"  # dotted dates are day first everywhere


def test_unambiguous_numeric_dates() -> None:
    assert norm("13/04/2020").value == "2020-04-13"
    assert norm("04/13/2020", day_first=True).value == "2020-04-13"
    bad = norm("13/13/2020")
    assert bad.value is None and bad.resolution == "unresolved" and "not a valid date" in bad.reason


def test_day_first_convention_from_the_article() -> None:
    uk = Article(id="x", paragraphs=["x"], url="https://www.example.co.uk/story")
    assert D.reads_day_first(uk, "x")
    plain = Article(id="y", paragraphs=["x"])
    assert D.reads_day_first(plain, "Police gathered in Minsk, 26 August 2020.")
    assert not D.reads_day_first(plain, "Police gathered on August 26, 2020.")


# -- missing publication date ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["last Wednesday", "yesterday", "last week", "Aug. 9", "next year", "this summer"])
def test_relative_expressions_stay_unresolved_without_publication_date(text: str) -> None:
    got = norm(text, published=None, tense="past")
    assert got.value is None
    assert got.resolution == "unresolved"
    assert got.reason == D.NO_PUBLICATION


def test_absolute_expressions_resolve_without_publication_date() -> None:
    assert norm("26 August 2020", published=None).value == "2020-08-26"
    assert norm("the 1990s", published=None).value == "199X"
    assert norm("2014", published=None).value == "2014"


# -- durations and sets ----------------------------------------------------------------------------------------


def test_durations_are_typed_and_valued() -> None:
    for text, value in [("two weeks", "P2W"), ("three days", "P3D"), ("just over a week", "P1W"),
                        ("several months", "PXM"), ("five hours", "PT5H")]:  # fmt: skip
        got = norm(text)
        assert (got.type, got.value) == ("DURATION", value), text


def test_sets_are_typed_and_valued() -> None:
    assert (norm("every Monday").type, norm("every Monday").value) == ("SET", "XXXX-WXX-1")
    assert (norm("weekly").type, norm("weekly").value) == ("SET", "P1W")


def test_durations_and_sets_do_not_date_events(annotate: MakeArticle) -> None:
    article = annotate("Talks lasted for three days every Monday.")
    D.Dates(None).process_article(article)  # type: ignore[arg-type]
    assert {t.type for t in article.times} == {"DURATION", "SET"}
    assert D.date_for_span(article, 0, len(article.analysed_text())) is None


# -- recognition and trimming ----------------------------------------------------------------------------------


def test_spans_exclude_prepositions() -> None:
    assert spans("It has been the worst crisis since 2014 in Ukraine.") == ["2014"]
    assert spans("Prices rose in the 1990s.") == ["the 1990s"]
    assert spans("He spoke on Thursday.") == ["Thursday"]
    assert spans("It happened late last month.") == ["late last month"]
    assert spans("the early hours of last Wednesday, data showed") == ["the early hours of last Wednesday"]
    assert spans("in the 09 August elections") == ["09 August"]


def test_ages_and_words_inside_words_are_not_times() -> None:
    assert spans("James Kopp, 44, and a 6-year-old boy were seen.") == []
    assert spans("an extra weekend of talks") == []  # "a week" is not inside "extra weekend"
    assert spans("The meeting may go ahead.") == []  # the modal is not the month


def test_model_entities_are_trimmed_or_dropped() -> None:
    text = "on Thursday's talks"
    assert D.trim_entity(text, 0, len(text) - 6) == (3, 11)
    assert D.entity_candidate("Kopp, 44, of Vermont", 6, 8) is None  # an age the model calls DATE
    assert D.entity_candidate("the sixth-year-old", 4, 18) is None


def test_clock_time_joins_its_day() -> None:
    got = [(c.start, c.end) for c in D.recognise("The deadline is 9 a.m. Tuesday.")]
    assert got == [(16, 30)]


# -- through the model -----------------------------------------------------------------------------------------


def times_of(run_text: MakeArticle, text: str, published: str | None = "2020-08-27") -> dict[str, D.TimeExpr]:
    article = run_text(text, published=published, stages=["annotate", "dates"])
    return {t.text: t for t in article.times}


def test_seed_like_story_through_the_model(run_text: MakeArticle) -> None:
    text = (
        "A Russian government plane landed in the Belarusian capital Minsk on Wednesday, tracking data showed.\n\n"
        "This was its second such flight in just over a week. The same plane had made a quick trip to Belarus in "
        "the early hours of last Wednesday, tracking data showed last week.\n\n"
        "Demonstrators say the presidential election on Aug. 9 was rigged."
    )
    got = times_of(run_text, text)
    assert got["Wednesday"].value == "2020-08-26"
    assert got["the early hours of last Wednesday"].value == "2020-08-19"
    assert got["just over a week"].type == "DURATION"
    assert got["last week"].value == "2020-W34"
    assert got["Aug. 9"].value == "2020-08-09"
    assert got["Aug. 9"].mention.paragraph == 2


def test_future_tense_through_the_model(run_text: MakeArticle) -> None:
    got = times_of(run_text, "The minister will travel to Berlin on Friday. The talks are scheduled to close Monday.")
    assert got["Friday"].value == "2020-08-28"
    assert got["Monday"].value == "2020-08-31"


def test_model_age_entity_is_dropped(run_text: MakeArticle) -> None:
    got = times_of(run_text, "James Charles Kopp, 44, of Vermont, was seen on Tuesday.")
    assert list(got) == ["Tuesday"]


def test_missing_publication_date_through_the_model(run_text: MakeArticle) -> None:
    got = times_of(run_text, "The vote took place on Sunday, 9 August 2020, and protests began on Monday.", None)
    assert got["Sunday, 9 August 2020"].value == "2020-08-09"
    assert got["Monday"].value is None
    assert got["Monday"].reason == D.NO_PUBLICATION


def test_times_are_in_text_order_and_in_the_json(run_text: MakeArticle) -> None:
    article = run_text("On Monday he left; yesterday he came back; next week he goes again.",
                       stages=["annotate", "dates"])  # fmt: skip
    assert [t.text for t in article.times] == ["Monday", "yesterday", "next week"]
    assert article.to_dict()["times"][1]["value"] == "2020-08-26"


def test_date_for_span_takes_the_first_dated_expression_of_the_clause(run_text: MakeArticle) -> None:
    text = "Police detained dozens on Wednesday. For three days now, protesters marched on Aug. 9 and Aug. 10."
    article = run_text(text, stages=["annotate", "dates"])
    second = text.index("For")
    got = D.date_for_span(article, second, len(text))
    assert got is not None and got.text == "Aug. 9"
    first = D.date_for_span(article, 0, second)
    assert first is not None and first.value == "2020-08-26"
    assert D.date_for_span(article, 0, 10) is None
