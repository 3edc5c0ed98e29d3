use super::*;

fn q(text: &str, lang: &str) -> Vec<Quantity> {
    quantities(text, lang)
}
