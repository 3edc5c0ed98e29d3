//! Stories made at ingest: the product scenario's two articles on one event form one story,
//! and ingesting them again changes nothing.

mod common;

use common::{describe, run, seeds_dir, stdout, storyline};
use serde_json::Value;

fn stories(data: &std::path::Path) -> Value {
    let o = run(storyline(data).args(["stories", "--json"]));
    assert!(o.status.success(), "{}", describe(&o));
    serde_json::from_str(&stdout(&o)).expect("a JSON array")
}

#[test]
fn the_seed_articles_form_one_story_and_reingest_keeps_it() {
    let Some(seeds) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(storyline(&data).arg("ingest").arg(&seeds));
    assert!(o.status.success(), "{}", describe(&o));
    let first = stories(&data);
    assert_eq!(first.as_array().map(Vec::len), Some(1), "{first}");
    assert_eq!(first[0]["size"], 2, "{first}");
    let o = run(storyline(&data).arg("ingest").arg(&seeds));
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(stories(&data), first);
}

/// An undated article takes the date of the dated article of its story, marked inferred, and
/// its weekdays are then resolved from it.
#[test]
fn an_undated_article_is_dated_from_its_story() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let body = "La grève des dockers de Port-Velmar a paralysé le terminal de conteneurs de la ville. \
        Les syndicats de Port-Velmar réclament une hausse des salaires et la direction du terminal refuse.";
    std::fs::write(
        input.join("a.txt"),
        format!("---\ndate: 2031-05\nlang: fr\n---\nLe vendredi 9 mai, {body} Les négociations reprendront lundi.\n"),
    )
    .unwrap();
    std::fs::write(
        input.join("b.txt"),
        format!("---\nlang: fr\n---\nDepuis mercredi, {body} Le terminal était fermé mardi.\n"),
    )
    .unwrap();
    let data = tmp.path().join("data");
    let o = run(storyline(&data).arg("ingest").arg(&input));
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(stories(&data).as_array().map(Vec::len), Some(1), "one story");
    let o = run(storyline(&data).args(["articles", "--json"]));
    let undated: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|row| {
            let o = run(storyline(&data).args(["article", row["id"].as_str().unwrap(), "--json"]));
            serde_json::from_str(&stdout(&o)).unwrap()
        })
        .filter(|a: &Value| a["meta"]["published"]["source"] == "inferred")
        .collect();
    assert_eq!(undated.len(), 1, "the article without a date gets one");
    let a = &undated[0];
    // The dated article says "2031-05" and states Friday 9 May in its text: that day anchors it.
    assert_eq!(a["meta"]["published"]["date"], "2031-05-09");
    let values: Vec<&str> = a["layers"]["timex"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["value"]["value"].as_str())
        .collect();
    assert!(values.contains(&"2031-05-07") && values.contains(&"2031-05-06"), "{values:?}");

    // Ingesting again changes nothing.
    let before = run(storyline(&data).args(["article", a["id"].as_str().unwrap(), "--json"]));
    assert!(run(storyline(&data).arg("ingest").arg(&input)).status.success());
    let after = run(storyline(&data).args(["article", a["id"].as_str().unwrap(), "--json"]));
    assert_eq!(stdout(&before), stdout(&after));
}

/// A wire story republished with small edits is a copy: it joins the original's story, and
/// the story view names its canonical copy.
#[test]
fn a_near_copy_joins_its_original_and_knows_its_canonical_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let paragraphs = [
        "The harbour authority of Port Velmar closed the northern container terminal on Monday after a fire broke out in a warehouse storing lithium batteries.",
        "Firefighters from three districts worked through the night to contain the blaze, which sent a column of black smoke over the old town and the fishing quay.",
        "Residents of the quay district were told to keep their windows shut, and two schools near the port stayed closed on Tuesday as a precaution.",
        "The authority said the terminal would reopen once inspectors had checked the cranes and the storage sheds, which could take until the end of the week.",
    ];
    let original = format!(
        "---\ndate: 2031-05-12\nlang: en\ntitle: Fire closes Port Velmar terminal\n---\n{}\n",
        paragraphs.join("\n\n")
    );
    let copy = format!(
        "---\ndate: 2031-05-12\nlang: en\ntitle: Warehouse blaze shuts container terminal\n---\nAdvertisement\n\n{}\n\nRead more\n",
        paragraphs[..3].join("\n\n")
    );
    std::fs::write(input.join("a.txt"), original).unwrap();
    std::fs::write(input.join("b.txt"), copy).unwrap();
    let data = tmp.path().join("data");
    assert!(run(storyline(&data).arg("ingest").arg(&input)).status.success());
    let listed = stories(&data);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    let o = run(storyline(&data).args(["story", &listed[0]["id"].to_string(), "--json"]));
    let story: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let articles = story["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    let copies: Vec<&Value> = articles.iter().filter(|a| a["copy_of"].is_string()).collect();
    assert_eq!(copies.len(), 1, "{story}");
    let canonical = articles.iter().find(|a| a["copy_of"].is_null()).unwrap();
    assert_eq!(copies[0]["copy_of"], canonical["id"]);
}
