from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from grounding.text.quantities import (
    Bound,
    QuantityKind,
    centuries,
    decades,
    in_decade,
    literal_quantity,
    month_years,
    parse_quantities,
    qualified_start,
    same_quantity,
    unit_in_template,
    years_in,
)


def values(text):
    return [(q.kind, q.value) for q in parse_quantities(text)]


def test_numbers_with_separators_scales_and_words():
    assert values("It has 328,170 people") == [(QuantityKind.NUMBER, 328170.0)]
    assert values("about 3.5 million residents") == [(QuantityKind.NUMBER, 3.5e6)]
    assert values("two million people") == [(QuantityKind.NUMBER, 2e6)]
    assert values("a 1.2 bn deal") == [(QuantityKind.NUMBER, 1.2e9)]


def test_years_and_dates_are_not_plain_numbers():
    found = parse_quantities("Born on March 2, 1991, she won in 2019; the ISO date is 2020-01-31.")
    assert [q.kind for q in found] == [QuantityKind.DATE, QuantityKind.YEAR, QuantityKind.DATE]
    assert found[0].day == date(1991, 3, 2) and found[2].day == date(2020, 1, 31)
    assert parse_quantities("2 March 1991")[0].day == date(1991, 3, 2)
    assert values("1,879 soldiers") == [(QuantityKind.NUMBER, 1879.0)]  # a separator means a count


def test_units_convert_to_a_common_base():
    (miles,) = parse_quantities("3.85 million square miles")
    graph = literal_quantity("9984670", "http://www.w3.org/2001/XMLSchema#decimal", "square kilometres")
    assert miles.dimension == graph.dimension == "area"
    assert same_quantity(miles, graph)
    (km,) = parse_quantities("1,200 km")
    assert km.value == 1_200_000.0 and km.dimension == "length"
    assert same_quantity(km, graph) is None  # length and area never compare


def test_temperature_scales_never_compare_with_each_other():
    celsius, fahrenheit = parse_quantities("100 degrees Celsius, or 212 °F")
    assert celsius.dimension != fahrenheit.dimension
    assert same_quantity(parse_quantities("100 degrees Fahrenheit")[0], celsius) is None  # no factor converts them
    assert same_quantity(parse_quantities("100 °F")[0], fahrenheit) is False
    assert same_quantity(parse_quantities("212 degrees Fahrenheit")[0], fahrenheit)


def test_tolerance_and_hedges():
    actual = literal_quantity("328170", "http://www.w3.org/2001/XMLSchema#integer")
    (exact,) = parse_quantities("328,170")
    (hedged,) = parse_quantities("about 350,000")
    (bare,) = parse_quantities("350,000")
    assert same_quantity(exact, actual)
    assert hedged.approximate and same_quantity(hedged, actual)  # 6.7% off, allowed with "about"
    assert same_quantity(bare, actual) is False


def test_years_compare_exactly():
    actual = literal_quantity("1879", "http://www.w3.org/2001/XMLSchema#gYear")
    assert same_quantity(parse_quantities("in 1879")[0], actual)
    assert same_quantity(parse_quantities("in 1897")[0], actual) is False
    year, count = parse_quantities("in 2010")[0], parse_quantities("11 years early")[0]
    assert same_quantity(year, count) is None and same_quantity(count, year) is None  # either way round


def test_unit_from_template():
    assert unit_in_template("The area of {s} is {o} square kilometres.") == "square kilometres"
    assert unit_in_template("The capital of {s} is {o}.") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_round_trip(number):
    text = f"The value is {number:,} units."
    parsed = [q for q in parse_quantities(text) if q.kind == QuantityKind.NUMBER]
    if 1000 <= number <= 2100 and "," not in f"{number:,}":
        return
    assert parsed and parsed[0].value == number


@given(st.text(max_size=80))
def test_spans_index_the_text(text):
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.text


def test_durations_in_digits_and_in_words_compare_in_seconds():
    (words,) = parse_quantities("The flight takes an hour and a half.")
    (digits,) = parse_quantities("The flight takes 90 minutes.")
    assert words.text == "an hour and a half" and words.dimension == digits.dimension == "time"
    assert same_quantity(words, digits)
    assert values("half an hour") == [(QuantityKind.NUMBER, 1800.0)]
    assert values("two and a half hours") == [(QuantityKind.NUMBER, 9000.0)]
    assert values("a quarter of an hour") == [(QuantityKind.NUMBER, 900.0)]
    assert same_quantity(*parse_quantities("2 hours, 150 minutes")) is False
    assert parse_quantities("for a second time") == []  # an ordinal, not a duration


