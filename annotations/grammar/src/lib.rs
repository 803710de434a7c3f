//! The shared language of `collects`: the category taxonomy (read from one TOML
//! file) and the `#[collects(..)]` annotation grammar. The derive macro and the
//! linter both parse annotations here, so they accept the same input and say
//! the same words about mistakes.

mod annotation;
mod config;
mod suggest;
mod taxonomy;

pub use annotation::{
    effective, parse_annotation, Annotation, AnnotationError, CategoryRef, ErrorKind, Keyword,
    Parsed, ATTRIBUTE,
};
pub use config::{find_config, CONFIG_FILE};
pub use suggest::closest;
pub use taxonomy::{Group, Item, Taxonomy, TaxonomyError, BUILTIN_TAXONOMY};
