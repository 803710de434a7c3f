//! Errors that stop a run (exit code 2): bad configuration, unreadable root,
//! bad flags. Each says where and what to do.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct UserError {
    pub message: String,
    /// The file and 1-based line and column the error is about.
    pub location: Option<(PathBuf, usize, usize)>,
    /// The offending source line, for context.
    pub source_line: Option<String>,
    pub help: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> UserError {
        UserError {
            message: message.into(),
            location: None,
            source_line: None,
            help: None,
        }
    }

    /// An error about the byte range `span` of `text`, the content of `path`.
    pub fn at(path: &Path, text: &str, span: Range<usize>, message: String) -> UserError {
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        UserError {
            message,
            location: Some((shown_path(path), line, column)),
            source_line: Some(text[line_start..line_end].trim_end().to_string()),
            help: None,
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> UserError {
        self.help = help;
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: ")?;
        if let Some((path, line, column)) = &self.location {
            write!(f, "{}:{line}:{column}: ", path.display())?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(source), Some((_, line, column))) = (&self.source_line, &self.location) {
            let gutter = line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {source}\n{:gutter$} | {:>column$}",
                "", "", "^"
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UserError {}

/// `path` relative to the current directory when it is under it: what a
/// person typed, not what the file system resolved.
fn shown_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