def test_a_measure_in_words_compares_with_its_digits():
    (words,) = parse_quantities("The bridge is half a kilometre long.")
    (digits,) = parse_quantities("The bridge spans 500 metres.")
    assert words.text == "half a kilometre" and words.dimension == digits.dimension == "length"
    assert same_quantity(words, digits)
    assert values("a mile and a half") == [(QuantityKind.NUMBER, 2414.016)]
    assert values("three kilometres") == [(QuantityKind.NUMBER, 3000.0)]
    assert same_quantity(*parse_quantities("two litres, 2,500 ml")) is False


def test_a_count_of_calendar_periods_in_words_is_a_number_with_its_period():
    (weeks,) = parse_quantities("two weeks later")
    assert (weeks.value, weeks.unit, weeks.text, weeks.dimension) == (2 * 604800.0, "weeks", "two weeks", "time")
    (years,) = parse_quantities("every four years")
    assert (years.value, years.unit, years.dimension) == (4.0, "years", None)  # a year has no fixed length
    assert parse_quantities("once a year") == []  # a rate, not a count


def test_days_and_weeks_are_durations_that_convert():
    (weeks,) = parse_quantities("The course lasts six weeks.")
    (days,) = parse_quantities("It runs for 42 days.")
    (hours,) = parse_quantities("It takes 24 hours.")
    assert same_quantity(weeks, days) and same_quantity(hours, parse_quantities("one day")[0]) is not False
    assert same_quantity(days, parse_quantities("40 days")[0]) is False


def test_decades_months_and_years_in_text():
    assert decades("It opened in the 1990s, not the 1980's.") == [(13, 22, 1990), (28, 38, 1980)]
    assert years_in("in 1997, with 2,000 staff, a 1990s design and 1999.5 points") == {1997}
    assert in_decade(1997, 1990) and not in_decade(2000, 1990)
    assert month_years("released in June 2007, on 17 June 2008 and on July 4, 2009") == ((12, 21, 2007),)


def test_volumes_and_small_masses_convert():
    (gallons,) = parse_quantities("about 5 gallons")
    (litres,) = parse_quantities("5 litres")
    assert gallons.dimension == litres.dimension == "volume" and same_quantity(gallons, litres) is False
    (milligrams,) = parse_quantities("500 mg")
    assert same_quantity(milligrams, parse_quantities("0.5 grams")[0])


def test_grams_centimetres_and_micrograms_are_units_but_a_networks_g_is_not():
    assert same_quantity(_one("4 g"), _one("4,000 mg")) and _one("500g").dimension == "mass"
    assert same_quantity(_one("30 cm"), _one("300 mm")) and same_quantity(_one("1 metre"), _one("100 centimetres"))
    assert same_quantity(_one("50 mcg"), _one("0.05 mg")) and same_quantity(_one("12 inches"), _one("30.48 cm"))
    assert _one("a 4G phone").dimension is None and _one("the 5G rollout").unit is None


def test_the_sets_of_a_match_are_one_score_compared_whole_with_as_many_sets():
    line = _one("She won 4-6 7-6(3) 6-3.")
    assert line.text == "4-6 7-6(3) 6-3" and line.dimension == "3 sets"
    assert same_quantity(line, _one("beat her 4-6, 7-6 (3), 6-3 in the final")) is True
    assert same_quantity(line, _one("beat her 4-6, 7-6 (3), 7-5 in the final")) is False
    assert same_quantity(line, _one("were thrashed 6-0 6-3 in the doubles")) is None  # another match
    assert [q.text for q in parse_quantities("aged 6-9 months")] == ["6", "9"]  # a range, not a line


def _one(text: str):
    (quantity,) = parse_quantities(text)
    return quantity


def test_times_of_day_on_either_clock_compare_to_the_minute():
    assert _one("at 11 pm").value == _one("at 23:00").value == 23 * 60
    assert _one("at 12 am").value == 0 and _one("at 12pm").value == 12 * 60
    assert _one("opens at 9:30 a.m. daily").text == "9:30 a.m."
    assert _one("The last train leaves at 11 pm.").text == "11 pm"  # the full stop is the sentence's
    assert same_quantity(_one("at 11 pm"), _one("at 23:00"))
    assert same_quantity(_one("at 10:45 pm"), _one("at 23:00")) is False  # 1% apart, yet another time
    assert same_quantity(_one("at about 10:50 pm"), _one("at 23:00"))  # within the hedge
    assert same_quantity(_one("at 11 pm"), _one("11 trains")) is None


