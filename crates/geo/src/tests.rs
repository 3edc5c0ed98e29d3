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

mod geocoding {
    use super::*;

    fn resolve_in<'g>(g: &'g Geocoder, names: &[&str], which: &str) -> Geocoded<'g> {
        let at = names.iter().position(|n| *n == which).unwrap();
        g.resolve_all(names)[at].clone().unwrap_or_else(|| panic!("{which} not resolved"))
    }

    #[test]
    fn a_name_alone_is_its_most_important_place() {
        let g = Geocoder::new(Gazetteer::embedded());
        let london = g.resolve("London").unwrap();
        assert_eq!((london.place.country.as_str(), london.precision), ("GB", GeoPrecision::City));
        assert!(london.candidates > 1, "London is ambiguous");
        assert!(london.confidence > 0.9, "{}", london.confidence);
        assert!((london.lat - 51.5).abs() < 0.2 && london.lon.abs() < 0.3);
        assert!(g.resolve("Nowhereville Upon Qzx").is_none());
    }

    #[test]
    fn other_places_of_the_text_pick_the_reading() {
        let g = Geocoder::new(Gazetteer::embedded());
        let names = ["Toronto", "London", "Hamilton", "Canada"];
        let london = resolve_in(&g, &names, "London");
        assert_eq!(london.place.country, "CA");
        assert!((london.lon + 81.2).abs() < 0.5, "London, Ontario: {}", london.lon);
        // Hamilton too is read in Canada, not in New Zealand or Scotland.
        assert_eq!(resolve_in(&g, &names, "Hamilton").place.country, "CA");
    }

    #[test]
    fn former_and_foreign_names_resolve_to_the_place() {
        let g = Geocoder::new(Gazetteer::embedded());
        let bombay = g.resolve("Bombay").unwrap();
        assert_eq!(bombay.place.geonameid, g.resolve("Mumbai").unwrap().place.geonameid);
        let de = g.resolve("Allemagne").unwrap();
        assert_eq!((de.place.country.as_str(), de.precision), ("DE", GeoPrecision::Country));
        assert_eq!(g.resolve("Berlin").unwrap().lat, de.lat, "a country is shown at its largest city");
    }

    #[test]
    fn a_place_at_odds_with_the_text_gets_a_low_fit() {
        let g = Geocoder::new(Gazetteer::embedded());
        let names = ["Lyon", "Marseille", "France", "Toulouse", "Chicago"];
        let chicago = resolve_in(&g, &names, "Chicago");
        let lyon = resolve_in(&g, &names, "Lyon");
        assert_eq!(chicago.place.country, "US");
        assert!(chicago.confidence > 0.9, "Chicago is surely Chicago: {}", chicago.confidence);
        assert!(chicago.fit < 0.3, "but it fits nothing else of the text: {}", chicago.fit);
        assert!(lyon.fit > 0.9, "{}", lyon.fit);
    }
}
