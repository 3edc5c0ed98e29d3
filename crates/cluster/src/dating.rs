//! Dating an undated article from its story.
//!
//! An article with no date (a copy stripped of its header, a feed item without one) cannot
//! resolve "mardi" or "last week". Once it has joined a story, the story's other articles say
//! when it was written, near enough: it reports the same happening. Its date is then the
//! earliest *reference date* among the story's dated articles, marked as inferred.
//!
//! An article's reference date is its publication date when that gives the day; when it gives
//! only the month or year (`2022-01`), it is the day the temporal tagger anchors that article's
//! own relative expressions on (`storyline_analyse::time::reference_day`: the latest full date
//! the text states in that period, outside sentences about the future); else the publication
//! date as it is.
//! Dates more than [`CONSISTENT_DAYS`] away from the story's median are left out, so that one
//! article with a wrong date (an old page re-dated, a bad header) cannot date the rest.

use storyline_analyse::time::{Lang, reference_day};
use storyline_doc::{Article, MetaSource, PartialDateTime, Precision};

/// How far from the story's median reference date an article's date may lie and still count.
pub const CONSISTENT_DAYS: i64 = 30;

/// The date an article gives its story: see the module docs. `None` for an article without a
/// date of its own (an inferred one does not count: it came from the story).
pub fn reference_date(article: &Article) -> Option<PartialDateTime> {
    let published = article.meta.published.as_ref().filter(|d| d.source != MetaSource::Inferred)?;
    let language = article.meta.language.as_ref().map(|l| l.code.as_str());
    Some(reference_date_of(published.date, language, &article.text))
}

/// [`reference_date`] from the parts it reads: the article's own publication date (not an
/// inferred one), its language code and its text.
pub fn reference_date_of(published: PartialDateTime, language: Option<&str>, text: &str) -> PartialDateTime {
    if published.precision() >= Precision::Day {
        return published.truncate(Precision::Day);
    }
    let stated = language.and_then(Lang::from_code).and_then(|lang| reference_day(text, lang, published));
    stated.unwrap_or(published)
}

/// The date to give the story's undated articles: the earliest consistent reference date of
/// its dated ones, or `None` when none is dated.
pub fn story_date<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Option<PartialDateTime> {
    earliest_consistent(articles.into_iter().filter_map(reference_date).collect())
}

/// The earliest of the story's reference dates that lies within [`CONSISTENT_DAYS`] of their
/// median.
pub fn earliest_consistent(mut dates: Vec<PartialDateTime>) -> Option<PartialDateTime> {
    if dates.is_empty() {
        return None;
    }
    dates.sort_by_key(day_number);
    let median = day_number(&dates[dates.len() / 2]);
    dates.into_iter().find(|d| (day_number(d) - median).abs() <= CONSISTENT_DAYS)
}

/// Days since 1970-01-01 of a date's first day (a month counts from its 1st).
fn day_number(d: &PartialDateTime) -> i64 {
    storyline_doc::date::days_from_civil(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_doc::{DatedBy, Language, Metadata, Provenance};

    fn article(published: Option<(&str, MetaSource)>, text: &str) -> Article {
        let raw = format!("{published:?} {text}");
        let meta = Metadata {
            published: published.map(|(d, s)| DatedBy::new(PartialDateTime::parse_iso(d).unwrap(), s)),
            language: Some(Language { code: "fr".into(), confidence: 1.0, source: MetaSource::Container }),
            ..Metadata::default()
        };
        Article::from_paragraphs(Provenance::new("a.txt", None, raw.as_bytes()), meta, [text])
    }

    #[test]
    fn a_month_date_is_refined_by_the_day_its_text_is_written_from() {
        let text = "Le 2 novembre 2020, rien. Le mardi 9 mars, la digue a cédé. Le 12 mars, on réparera.";
        let a = article(Some(("2021-03", MetaSource::Container)), text);
        assert_eq!(reference_date(&a).unwrap().to_string(), "2021-03-09", "the 12th is in the future");
        let b = article(Some(("2021-03", MetaSource::Container)), "Le 1er avril, la digue a cédé.");
        assert_eq!(reference_date(&b).unwrap().to_string(), "2021-03");
        let c = article(Some(("2021-03-15T10:00", MetaSource::MetaTag)), text);
        assert_eq!(reference_date(&c).unwrap().to_string(), "2021-03-15");
        assert_eq!(reference_date(&article(None, text)), None);
        assert_eq!(reference_date(&article(Some(("2021-03-02", MetaSource::Inferred)), "")), None);
    }

    #[test]
    fn the_story_date_is_the_earliest_consistent_one() {
        let dated = [
            article(Some(("2021-03-15", MetaSource::Container)), ""),
            article(Some(("2021-03-12", MetaSource::Container)), ""),
            // A page dated years off: not consistent with the rest.
            article(Some(("2019-06-01", MetaSource::Url)), ""),
            article(None, ""),
        ];
        assert_eq!(story_date(&dated).unwrap().to_string(), "2021-03-12");
        assert_eq!(story_date(&[article(None, "")]), None);
    }

    #[test]
    fn day_numbers_count_days() {
        let d = |s: &str| day_number(&PartialDateTime::parse_iso(s).unwrap());
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2000-03-01") - d("2000-02-28"), 2);
        assert_eq!(d("2022-01"), d("2022-01-01"));
    }
}
