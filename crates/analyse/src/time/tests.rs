use super::*;

fn dct(s: &str) -> Option<PartialDateTime> {
    Some(PartialDateTime::parse_iso(s).unwrap())
}

/// The (text, type, value) of each timex found.
fn found(text: &str, lang: Lang, d: &str) -> Vec<(String, &'static str, String)> {
    tag(text, lang, dct(d))
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.kind.as_str(), t.value))
        .collect()
}

fn one(text: &str, lang: Lang, d: &str) -> (String, &'static str, String) {
    let all = found(text, lang, d);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn french_explicit_and_relative_dates() {
    // DCT 1999-05-20 is a Thursday.
    let d = "1999-05-20";
    assert_eq!(
        one("Il est venu le 27 mai 1998.", Lang::Fr, d),
        ("le 27 mai 1998".into(), "DATE", "1998-05-27".into())
    );
    assert_eq!(
        one("Il a parlé hier soir.", Lang::Fr, d),
        ("hier soir".into(), "TIME", "1999-05-19TEV".into())
    );
    assert_eq!(one("Il est parti aujourd'hui.", Lang::Fr, d).2, "1999-05-20");
    assert_eq!(one("Il a parlé mardi.", Lang::Fr, d).2, "1999-05-18");
    assert_eq!(one("Le village fera la fête dimanche.", Lang::Fr, d).2, "1999-05-23");
    assert_eq!(
        one("Il travaille depuis deux semaines.", Lang::Fr, d),
        ("deux semaines".into(), "DURATION", "P2W".into())
    );
    assert_eq!(one("Il est arrivé il y a deux jours.", Lang::Fr, d).2, "1999-05-18");
    assert_eq!(one("Elle est partie la semaine dernière.", Lang::Fr, d).2, "1999-W19");
    assert_eq!(one("Rendez-vous à 21 h 45.", Lang::Fr, d).2, "1999-05-20T21:45");
    assert_eq!(one("Il pleut chaque jour.", Lang::Fr, d), ("chaque jour".into(), "SET", "P1D".into()));
    assert_eq!(one("En 1975, rien.", Lang::Fr, d).2, "1975");
}

#[test]
fn a_month_only_dct_gets_its_day_from_the_text() {
    // DCT 2022-01: "mardi 11 janvier" fixes the day, then "hier" resolves from it.
    let all = found("Mardi 11 janvier, il a parlé. Hier, il était là.", Lang::Fr, "2022-01");
    assert_eq!(all[0], ("Mardi 11 janvier".into(), "DATE", "2022-01-11".into()));
    assert_eq!(all[1].2, "2022-01-10");
    // Without a date in the text, "hier" keeps the DCT's precision.
    assert_eq!(one("Hier, il était là.", Lang::Fr, "2022-01").2, "2022-01");
}

#[test]
fn english_dates_durations_and_quarters() {
    // DCT 1998-01-08 is a Thursday.
    let d = "1998-01-08";
    assert_eq!(
        one("It fell on January 6, 1998.", Lang::En, d),
        ("January 6, 1998".into(), "DATE", "1998-01-06".into())
    );
    assert_eq!(one("He said it on Friday.", Lang::En, d).2, "1998-01-02");
    assert_eq!(one("He will say it Friday.", Lang::En, d).2, "1998-01-09");
    assert_eq!(one("It rose two days ago.", Lang::En, d).2, "1998-01-06");
    assert_eq!(one("It was up last week.", Lang::En, d).2, "1998-W01");
    assert_eq!(one("Prices rose yesterday.", Lang::En, d).2, "1998-01-07");
    assert_eq!(one("a very bad two weeks", Lang::En, d).2, "P2W");
    assert_eq!(one("profit in the third quarter rose", Lang::En, "1989-11-02").2, "1989-Q3");
    assert_eq!(one("It met at 3 p.m. there.", Lang::En, d).2, "1998-01-08T15:00");
    assert_eq!(one("Nov. 9 was fine.", Lang::En, "1989-11-10").2, "1989-11-09");
}

#[test]
fn no_timex_in_plain_numbers() {
    assert!(found("Il a payé 1500 euros pour 3 chaises.", Lang::Fr, "1999-05-20").is_empty());
    assert!(found("The May Company hired 12 people.", Lang::En, "1999-05-20").is_empty());
}

#[test]
fn french_ages_participles_nights_and_clock_times() {
    let d = "1999-05-20";
    assert!(found("Elvis Weiss, 20 ans, a été arrêté.", Lang::Fr, d).is_empty());
    assert_eq!(one("Il a vécu ici 20 ans.", Lang::Fr, d).2, "P20Y");
    assert_eq!(one("Ils ont passé l'été ici.", Lang::Fr, d).2, "1999-SU");
    assert_eq!(
        one("Le vol a eu lieu la nuit de lundi à mardi.", Lang::Fr, d),
        ("la nuit de lundi à mardi".into(), "TIME", "1999-05-17TNI".into())
    );
    // A clock time belongs to the day just mentioned.
    let all = found("Le village fera la fête dimanche. Le bal ouvrira à 22 h.", Lang::Fr, "1999-05-18");
    assert_eq!(all[1], ("22 h".into(), "TIME", "1999-05-23T22:00".into()));
    assert_eq!(one("Depuis octobre 98, rien.", Lang::Fr, d).2, "1998-10");
    // A day and month without a year: the nearest such day to the DCT.
    assert_eq!(one("Il viendra le 3 janvier.", Lang::Fr, "1999-12-20").2, "2000-01-03");
}

#[test]
fn french_sets_and_references() {
    let d = "1999-05-20";
    assert_eq!(one("Il gagne 100 francs par an.", Lang::Fr, d), ("an".into(), "SET", "P1Y".into()));
    assert_eq!(
        one("Pour l'instant, rien.", Lang::Fr, d),
        ("Pour l'instant".into(), "TIME", "PRESENT_REF".into())
    );
    let all = found("Il est arrivé mardi et il est reparti le lendemain.", Lang::Fr, d);
    assert_eq!(all[1], ("lendemain".into(), "DATE", "1999-05-19".into()));
}

#[test]
fn english_extents_follow_timebank() {
    let d = "1989-11-02";
    assert_eq!(one("Sales rose earlier this month.", Lang::En, d).0, "earlier this month");
    assert_eq!(
        one("the third-quarter results", Lang::En, d),
        ("third-quarter".into(), "DATE", "1989-Q3".into())
    );
    assert_eq!(one("He left last June.", Lang::En, d), ("last June".into(), "DATE", "1989-06".into()));
    assert_eq!(
        one("He left Wednesday night.", Lang::En, d),
        ("Wednesday night".into(), "DATE", "1989-11-01TNI".into())
    );
}

#[test]
fn english_year_earlier_follows_the_quarter_in_question() {
    let all =
        found("Profit in the third quarter rose from the year-earlier quarter.", Lang::En, "1989-11-02");
    assert_eq!(all[1], ("the year-earlier quarter".into(), "DATE", "1988-Q3".into()));
    assert_eq!(one("Sales fell last fall.", Lang::En, "1989-06-02").2, "1988-FA");
    // The nearest tense marker decides a weekday's direction.
    assert_eq!(one("Officials said the talks will resume Thursday.", Lang::En, "1998-09-30").2, "1998-10-01");
}

#[test]
fn a_month_alone_is_the_nearest_such_month() {
    assert_eq!(one("Prices in December.", Lang::En, "1999-04-10").2, "1998-12");
    assert_eq!(one("Prices in April.", Lang::En, "1998-12-05").2, "1999-04");
    assert_eq!(one("Prices in June.", Lang::En, "1998-04-05").2, "1998-06");
    // A lone "May" is too ambiguous to tag.
    assert!(found("Prices in May.", Lang::En, "1998-04-05").is_empty());
}

#[test]
fn a_weekday_before_the_full_date_resolves_from_it() {
    // DCT 2022-01; the full date comes in the second sentence: a first pass finds it.
    let all = found(
        "Mardi, les rails étaient vides. Le mercredi 12 janvier, la grève a repris.",
        Lang::Fr,
        "2022-01",
    );
    assert_eq!(all[0], ("Mardi".into(), "DATE", "2022-01-11".into()));
    // The anchor is the latest stated day of the DCT's month, not one announced for later.
    let all = found(
        "Le sommet aura lieu le 20 janvier. Mardi 11 janvier, il a plu. Dimanche dernier aussi.",
        Lang::Fr,
        "2022-01",
    );
    assert_eq!(all[2], ("Dimanche dernier".into(), "DATE", "2022-01-09".into()));
    // A stated day outside the DCT's month does not anchor it.
    assert_eq!(found("Il a plu le 3 mars. Hier aussi.", Lang::Fr, "2022-01")[1].2, "2022-01");
}

#[test]
fn a_part_of_a_week_is_the_week() {
    // 2022-01-14 is the Friday of ISO week 2.
    let all = found(
        "Le vendredi 14 janvier, le port a rouvert. La grève avait commencé en début de semaine.",
        Lang::Fr,
        "2022-01",
    );
    assert_eq!(all[1], ("début de semaine".into(), "DATE", "2022-W02".into()));
    assert_eq!(one("Ils ont voté en fin de semaine dernière.", Lang::Fr, "2022-01-14").2, "2022-W01");
    assert_eq!(one("Prices jumped midweek.", Lang::En, "2022-01-14").2, "2022-W02");
    assert_eq!(
        one("Prices jumped early this week.", Lang::En, "2022-01-14"),
        ("early this week".into(), "DATE", "2022-W02".into())
    );
}

#[test]
fn english_tense_cues() {
    // 1989-10-30 is a Monday: an unmarked weekday is the last one.
    assert_eq!(
        one("The index stands at 1,200, up from 1,100 Thursday.", Lang::En, "1989-10-30").2,
        "1989-10-26"
    );
    // A plan made in the past is about the future.
    assert_eq!(one("Protesters planned a march on Saturday.", Lang::En, "2000-01-07").2, "2000-01-08");
    assert_eq!(one("Protesters were planning a march on Saturday.", Lang::En, "2000-01-07").2, "2000-01-08");
    // "until" does not make a sentence about the future.
    assert_eq!(one("Until Thursday, they had not named him.", Lang::En, "1999-05-07").2, "1999-05-06");
    // A day a few weeks ahead stays ahead in a past-tense sentence; a far one follows the tense.
    assert_eq!(one("Directors approved a split, payable Dec. 7.", Lang::En, "1989-10-27").2, "1989-12-07");
    assert_eq!(one("Its fiscal year ended March 31.", Lang::En, "1989-11-01").2, "1989-03-31");
    assert_eq!(one("The shares rose on Aug. 6.", Lang::En, "1998-02-06").2, "1997-08-06");
}

#[test]
fn english_clock_times_take_the_day_they_name() {
    // 1998-02-09 is a Monday.
    assert_eq!(
        one("The talks will resume at 10 p.m. Wednesday.", Lang::En, "1998-02-09"),
        ("10 p.m. Wednesday".into(), "TIME", "1998-02-11T22:00".into())
    );
    assert_eq!(
        one("Bids are due by 5 p.m. EST Nov. 9.", Lang::En, "1989-11-02"),
        ("5 p.m. EST Nov. 9".into(), "TIME", "1989-11-09T17:00".into())
    );
    assert_eq!(one("The market closed at midnight Friday.", Lang::En, "1989-10-30").2, "1989-10-27T24");
    assert_eq!(one("They met Sunday night.", Lang::En, "2000-03-28").2, "2000-03-26TNI");
}

#[test]
fn english_quarters_and_year_ago_periods() {
    let d = "1989-11-02";
    assert_eq!(one("Profit in the fourth quarter will rise.", Lang::En, d).2, "1989-Q4");
    assert_eq!(one("Profit in the fourth quarter rose.", Lang::En, "1990-02-10").2, "1989-Q4");
    assert_eq!(one("Sales for this year's third quarter rose.", Lang::En, d).2, "1989-Q3");
    assert_eq!(one("a charge in the 1988 second quarter", Lang::En, d).2, "1988-Q2");
    // Two comparisons with the same quarter a year back both give that quarter.
    let all = found(
        "Net rose in the third quarter from a year earlier; sales rose from a year earlier.",
        Lang::En,
        d,
    );
    let values: Vec<&str> = all.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(values, ["1989-Q3", "1988-Q3", "1988-Q3"]);
    // Without a quarter in question, a year.
    assert_eq!(one("the year-earlier results", Lang::En, d).2, "1988");
}

#[test]
fn english_weekends_and_unstated_stretches() {
    // 1990-08-15 is the Wednesday of ISO week 33.
    assert_eq!(one("Talks broke down over the weekend.", Lang::En, "1990-08-15").2, "1990-W32-WE");
    assert_eq!(one("Talks will resume next weekend.", Lang::En, "1990-08-15").2, "1990-W34-WE");
    assert_eq!(
        one("Prices rose in recent years.", Lang::En, "1990-08-15"),
        ("recent years".into(), "DURATION", "PXY".into())
    );
    assert_eq!(one("Prices will rise in the coming weeks.", Lang::En, "1990-08-15").2, "PXW");
    assert_eq!(
        one("Prices rose over the past year.", Lang::En, "1990-08-15"),
        ("the past year".into(), "DATE", "1989".into())
    );
    assert_eq!(one("Sales in the current fiscal year will rise.", Lang::En, "1990-08-15").2, "1990");
    assert!(found("A recent poll found support.", Lang::En, "1990-08-15").is_empty());
}
#[test]
fn anchored_durations_have_bounds() {
    let d = "2022-01-14";
    let t = &tag("Le port est fermé depuis deux semaines.", Lang::Fr, dct(d))[0];
    assert_eq!(t.value, "P2W");
    assert_eq!(t.bounds, Some(Bounds { begin: "2021-12-31".into(), end: d.into() }));
    let t = &tag("Prices will rise over the next three months.", Lang::En, dct(d))[0];
    assert_eq!((t.value.as_str(), t.bounds.clone().unwrap().end), ("P3M", "2022-04-14".to_string()));
    let t = &tag("Les trois derniers jours ont été calmes.", Lang::Fr, dct(d))[0];
    assert_eq!(t.bounds.clone().unwrap().begin, "2022-01-11");
    // An unanchored length has none, nor has any duration without a full-day anchor.
    assert_eq!(tag("un état d'alerte de deux semaines", Lang::Fr, dct(d))[0].bounds, None);
    assert_eq!(tag("depuis deux semaines", Lang::Fr, dct("2022-01"))[0].bounds, None);
    assert_eq!(one("Ils ont dansé la soirée dernière.", Lang::Fr, d).2, "2022-01-13TEV");
}

#[test]
fn holidays_and_months_written_as_one_token() {
    // Thanksgiving 1999 was Thursday, November 25.
    assert_eq!(one("Sales rose after Thanksgiving.", Lang::En, "1999-12-01").2, "1999-11-25");
    assert_eq!(one("Shops close on Christmas Day.", Lang::En, "2021-12-10").2, "2021-12-25");
    assert_eq!(one("Les magasins fermeront à Noël.", Lang::Fr, "2021-12-10").2, "2021-12-25");
    assert!(found("They sold christmas trees.", Lang::En, "2021-12-10").is_empty());
    assert_eq!(
        one("Talks resume in mid-November.", Lang::En, "1989-10-26"),
        ("mid-November".into(), "DATE", "1989-11".into())
    );
}

#[test]
fn english_numbers_that_are_not_times() {
    let d = "1989-11-02";
    assert!(found("Mr. Brandt, 52 years old, resigned.", Lang::En, d).is_empty());
    assert!(found("Holders own three-quarters of the shares.", Lang::En, d).is_empty());
    assert!(found("The index closed at 1678.5, and bonds at $1500.", Lang::En, d).is_empty());
    assert_eq!(one("The site has stood for two thousand years.", Lang::En, d).2, "P2000Y");
}

#[test]
fn english_whole_years_and_spelled_years() {
    let d = "1989-11-02";
    assert_eq!(
        one("Net income for the year rose.", Lang::En, d),
        ("the year".into(), "DURATION", "P1Y".into())
    );
    assert_eq!(one("Sales for the full year will rise.", Lang::En, d).2, "1989");
    assert_eq!(one("The deal should close by year-end.", Lang::En, d).2, "1989");
    assert_eq!(one("It happened in nineteen ninety-six.", Lang::En, d).2, "1996");
    assert_eq!(one("Plans for the year two thousand", Lang::En, d).2, "2000");
    assert_eq!(one("It was the winter of nineteen ninety-four.", Lang::En, d).2, "1994-WI");
}

#[test]
fn english_expressions_that_refer_back() {
    let all =
        found("The plant opened on March 3, 1995. The following year, it closed.", Lang::En, "1999-05-20");
    assert_eq!(all[1], ("The following year".into(), "DATE", "1996".into()));
    // 1989-10-27 was a Friday.
    let all = found(
        "The bid expired Oct. 27, 1989; it had been raised the previous Friday.",
        Lang::En,
        "1989-11-02",
    );
    assert_eq!(all[1], ("the previous Friday".into(), "DATE", "1989-10-20".into()));
    let all = found("He arrived on Oct. 3, 1990, and left the next morning.", Lang::En, "1990-11-02");
    assert_eq!(all[1].2, "1990-10-04TMO");
    assert_eq!(one("Fighting resumed last night.", Lang::En, "2000-01-07").2, "2000-01-06TNI");
    assert_eq!(one("Talks ran during the week of March 6.", Lang::En, "2000-02-24").2, "2000-W10");
    // 1998-03-05 is a Thursday.
    assert_eq!(one("The vote is set for this coming Sunday.", Lang::En, "1998-03-05").2, "1998-03-08");
}

#[test]
fn english_durations_halves_and_vague_lengths() {
    let d = "1998-03-05";
    assert_eq!(one("It lasted 5 1/2 hours.", Lang::En, d).2, "PT5H30M");
    assert_eq!(
        one("It lasted a minute and a half.", Lang::En, d),
        ("a minute and a half".into(), "DURATION", "PT1M30S".into())
    );
    assert_eq!(one("It began a few years ago.", Lang::En, d).2, "PAST_REF");
    assert_eq!(one("It will take two more weeks.", Lang::En, d).2, "P2W");
    assert_eq!(one("It will rise in the near future.", Lang::En, d).2, "FUTURE_REF");
    assert_eq!(
        one("Prices doubled over the past decade.", Lang::En, d),
        ("the past decade".into(), "DURATION", "P10Y".into())
    );
    assert_eq!(one("It lasted two decades.", Lang::En, d).2, "P20Y");
    assert_eq!(one("It took a few days.", Lang::En, d).0, "a few days");
}

#[test]
fn weekly_sets() {
    let d = "1998-03-05";
    assert_eq!(
        one("The club meets every Thursday.", Lang::En, d),
        ("every Thursday".into(), "SET", "XXXX-WXX-4".into())
    );
    assert_eq!(one("The shop is closed on Mondays.", Lang::En, d).2, "XXXX-WXX-1");
    assert_eq!(one("Le club se réunit tous les jeudis.", Lang::Fr, d).2, "XXXX-WXX-4");
}

#[test]
fn the_quarter_is_the_one_in_question() {
    let all = found("Profit in the first quarter fell; the quarter was weak.", Lang::En, "1989-11-02");
    let values: Vec<&str> = all.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(values, ["1989-Q1", "1989-Q1"]);
    assert_eq!(one("Profit fell from the 1988 period.", Lang::En, "1989-11-02").2, "1988-Q4");
}
