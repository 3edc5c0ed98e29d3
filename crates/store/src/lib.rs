//! The embedded store: articles and later stages' results in one data folder (SQLite).
