//! `collects-lint`: finds personal data in Rust code that is not declared with
//! `#[collects(..)]`, is declared with a category its content contradicts, or
//! with a category the project's privacy statement does not list.
//!
//! The public surface: the command line ([`cli`]), the [`engine`] that runs a
//! lint (walk → read → model → checks → sort), the [`finding`]s it makes and
//! the [`report`] that renders them. The rest is the engine's inside; a few
//! of its modules are public, hidden from the docs, for the fuzz harness,
//! the reader examples and the end-to-end tests.

mod baseline;
mod checks;
pub mod cli;
pub mod config;
mod deps;
mod diff;
pub mod engine;
pub mod error;
mod evidence;
mod fix;
mod git;
mod init;
pub mod inventory;
mod leaks;
#[doc(hidden)]
pub mod model;
mod package;
mod paths;
pub mod report;

/// What a lint finds: each finding, the check that made it and its level.
pub mod finding {
    pub use crate::checks::{Code, Edit, Explain, Finding, Fingerprint, Severity, Suggestion};
    pub use crate::evidence::Confidence;
}
#[doc(hidden)]
pub mod source;
mod statement;
mod timings;
#[doc(hidden)]
pub mod walk;
