//! CL0006 malformed: a `#[collects(..)]` (or a `// collects:` directive) that
//! does not follow the grammar.

use super::Explain;

pub const EXPLAIN: Explain = Explain {
    summary: "a `#[collects(..)]` attribute or `// collects:` directive does not follow the grammar",
    what_it_does: "Reports annotations that cannot be read: a bare `#[collects]`, literals where names belong, paths deeper than `Group::Item`, nested groups, keys without values, duplicates, `none` without a `reason` or beside categories; and comment directives that are not `// collects: allow(check, ..) -- reason`.",
    why_it_matters: "An annotation that cannot be read declares nothing, and a directive that cannot be read silences nothing: either way the data map is wrong without anyone noticing.",
    example: "#[collects(Contact::Email::Work)] // CL0006: a category is `Group::Item` or `Group`\nwork_email: String,",
    fix: "Write `#[collects(Group::Item, .., purpose = P, source = S, optional)]` or `#[collects(none, reason = \"..\")]`; the message says which part is wrong.",
};