def test_data_sizes_convert():
    assert same_quantity(_one("128 GB of storage"), _one("128 gigabytes of storage"))
    assert same_quantity(_one("2 TB"), _one("2,000 gigabytes"))
    assert same_quantity(_one("64 GB"), _one("128 gigabytes")) is False


def test_a_game_result_is_one_score_whichever_side_comes_first():
    assert same_quantity(_one("Spain beat England 2-1"), _one("England lost 1-2"))
    assert same_quantity(_one("The match ended 3-1."), _one("The match finished 3-2 after extra time.")) is False
    assert _one("a 2-2 draw").dimension == "score"
    # ranges, seasons and plain pairs of numbers are no result
    assert all(q.dimension is None for q in parse_quantities("aged 18-25, pages 10-20, in 2010-11"))


def test_centuries_hold_their_years():
    assert centuries("founded in the nineteenth century") == [(11, 33, 1800, 1899)]
    assert [c[2:] for c in centuries("the 21st century and the twenty-first century")] == [(2000, 2099)] * 2
    assert centuries("the 1990s") == []


def test_a_duration_said_in_several_units_is_one_amount():
    (race,) = parse_quantities("She finished in 2 hours 54 minutes.")
    assert race.text == "2 hours 54 minutes" and race.value == 2 * 3600 + 54 * 60
    assert [q.text for q in parse_quantities("a record of 3 minutes, 43 seconds")] == ["3 minutes, 43 seconds"]
    assert values("1 hour and 40 minutes") == [(QuantityKind.NUMBER, 6000.0)]
    # a smaller unit first, or another measure, stays apart
    assert len(parse_quantities("40 minutes 2 hours")) == 2
    assert len(parse_quantities("2 hours 54 km")) == 2


def test_a_number_said_as_a_limit_is_a_bound():
    (more,) = parse_quantities("The company employs more than 5,000 people.")
    (most,) = parse_quantities("Take no more than 4 g a day.")
    (under,) = parse_quantities("in under three hours")
    assert more.bound == Bound.AT_LEAST and most.bound == Bound.AT_MOST and under.bound == Bound.AT_MOST
    text = "Take no more than 4 g a day."
    assert text[qualified_start(text, most) : most.end] == "no more than 4 g"
    hedged = "It takes about 40 minutes."
    assert hedged[qualified_start(hedged, parse_quantities(hedged)[0]) :] == "about 40 minutes."
    assert parse_quantities("over the past 10 years")[0].bound is None  # "over" that is not before the number
    assert parse_quantities("clover 5 leaves")[0].bound is None
    # a restatement in another unit keeps the bound: a threshold, not a temperature someone has
    celsius, fahrenheit = parse_quantities("a temperature above 38 degrees Celsius (100.4 degrees Fahrenheit)")
    assert celsius.bound == fahrenheit.bound == Bound.AT_LEAST


def test_a_bound_holds_of_the_values_inside_it_and_leaves_open_what_it_does_not_say():
    (more,) = parse_quantities("more than 5,000")
    (fewer,) = parse_quantities("fewer than 20")
    (under,) = parse_quantities("under three hours")
    (inside,), (outside,) = parse_quantities("5,800"), parse_quantities("4,000")
    assert same_quantity(more, inside) is True and same_quantity(more, outside) is False
    assert same_quantity(under, parse_quantities("2 hours 54 minutes")[0]) is True
    assert same_quantity(under, parse_quantities("3 hours 10 minutes")[0]) is False
    # the evidence's bound: a value inside it is left open, one outside it is ruled out
    assert same_quantity(inside, more) is None and same_quantity(outside, more) is False
    # bounds the other way round conflict only where nothing lies between them
    assert same_quantity(more, parse_quantities("fewer than 6,000")[0]) is None
    assert same_quantity(parse_quantities("more than 30")[0], fewer) is False
    # a count is bounded only by a count
    assert same_quantity(more, parse_quantities("two weeks")[0]) is None


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_a_bound_agrees_with_the_order_of_the_numbers(limit, value):
    (at_least,) = parse_quantities(f"at least {limit:,} people")
    (at_most,) = parse_quantities(f"at most {limit:,} people")
    (plain,) = parse_quantities(f"{value:,} people")
    assert same_quantity(at_least, plain) is (value >= limit * 0.98)
    assert same_quantity(at_most, plain) is (value <= limit * 1.02)
