//! The assessment of a field, and its evidence in words. Only reported fields
//! get here: the rules keep their reasons as [`Why`] values until then.

use super::context::ItemContext;
use super::facts::{FieldFacts, ItemFacts};
use super::fitted;
use super::vocab::Spoken;
use super::{Assessment, Because, Candidate, Confidence, EvidenceModel, Level, Src, Why};
use crate::deps::OwnName;
use crate::model::{Field, Item};

impl EvidenceModel {
    pub(super) fn assess_at(
        &self,
        item: &Item,
        facts: &ItemFacts,
        ctx: &ItemContext,
        fi: usize,
    ) -> Option<Assessment> {
        let (cands, markers) = self.candidates(item, facts, ctx, fi)?;
        let field = &item.fields[fi];
        let ff = &facts.fields[fi];
        let name = |c: usize| self.vocab.categories[c].name.clone();
        let Some(best) = cands.first().copied() else {
            // A marker without a category: personal, category unknown.
            let mut evidence: Vec<String> = Vec::new();
            for m in markers {
                if !evidence.contains(m) {
                    evidence.push(m.clone());
                }
            }
            let confidence = self.fitted.decide(fitted::MARKERS, Confidence::Strong)?;
            return Some(Assessment {
                categories: vec![name(self.roles.fallback?)],
                confidence,
                basis: fitted::MARKERS.to_string(),
                evidence,
            });
        };
        let mut categories = vec![name(best.category)];
        for c in &cands {
            let name = &self.vocab.categories[c.category].name;
            if c.level >= Level::Contextual && !categories.contains(name) {
                categories.push(name.clone());
            }
        }
        let mut evidence: Vec<String> = Vec::new();
        for e in std::iter::once(&best)
            .chain(cands.iter().filter(|c| c.category == best.category))
            .map(|c| self.render(c, item, field, ff, ctx))
            .chain(markers.iter().cloned())
        {
            if !e.is_empty() && !evidence.contains(&e) {
                evidence.push(e);
            }
        }
        let rules = if best.level >= Level::Contextual || !markers.is_empty() {
            Confidence::Strong
        } else {
            Confidence::Weak
        };
        let place = if facts.in_config {
            fitted::Place::ConfigFile
        } else if ctx.product {
            fitted::Place::ProductRecord
        } else if ff.tuple && field.variant.is_some() {
            fitted::Place::Variant
        } else {
            fitted::Place::Field
        };
        let basis = fitted::kind(best.why, best.level, place);
        let confidence = self.fitted.decide(&basis, rules)?;
        Some(Assessment {
            categories,
            confidence,
            basis,
            evidence,
        })
    }

    /// A piece of evidence in words.
    fn render(
        &self,
        c: &Candidate,
        item: &Item,
        field: &Field,
        ff: &FieldFacts,
        ctx: &ItemContext,
    ) -> String {
        let v = &self.vocab;
        let label = |src: Src| match src {
            Src::Rename => format!(
                "serde rename `{}`",
                field.serde_rename.as_deref().unwrap_or("")
            ),
            Src::Name if ff.tuple => {
                format!("variant `{}`", field.variant.as_deref().unwrap_or(""))
            }
            Src::Name => format!("field name `{}`", field.name),
            Src::Item => format!("the value of `{}`", item.name),
        };
        let container = || match ctx.container {
            Some((cat, Because::Name)) => format!(
                "in `{}`, whose fields hold {}",
                item.name, v.categories[cat].name
            ),
            Some((cat, Because::Fields)) => format!(
                "in `{}`, most of whose fields hold {}",
                item.name, v.categories[cat].name
            ),
            None => String::new(),
        };
        match c.why {
            Why::Name(src) => label(src),
            Why::NamePerson(src) => {
                let why = match ctx.person {
                    Some(Because::Name) => {
                        format!("in `{}`, a struct that holds a person", item.name)
                    }
                    Some(Because::Fields) => format!(
                        "in `{}`, whose other fields hold a person's contact data",
                        item.name
                    ),
                    None => container(),
                };
                format!("{}, {why}", label(src))
            }
            Why::NameDomain(src) => format!(
                "{}, a word of a standard the tree speaks ({})",
                label(src),
                v.spoken_because
                    .iter()
                    .map(spoken)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Why::NameIn(src) => format!("{}, in `{}`", label(src), item.name),
            Why::NameBeside(src) => {
                format!("{}, beside related fields in `{}`", label(src), item.name)
            }
            Why::Type(k) => format!("type `{}`", ff.ty.names[k].name),
            Why::External(k) => {
                let name = &ff.ty.names[k];
                let path = name.external.iter().find(|h| h.category == c.category);
                match path {
                    Some(h) => format!("type `{}`, listed as `{}`", name.name, h.path),
                    None => format!("type `{}`", name.name),
                }
            }
            Why::TypeHolds(k) => format!(
                "type `{}` holds {}",
                ff.ty.names[k].name, v.categories[c.category].name
            ),
            Why::SecretId => format!("`id` of `{}`, a secret record", item.name),
            Why::Choice => format!("field name `{}`: a choice", field.name),
            Why::Flag => format!("a flag of `{}`, a struct that holds a person", item.name),
            Why::Container => container(),
            Why::Payload => format!(
                "type `{}`, an opaque payload in `{}`, a struct that holds a person",
                field.ty, item.name
            ),
            Why::Handle => format!(
                "field name `name` beside a display name, in `{}`",
                item.name
            ),
            Why::Doc(pid) => format!(
                "its doc comment names {}",
                self.phrases.words_of(pid).join(" ")
            ),
        }
    }
}

/// Why the tree speaks a standard, in words.
fn spoken(reason: &Spoken) -> String {
    match reason {
        Spoken::Dependency(krate) => format!("its dependency `{krate}`"),
        Spoken::Name(OwnName::Package(name)) => format!("its crate `{name}`"),
        Spoken::Name(OwnName::Module(name)) => format!("its module `{name}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::assess;
    use super::super::Confidence;

    #[test]
    fn evidence_names_what_was_read() {
        let a = assess("struct Thing { email: String }", "Thing.email").unwrap();
        assert_eq!(a.evidence, ["field name `email`"]);
        assert_eq!(a.confidence, Confidence::Strong);
        let a = assess("struct Thing { code: String }", "Thing.code").unwrap();
        assert_eq!(a.categories[0], "Credentials::SecurityInfo");
        assert_eq!(a.confidence, Confidence::Weak);
        let a = assess(
            "struct Login { from: Option<std::net::IpAddr> }",
            "Login.from",
        )
        .unwrap();
        assert_eq!(a.evidence, ["type `IpAddr`"]);
    }
}
