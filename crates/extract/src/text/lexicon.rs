//! The vocabulary of page furniture, per language.
//!
//! Web pages surround an article with the same few kinds of interface text whatever the
//! outlet: advertising labels, "read more" links, subscription prompts, share and follow
//! buttons, video and photo labels. These lists hold the words such text is made of (collected
//! from common CMS templates in each language), split into *cue* words, which only interface
//! text uses on their own, and *glue* words (pronouns, articles, prepositions) that join them.
//! A line made only of these words, with at least one cue, is furniture; a sentence that merely
//! contains one is not. The lists are lower-case; lookups fold case but keep diacritics.

/// Words that mark interface text.
#[rustfmt::skip]
pub const CUES: &[&str] = &[
    // English
    "advertisement", "advert", "ad", "ads", "sponsored", "promoted", "read", "more", "continue",
    "reading", "subscribe", "subscribed", "subscription", "newsletter", "newsletters", "sign",
    "signup", "login", "log", "register", "share", "shares", "tweet", "email", "print", "follow",
    "comments", "comment", "watch", "video", "videos", "photo", "photos", "gallery", "click",
    "listen", "audio", "related", "recommended", "trending", "advertising", "story", "stories",
    "topics", "next", "previous", "close", "menu", "cookies", "accept", "min", "mins", "updated",
    "published", "loading", "play", "replay", "back", "top", "skip", "content", "free", "trial",
    "unlimited", "access", "offer",
    // French
    "publicité", "pub", "lire", "suite", "aussi", "abonner", "abonne", "abonnez", "abonnez-vous",
    "abonnement", "abonnés", "inscrire", "inscrivez-vous", "inscription", "partager",
    "partagez", "suivez-nous", "suivre", "commentaires", "commentaire", "commenter", "voir",
    "vidéo", "vidéos", "diaporama", "cliquez", "écouter", "lecture", "fermer", "réservé", "offre",
    "découvrir", "connecter", "connexion", "retrouvez", "recevoir", "newsletter", "articles",
    "article", "sujets", "accueil", "ajouter", "favoris", "imprimer",
    // German
    "anzeige", "werbung", "weiterlesen", "lesen", "mehr", "abonnieren", "abonnement", "abo",
    "teilen", "kommentare", "kommentieren", "kommentar", "artikel", "bildergalerie", "anhören",
    "merken", "drucken", "folgen", "anmelden", "registrieren", "schließen", "empfehlen",
    // Spanish, Italian, Portuguese
    "publicidad", "anuncio", "leer", "más", "seguir", "leyendo", "suscríbete", "suscribirse",
    "suscripción", "compartir", "comentarios", "comentario", "vídeo", "galería", "pubblicità",
    "leggi", "anche", "iscriviti", "condividi", "commenti", "abbonati", "publicidade", "leia",
    "também", "assine", "compartilhe", "comentários",
];

/// Words that join cues without being interface text themselves.
#[rustfmt::skip]
pub const GLUE: &[&str] = &[
    // English
    "the", "a", "an", "to", "our", "us", "on", "in", "here", "this", "now", "for", "and", "or",
    "of", "with", "up", "all", "you", "your", "me", "my", "it", "full", "also", "see", "get", "out",
    "at", "by", "from", "daily", "weekly", "main",
    // French
    "je", "j'", "m'", "me", "la", "le", "les", "l'", "de", "du", "des", "d'", "à", "au", "aux",
    "vous", "nous", "sur", "ici", "et", "ou", "un", "une", "notre", "nos", "votre", "vos", "en",
    "plus", "tous", "toute", "toutes", "pour", "par", "s'", "ce", "cet", "cette", "quotidienne",
    "hebdomadaire",
    // German
    "sie", "zum", "zur", "und", "oder", "hier", "jetzt", "den", "die", "der", "das", "dem", "ein",
    "eine", "uns", "auf", "im", "auch", "alle", "unseren", "unsere", "ihren",
    // Spanish, Italian, Portuguese
    "el", "los", "las", "y", "o", "aquí", "ahora", "nuestro", "nuestra", "il", "lo", "gli", "di",
    "e", "qui", "o", "os", "as", "e", "aqui", "nosso", "nossa",
];

/// Cues of a subscription prompt: a paragraph that ends with one is a promotional blurb.
#[rustfmt::skip]
pub const SUBSCRIBE_CUES: &[&str] = &[
    "subscribe", "signup", "sign", "register", "newsletter", "newsletters", "abonne", "abonner",
    "abonnez", "abonnez-vous", "inscrire", "inscrivez-vous", "abonnieren", "anmelden",
    "registrieren", "suscríbete", "suscribirse", "iscriviti", "abbonati", "assine",
];

/// Words that introduce a photo credit inside parentheses or after a dash: `(Photo : X)`,
/// `(Crédit photo : X)`, `(Foto: X)`, `(Image: X)`.
#[rustfmt::skip]
pub const CREDIT_CUES: &[&str] = &[
    "photo", "photos", "crédit", "crédits", "credit", "credits", "image", "images", "picture",
    "pictures", "illustration", "foto", "fotos", "bild", "bilder", "imagen", "imágenes", "©",
];

/// Prepositions that introduce the place in a photo caption's closing "place, date" trailer
/// (", à Almaty, le 5 janvier 2022.", " in Paris, France, January 5, 2022.").
#[rustfmt::skip]
pub const PLACE_PREPOSITIONS: &[&str] =
    &["à", "au", "aux", "en", "dans", "près", "in", "at", "near", "outside", "bei", "nahe", "en", "cerca"];

pub fn is_cue(word: &str) -> bool {
    CUES.contains(&word)
}

pub fn is_glue(word: &str) -> bool {
    GLUE.contains(&word)
}
