//! The compiled file: gzip over a varint stream. Names are sorted and front-coded (shared
//! prefix length + suffix), which with gzip keeps 350,000 names in a couple of megabytes.
//!
//! ```text
//! "SLGAZ1" n_places { geonameid cc[2] kind lat lon population name } n_names
//!          { shared suffix_len suffix n_ids { id } }
//! ```
//! Coordinates are zigzag varints of degrees × 10⁵ (about a metre); countries have none.

use crate::{Kind, Place};
use flate2::read::GzDecoder;
use flate2::{Compression, GzBuilder};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use storyline_codec::{Reader, invalid, put, put_signed, put_str};

const MAGIC: &[u8] = b"SLGAZ1";

pub(crate) fn encode(places: &[Place], names: &[(String, Vec<u32>)]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(MAGIC);
    put(&mut b, places.len() as u64);
    for p in places {
        put(&mut b, u64::from(p.geonameid));
        let cc = p.country.as_bytes();
        b.extend_from_slice(&[*cc.first().unwrap_or(&b'?'), *cc.get(1).unwrap_or(&b'?')]);
        b.push(match p.kind {
            Kind::City => 0,
            Kind::Country => 1,
        });
        if p.kind == Kind::City {
            put_signed(&mut b, (p.lat.unwrap_or(0.0) * 1e5).round() as i64);
            put_signed(&mut b, (p.lon.unwrap_or(0.0) * 1e5).round() as i64);
        }
        put(&mut b, p.population);
        put_str(&mut b, &p.name);
    }
    put(&mut b, names.len() as u64);
    let mut prev: &str = "";
    for (name, ids) in names {
        let shared = prev.bytes().zip(name.bytes()).take_while(|(a, b)| a == b).count();
        // Never cut a UTF-8 sequence: step back to a character boundary.
        let shared = (0..=shared).rev().find(|&i| name.is_char_boundary(i)).unwrap_or(0);
        put(&mut b, shared as u64);
        put_str(&mut b, &name[shared..]);
        put(&mut b, ids.len() as u64);
        for &id in ids {
            put(&mut b, u64::from(id));
        }
        prev = name;
    }
    let mut gz = GzBuilder::new().mtime(0).write(Vec::new(), Compression::best());
    gz.write_all(&b).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

pub(crate) type Decoded = (Vec<Place>, HashMap<String, Vec<u32>>);

pub(crate) fn decode(gz: &[u8]) -> io::Result<Decoded> {
    let mut raw = Vec::new();
    GzDecoder::new(gz).read_to_end(&mut raw)?;
    let mut r = Reader::new(&raw, "gazetteer");
    if r.take(MAGIC.len())? != MAGIC {
        return Err(invalid("not a storyline gazetteer"));
    }
    let n = r.get()? as usize;
    let mut places = Vec::with_capacity(n);
    for _ in 0..n {
        let geonameid = r.get()? as u32;
        let country = String::from_utf8_lossy(r.take(2)?).into_owned();
        let kind = match r.take(1)?[0] {
            0 => Kind::City,
            1 => Kind::Country,
            k => return Err(invalid(format!("unknown place kind {k}"))),
        };
        let (lat, lon) = if kind == Kind::City {
            (Some(r.get_signed()? as f64 / 1e5), Some(r.get_signed()? as f64 / 1e5))
        } else {
            (None, None)
        };
        let population = r.get()?;
        let name = r.get_str()?.to_owned();
        places.push(Place { geonameid, name, country, lat, lon, population, kind });
    }
    let n = r.get()? as usize;
    let mut names = HashMap::with_capacity(n);
    let mut prev = String::new();
    for _ in 0..n {
        let shared = r.get()? as usize;
        let suffix = r.get_str()?;
        let mut name = prev.get(..shared).ok_or_else(|| invalid("bad name prefix"))?.to_owned();
        name.push_str(suffix);
        let k = r.get()? as usize;
        let mut ids = Vec::with_capacity(k);
        for _ in 0..k {
            let id = r.get()? as u32;
            if id as usize >= places.len() {
                return Err(invalid("place index out of range"));
            }
            ids.push(id);
        }
        prev.clone_from(&name);
        names.insert(name, ids);
    }
    Ok((places, names))
}
