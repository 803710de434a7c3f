//! CL0004 unknown-category: a category, purpose, source or key that the
//! taxonomy does not have. Found while reading the annotation (the grammar in
//! `collects-grammar` says which mistakes are unknown names).

use super::Explain;

pub const EXPLAIN: Explain = Explain {
    summary: "an annotation names a category, purpose, source or key the taxonomy does not have",
    what_it_does: "Reads every `#[collects(..)]` against the taxonomy in force (the built-in one, or `[taxonomy] path` in collects.toml) and reports names it does not know, with the closest known name.",
    why_it_matters: "A misspelled category declares nothing: the field would count as declared while belonging to no heading of the statement. The derive rejects it at compile time; the linter also finds it in code that is not compiled (other targets, cfg'd out modules).",
    example: "#[collects(Contact::Emial)] // CL0004: `Contact` has no item `Emial`; did you mean `Contact::Email`?\nemail: String,",
    fix: "Use a name from `cargo collects categories`; the message names the closest one.",
};
