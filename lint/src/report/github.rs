//! `--format github`: GitHub Actions workflow commands, one per finding, that
//! GitHub shows as annotations on the lines of a pull request:
//! `::error file=src/user.rs,line=3,col=9,endLine=3,endColumn=14,title=CL0001 undeclared::message`.

use std::io::Write;

use crate::checks::{Finding, Severity};
use crate::report::Report;

/// The text of a command (after `::`): `%`, CR and LF are escaped, as the
/// Actions toolkit's `escapeData` does.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=..`, `title=..`): also `:` and `,`, which would
/// otherwise end the value (the toolkit's `escapeProperty`).
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// The workflow command of one finding, without the line end.
pub(crate) fn annotation(finding: &Finding, path: &str) -> String {
    let mut properties = vec![format!("file={}", escape_property(path))];
    let span = finding.span;
    if span.start.line > 0 {
        let end = span.end.max(span.start);
        properties.push(format!("line={}", span.start.line));
        properties.push(format!("col={}", span.start.column.max(1)));
        properties.push(format!("endLine={}", end.line));
        properties.push(format!("endColumn={}", end.column.max(1)));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!(
            "{} {}",
            finding.code.as_str(),
            finding.code.name()
        ))
    ));
    let mut message = finding.message.clone();
    if !finding.evidence.is_empty() {
        message.push_str(&format!("\nevidence: {}", finding.evidence.join("; ")));
    }
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{} {}::{}",
        command(finding.severity),
        properties.join(","),
        escape_data(&message)
    )
}

pub(crate) fn render_github(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for finding in &report.findings {
        writeln!(
            out,
            "{}",
            annotation(finding, &report.ci_path(&finding.path))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Code;
    use crate::model::{Position, Span};

    #[test]
    fn escapes_what_would_end_a_value_or_a_line() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn a_finding_is_one_command_with_its_span_and_title() {
        let span = Span {
            start: Position { line: 3, column: 9 },
            end: Position {
                line: 3,
                column: 14,
            },
        };
        let mut finding = Finding::new(
            Code::Undeclared,
            "src/a,b.rs",
            span,
            "`User.email` looks like Contact::Email and is not declared".into(),
        )
        .with_help("declare it: 100%");
        assert_eq!(
            annotation(&finding, "src/a,b.rs"),
            "::error file=src/a%2Cb.rs,line=3,col=9,endLine=3,endColumn=14,title=CL0001 undeclared::`User.email` looks like Contact::Email and is not declared%0Ahelp: declare it: 100%25"
        );
        finding.severity = Severity::Note;
        finding.span = Span::default();
        assert!(annotation(&finding, "x.rs")
            .starts_with("::notice file=x.rs,title=CL0001 undeclared::"));
    }
}
