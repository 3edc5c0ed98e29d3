use super::*;
use std::path::PathBuf;

fn shared_geo() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/geo");
    dir.join("cities15000.json.gz").exists().then_some(dir)
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn shipped_file_is_what_the_compiler_makes() {
    let Some(dir) = shared_geo() else {
        eprintln!("skipped: ../shared/data/geo not found");
        return;
    };
    let compiled = compile(&dir).unwrap();
    // Compare the decompressed streams, so a different zlib build cannot fail the test.
    assert!(
        gunzip(&compiled) == gunzip(EMBEDDED),
        "crates/geo/data/gazetteer.bin.gz is stale: rebuild it with the compile-gazetteer example"
    );
}

#[test]
fn embedded_gazetteer_is_small_and_complete() {
    assert!(EMBEDDED.len() < 5_000_000, "{} bytes", EMBEDDED.len());
    let g = Gazetteer::embedded();
    assert!(g.places().len() > 34_000);
    assert_eq!(g.places().iter().filter(|p| p.kind == Kind::Country).count(), 252);
    assert!(g.max_words() >= 3);
}

#[test]
fn lookups_fold_case_and_diacritics() {
    let g = Gazetteer::embedded();
    let paris = g.lookup("PARIS");
    assert_eq!(paris[0].country, "FR");
    assert_eq!(paris[0].kind, Kind::City);
    assert!((paris[0].lat.unwrap() - 48.85).abs() < 0.1);
    assert_eq!(g.lookup("Genève")[0].geonameid, g.lookup("geneve")[0].geonameid);
    // Alternate names in other scripts and languages.
    assert_eq!(g.lookup("Мюнхен")[0].country, "DE");
    assert_eq!(g.lookup("Munich")[0].geonameid, g.lookup("München")[0].geonameid);
    // Country names in many languages, countries ranked before cities.
    let de = g.lookup("Allemagne");
    assert_eq!((de[0].kind, de[0].country.as_str()), (Kind::Country, "DE"));
    assert_eq!(g.kind_of(&fold("Deutschland")), Some(Kind::Country));
    assert!(g.lookup("Deutschland")[0].lat.is_none());
    assert!(g.lookup("xqzzyplace").is_empty());
}

#[test]
fn corrupt_input_is_an_error_not_a_panic() {
    assert!(Gazetteer::from_gz(b"not gzip").is_err());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, b"SLGAZ1\xff").unwrap();
    assert!(Gazetteer::from_gz(&gz.finish().unwrap()).is_err());
}
