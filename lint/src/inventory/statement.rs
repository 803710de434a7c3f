//! `--format statement`: a draft "Personal data we collect" section, in the
//! statement's own headings and descriptions, listing only what code collects.
//! The statement written back from the code, for a person to edit.

use collects_grammar::Taxonomy;

use super::markdown::capitalize;
use super::Inventory;

pub fn render(inventory: &Inventory, taxonomy: &Taxonomy) -> String {
    let mut out = String::from("## Personal data we collect\n\n");
    out.push_str(
        "<!-- Drafted by `cargo collects inventory --format statement` from the #[collects] declarations in code. Review and edit before publishing. -->\n\n",
    );
    if inventory.sections.is_empty() {
        out.push_str("We do not collect personal data.\n");
        return out;
    }
    let sources: Vec<String> = taxonomy
        .sources
        .iter()
        .filter(|(name, _)| {
            inventory
                .categories()
                .any(|c| c.sources.iter().any(|s| s == name))
        })
        .map(|(_, description)| second_person(description))
        .collect();
    out.push_str("We collect the data described below");
    if sources.is_empty() {
        out.push_str(".\n\n");
    } else {
        out.push_str(" from these sources:\n\n");
        for source in &sources {
            out.push_str(&format!("- {}.\n", capitalize(source)));
        }
        out.push('\n');
    }
    let choice = inventory.categories().any(|c| c.optional);
    if choice {
        out.push_str("Where data is marked optional, you may decline to provide it and still use the product.\n\n");
    }
    for section in &inventory.sections {
        out.push_str(&format!("### {}\n\n", section.heading));
        for c in &section.categories {
            let description = match c.name.split_once("::") {
                Some(_) => format!("**{}**", capitalize(&c.description)),
                None => format!(
                    "**Any {}**: {}",
                    section.heading.to_lowercase(),
                    c.description
                        .strip_prefix("any of: ")
                        .unwrap_or(&c.description)
                ),
            };
            let purposes: Vec<String> = c
                .export_purposes(taxonomy)
                .iter()
                .filter_map(|p| taxonomy.purposes.iter().find(|(n, _)| n == p))
                .map(|(_, d)| second_person(d.split(" (").next().unwrap_or(d)))
                .collect();
            let optional = if c.optional { " (optional)" } else { "" };
            out.push_str(&format!("- {description}{optional}."));
            if !purposes.is_empty() {
                out.push_str(&format!(" Purposes: {}.", capitalize(&purposes.join("; "))));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The taxonomy speaks of "the person"; a statement speaks to "you".
fn second_person(text: &str) -> String {
    text.replace("the person's", "your")
        .replace("the person provides", "you provide")
        .replace("the person interacts", "you interact")
        .replace("the person grants", "you grant")
        .replace("the person asked", "you asked")
        .replace("the person", "you")
}
