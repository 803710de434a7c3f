//! CL0005 stated-not-collected: the statement lists a category that no code
//! declares (over-disclosure, or a declaration that went missing).

use collects_grammar::Taxonomy;

use super::{Code, Explain, TreeContext};
use crate::checks::Finding;
use crate::model::Span;

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "the statement lists a category that no code declares",
    what_it_does: "After every file is read, compares `[statement] lists` with the categories declared in code and reports listed entries that nothing declares. Only whole-tree runs report it: a run over a few files (a pre-commit hook) cannot know.",
    why_it_matters: "A statement that lists more than the product collects is not harmful in itself, but it hides drift: either the statement is out of date, or code collects the data without declaring it.",
    example: "# collects.toml\n[statement]\nlists = [\"Contact\", \"Location::Precise\"] # CL0005 when no field declares Location::Precise",
    example_syntax: "toml",
    fix: "Declare the fields that collect it, or, when the product no longer collects it, remove it from the statement.",
};

/// Reports listed entries that no declared category falls under or covers.
pub(crate) fn check_tree(cx: &TreeContext, out: &mut Vec<Finding>) {
    let path = cx.config_path();
    for (listed, range) in &cx.statement.lists {
        let declared = cx
            .declared
            .iter()
            .any(|d| Taxonomy::covers(listed, d) || Taxonomy::covers(d, listed));
        if !declared {
            let span = cx.config_span(range);
            out.push(ListedNotDeclared { path: &path, span, listed }.into());
        }
    }
}

/// "the statement lists Location, but no code declares it".
pub(crate) struct ListedNotDeclared<'a> {
    /// collects.toml, as reports name it.
    pub path: &'a str,
    /// The entry in `[statement] lists`.
    pub span: Span,
    pub listed: &'a str,
}

impl From<ListedNotDeclared<'_>> for Finding {
    fn from(d: ListedNotDeclared<'_>) -> Finding {
        let listed = d.listed;
        let message = format!("the statement lists {listed}, but no code declares it");
        Finding::new(Code::StatedNotCollected, d.path, d.span, message)
            .with_label("listed here")
            .with_help(format!(
                "declare the fields that collect {listed}, or remove it from the statement"
            ))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check_with_config;

    #[test]
    fn a_listed_category_no_code_declares_is_a_note_at_its_entry() {
        check_with_config(
            "[statement]\nlists = [\"Contact\", \"Location::Precise\"]\n",
            "struct User {\n    #[collects(Contact::Email)]\n    email: String,\n}",
            &["2:21 note CL0005 the statement lists Location::Precise, but no code declares it [listed here]"],
        );
    }

    #[test]
    fn a_declared_item_falls_under_its_listed_group() {
        check_with_config(
            "[statement]\nlists = [\"Contact\", \"Location\"]\n",
            "struct User {\n    #[collects(Contact::Email, Location::Precise)]\n    email: String,\n}",
            &[],
        );
    }
}
