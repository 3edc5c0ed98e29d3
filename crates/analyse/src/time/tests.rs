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
    // DCT 2022-01: "jeudi 6 janvier" fixes the day, then "hier" resolves from it.
    let all = found("Jeudi 6 janvier, il a parlé. Hier, il était là.", Lang::Fr, "2022-01");
    assert_eq!(all[0], ("Jeudi 6 janvier".into(), "DATE", "2022-01-06".into()));
    assert_eq!(all[1].2, "2022-01-05");
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
    assert_eq!(one("Sales rose earlier this month.", Lang::En, d).0, "this month");
    assert_eq!(
        one("the third-quarter results", Lang::En, d),
        ("third-quarter".into(), "DATE", "1989-Q3".into())
    );
    assert_eq!(one("He left last June.", Lang::En, d), ("last June".into(), "DATE", "1989-06".into()));
    assert_eq!(
        one("He left Wednesday night.", Lang::En, d),
        ("Wednesday night".into(), "DATE", "1989-11-01".into())
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
