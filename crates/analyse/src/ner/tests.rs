use super::*;

/// A tiny synthetic corpus: invented names in fixed frames, so the model must learn from
/// context and shape, not from memorised entities of real data.
fn corpus(n: usize) -> Vec<Sentence> {
    let people = ["Alin Verost", "Mira Dosanke", "Teo Brask", "Ulla Kemfor", "Ivo Partan", "Sela Mioru"];
    let places = ["Vorlingen", "Castamar", "Ostrev", "Pelbury", "Quintal", "Marovce"];
    let orgs = ["Dakso", "Nervium", "Telquist", "Brandolf"];
    let mut out = Vec::new();
    for i in 0..n {
        let person = people[i % people.len()];
        let place = places[(i / 2) % places.len()];
        let org = orgs[(i / 3) % orgs.len()];
        let mut s = Sentence::default();
        let mut push = |tok: &str, tag: &str| {
            s.tokens.push(tok.into());
            s.tags.push(tag.into());
        };
        let (first, last) = person.split_once(' ').unwrap();
        push("Selon", "O");
        push(org, "B-ORG");
        push(",", "O");
        push(first, "B-PER");
        push(last, "I-PER");
        push("est", "O");
        push("arrivé", "O");
        push("à", "O");
        push(place, "B-LOC");
        push(i.to_string().as_str(), "O");
        push(".", "O");
        out.push(s);
    }
    out
}

fn config() -> TrainConfig {
    TrainConfig { lang: "xx".into(), max_epochs: 5, patience: 5, min_count: 1, ..TrainConfig::default() }
}

#[test]
fn learns_a_tiny_set() {
    let data = corpus(60);
    let model = train(&data[..48], &data[48..], &config(), |_| {}).unwrap();
    let score = evaluate(&model, &data[48..]);
    assert!(score.micro.f1() > 0.95, "{}", score.report());
    // Unseen names in the same frame, so context and shape carry the decision.
    let tags =
        model.tag(&["Selon", "Vantrex", ",", "Oda", "Pilkern", "est", "arrivé", "à", "Lemberdal", "."]);
    assert_eq!(tags, ["O", "B-ORG", "O", "B-PER", "I-PER", "O", "O", "O", "B-LOC", "O"]);
}

#[test]
fn save_load_round_trip_keeps_every_decision() {
    let data = corpus(40);
    let model = train(&data, &[], &config(), |_| {}).unwrap();
    let bytes = model.to_gz();
    let back = Model::from_gz(&bytes).unwrap();
    assert_eq!(back.labels, model.labels);
    assert_eq!(back.lexicon, model.lexicon);
    assert_eq!(back.table.len(), model.table.len());
    for s in &data {
        assert_eq!(back.tag(&s.tokens), model.tag(&s.tokens));
    }
    assert_eq!(back.to_gz(), bytes, "serialisation is deterministic");
}

#[test]
fn training_is_reproducible_and_the_seed_matters() {
    let data = corpus(40);
    let a = train(&data, &[], &config(), |_| {}).unwrap().to_gz();
    let b = train(&data, &[], &config(), |_| {}).unwrap().to_gz();
    assert_eq!(a, b);
    let c = train(&data, &[], &TrainConfig { seed: 7, ..config() }, |_| {}).unwrap().to_gz();
    assert_ne!(a, c);
}

#[test]
fn early_stopping_reports_each_epoch() {
    let data = corpus(30);
    let mut epochs = Vec::new();
    train(&data[..20], &data[20..], &TrainConfig { max_epochs: 4, patience: 1, ..config() }, |r| {
        epochs.push(r.epoch)
    })
    .unwrap();
    assert!(!epochs.is_empty() && epochs.len() <= 4);
    assert_eq!(epochs[0], 1);
}

#[test]
fn corrupt_models_are_errors() {
    assert!(Model::from_gz(b"nope").is_err());
    let data = corpus(10);
    let bytes = train(&data, &[], &config(), |_| {}).unwrap().to_gz();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut raw).unwrap();
    raw.truncate(raw.len() / 2);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &raw).unwrap();
    assert!(Model::from_gz(&gz.finish().unwrap()).is_err());
}

#[test]
fn no_training_data_is_an_error() {
    assert!(train(&[], &[], &config(), |_| {}).is_err());
}

#[test]
fn entities_from_tags() {
    let e = entities(&["B-PER", "I-PER", "O", "B-LOC"]);
    assert_eq!(
        e,
        [Entity { start: 0, end: 2, label: "PER".into() }, Entity { start: 3, end: 4, label: "LOC".into() }]
    );
}
