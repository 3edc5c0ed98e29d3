//! Attribution end to end: `storyline ingest` stores the `attributions` layer and
//! `storyline article ID --json` shows it, with spans that point into the article's text.

mod common;

use common::*;
use storyline_doc::Article;

#[test]
fn a_stored_article_shows_who_said_what() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("news.jsonl"), tmp.path().join("data"));
    let text = "Selon les pompiers, quatre randonneurs ont été blessés près du lac.\n\n\
                « Le sentier restera fermé », a déclaré la maire de la commune, citée par la radio Valbleue.";
    let record = serde_json::json!({ "id": "a1", "title": "Lac", "lang": "fr", "text": text });
    std::fs::write(&input, format!("{record}\n")).unwrap();
    let out = run(storyline(&data).args(["ingest", "-q"]).arg(&input));
    assert!(out.status.success(), "{}", describe(&out));

    let out = run(storyline(&data).args(["articles", "--json"]));
    let id =
        stdout(&out).lines().next().and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()).unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let out = run(storyline(&data).args(["article", &id, "--json"]));
    assert!(out.status.success(), "{}", describe(&out));
    let a: Article = serde_json::from_slice(&out.stdout).unwrap();
    let layer = &a.layers["attributions"];
    let seen: Vec<(&str, &str, &str)> = layer
        .iter()
        .map(|x| (x.label.as_str(), a.span_text(x.span), x.value["source"]["text"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        seen,
        [
            ("according_to", "quatre randonneurs ont été blessés près du lac", "les pompiers"),
            ("quote", "Le sentier restera fermé", "la maire de la commune"),
        ]
    );
    assert_eq!(layer[1].value["via"][0]["text"], "la radio Valbleue");
    for x in layer {
        let span = &x.value["source"]["span"];
        let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        assert_eq!(&a.text[start..end], x.value["source"]["text"]);
    }
}
