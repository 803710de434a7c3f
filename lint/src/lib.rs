//! `collects-lint`: finds personal data in Rust code that is not declared with
//! `#[collects(..)]`, is declared with a category its content contradicts, or
//! with a category the project's privacy statement does not list.
//!
//! The pipeline: [`walk`] finds the files; each is read and pre-scanned
//! and only its structs, enums and unions are parsed ([`source`]); the [`checks`] run over every field with the [`evidence`]
//! model; [`report`] renders the findings.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod error;
pub mod evidence;
pub mod finding;
pub mod git;
pub mod init;
pub mod inventory;
pub mod model;
pub mod paths;
pub mod report;
pub mod run;
pub mod source;
pub mod timings;
pub mod walk;
