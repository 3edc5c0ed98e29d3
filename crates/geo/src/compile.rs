//! Compiles the gazetteer from the GeoNames and country-name files.

use crate::{Kind, Place, fold, format};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct CompileError(pub PathBuf, pub String);

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.display(), self.1)
    }
}

impl std::error::Error for CompileError {}

/// Reads `dir` (`cities15000.json.gz`, `countries.json.gz`, `country-names/*.json`) and
/// returns the compiled, gzip-compressed gazetteer. The output depends only on the input
/// files: places and names are sorted and the gzip header carries no time.
pub fn compile(dir: &Path) -> Result<Vec<u8>, CompileError> {
    let mut places = Vec::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let add_name = |names: &mut BTreeMap<String, Vec<u32>>, name: &str, id: u32| {
        let key = fold(name);
        // Bare numbers and one-letter keys are codes, not names anyone writes in prose.
        if key.chars().count() < 2 || !key.chars().any(char::is_alphabetic) {
            return;
        }
        let ids = names.entry(key).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    };

    let countries = read_json(&dir.join("countries.json.gz"))?;
    let countries = countries.as_object().ok_or_else(|| err(dir, "countries.json.gz is not an object"))?;
    let mut country_index = BTreeMap::new();
    for (iso, c) in countries {
        let id = places.len() as u32;
        places.push(Place {
            geonameid: c["geonameid"].as_u64().unwrap_or(0) as u32,
            name: c["name"].as_str().unwrap_or(iso).to_owned(),
            country: iso.clone(),
            lat: None,
            lon: None,
            population: c["population"].as_u64().unwrap_or(0),
            kind: Kind::Country,
        });
        country_index.insert(iso.clone(), id);
        add_name(&mut names, c["name"].as_str().unwrap_or(""), id);
    }
    let names_dir = dir.join("country-names");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&names_dir)
        .map_err(|e| err(&names_dir, &e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("codes.json"))
        .collect();
    files.sort();
    for file in files {
        let v = read_json(&file)?;
        let Some(map) = v["countries"].as_object() else { continue };
        for (iso, val) in map {
            let Some(&id) = country_index.get(iso) else { continue };
            match val {
                Value::String(s) => add_name(&mut names, s, id),
                Value::Array(list) => {
                    list.iter().filter_map(Value::as_str).for_each(|s| add_name(&mut names, s, id))
                }
                _ => {}
            }
        }
    }

    let cities = read_json(&dir.join("cities15000.json.gz"))?;
    let cities = cities.as_object().ok_or_else(|| err(dir, "cities15000.json.gz is not an object"))?;
    let mut sorted: Vec<&Value> = cities.values().collect();
    sorted.sort_by_key(|c| c["geonameid"].as_u64().unwrap_or(0));
    for c in sorted {
        let id = places.len() as u32;
        let name = c["name"].as_str().unwrap_or("").to_owned();
        places.push(Place {
            geonameid: c["geonameid"].as_u64().unwrap_or(0) as u32,
            country: c["countrycode"].as_str().unwrap_or("").to_owned(),
            lat: c["latitude"].as_f64(),
            lon: c["longitude"].as_f64(),
            population: c["population"].as_u64().unwrap_or(0),
            kind: Kind::City,
            name: name.clone(),
        });
        add_name(&mut names, &name, id);
        for alt in c["alternatenames"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            add_name(&mut names, alt, id);
        }
    }

    // Most likely reading first: countries, then cities by population.
    let rank = |&i: &u32| {
        let p = &places[i as usize];
        (p.kind != Kind::Country, std::cmp::Reverse(p.population), p.geonameid)
    };
    let names: Vec<(String, Vec<u32>)> = names
        .into_iter()
        .map(|(k, mut ids)| {
            ids.sort_by_key(rank);
            (k, ids)
        })
        .collect();
    Ok(format::encode(&places, &names))
}

fn read_json(path: &Path) -> Result<Value, CompileError> {
    let bytes = std::fs::read(path).map_err(|e| err(path, &e.to_string()))?;
    let mut text = String::new();
    if path.extension().is_some_and(|x| x == "gz") {
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .map_err(|e| err(path, &e.to_string()))?;
    } else {
        text = String::from_utf8(bytes).map_err(|e| err(path, &e.to_string()))?;
    }
    serde_json::from_str(&text).map_err(|e| err(path, &e.to_string()))
}

fn err(path: &Path, msg: &str) -> CompileError {
    CompileError(path.to_owned(), msg.to_owned())
}
