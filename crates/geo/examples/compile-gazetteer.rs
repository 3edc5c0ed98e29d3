//! Rebuilds the shipped gazetteer: `cargo run -p storyline-geo --example compile-gazetteer --
//! ../shared/data/geo crates/geo/data/gazetteer.bin.gz`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: compile-gazetteer GEO_DIR OUT_FILE".into());
    };
    let bytes = storyline_geo::compile(std::path::Path::new(&dir))?;
    std::fs::write(&out, &bytes)?;
    let g = storyline_geo::Gazetteer::from_gz(&bytes)?;
    eprintln!("{out}: {} bytes, {} places, {} names", bytes.len(), g.places().len(), g.name_count());
    Ok(())
}
