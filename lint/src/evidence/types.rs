//! The type rule: what a field's type says. Listed types (`IpAddr`,
//! `SecretString`) and newtypes whose own name is a phrase (`EmailAddress`)
//! are evidence; a type whose name says it is machinery (`SyntaxToken`,
//! `Handle<Shader>`) makes the field hold nothing personal; the kind of value
//! (bool, number, time, text) decides which categories a name can mean.
//! Every type name here is data: `[types]` of `vocabulary.toml`.

use std::sync::Arc;

use super::facts::FieldFacts;
use super::phrases::{flag, Role};
use super::vocab::TypeNames;
use super::{Candidate, EvidenceModel, Level, Why};

/// What kind of value a type holds, after wrappers (`Option`, `Vec`, `Box`..).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Bool,
    Number,
    Time,
    Text,
    Other,
}

impl Kind {
    /// What one type name says alone (`[types]` of the vocabulary): the first
    /// list it is in, in the order bool, number, time, text.
    fn of_name(name: &str, t: &TypeNames) -> Kind {
        if t.bools.contains(name) {
            Kind::Bool
        } else if t.numbers.contains(name) {
            Kind::Number
        } else if t.times.contains(name) {
            Kind::Time
        } else if t.text.contains(name)
            || t.text_suffixes.iter().any(|s| name.ends_with(s.as_str()))
        {
            Kind::Text
        } else {
            Kind::Other
        }
    }

    /// The kind of a type from its names (outermost first): the kind of the
    /// first name that is not a wrapper; bytes are text in an array, a tuple
    /// (`sequence`) or a byte list (`Vec<u8>`).
    pub fn of(sequence: bool, names: &[Arc<TypeName>]) -> Kind {
        let Some(core) = names.iter().find(|n| !n.wrapper).or(names.last()) else {
            return Kind::Other;
        };
        if sequence {
            // Arrays and tuples: `[u8; 16]` is bytes, tuples of numbers are numbers.
            return if core.byte {
                Kind::Text
            } else if core.kind == Kind::Number {
                Kind::Number
            } else {
                Kind::Other
            };
        }
        // `Vec<u8>` is bytes: text-like.
        if core.kind == Kind::Number && core.byte && names[0].byte_list {
            Kind::Text
        } else {
            core.kind
        }
    }
}

/// A name in a field's type, with what the vocabulary says of it.
#[derive(Debug, Clone)]
pub(super) struct TypeName {
    pub name: String,
    pub wrapper: bool,
    /// What the name alone says of a value.
    pub kind: Kind,
    /// Bytes (`u8`), and a list of bytes is text (`Vec`).
    pub byte: bool,
    pub byte_list: bool,
    /// Listed types: (category, strong).
    pub listed: Vec<(usize, bool)>,
    /// Categories whose names are the type's own name (`EmailAddress`).
    pub newtype: Vec<usize>,
    /// Words of the type's name.
    pub words: usize,
    /// Items of the tree with this name (an id of [`EvidenceModel::by_name`]).
    pub tree: Option<u32>,
    /// Its name says it is machinery or the product's own (`SyntaxToken`,
    /// `Handle`, `RenderPipeline`, `ServerConfig`): a field of it is not personal.
    pub machinery: bool,
}

impl EvidenceModel {
    pub(super) fn type_name(&self, name: &str) -> TypeName {
        let ph = &self.phrases;
        let seq = self.scan(name);
        let machinery = {
            let none_len = seq.longest(ph, flag::NOT_ABOUT_A_PERSON);
            let person_len = seq.longest(ph, flag::PERSON);
            let container_len = seq
                .matches
                .iter()
                .filter(|m| {
                    ph.roles[m.pid as usize]
                        .iter()
                        .any(|(_, r)| *r == Role::Container)
                })
                .map(|m| m.len as usize)
                .max()
                .unwrap_or(0);
            none_len > 0 && none_len >= person_len.max(container_len)
        };
        let words = seq.words;
        // One-word type names (`Location`, `Handle`) are too general to say
        // what a value is unless listed; `EmailAddress` is not.
        let newtype = (words.len() >= 2)
            .then(|| ph.id(&words))
            .flatten()
            .map(|pid| {
                let mut cats: Vec<usize> = ph.roles[pid as usize]
                    .iter()
                    .filter(|(_, r)| *r == Role::Name)
                    .map(|&(c, _)| c)
                    .collect();
                cats.dedup();
                cats
            })
            .unwrap_or_default();
        let t = &self.vocab.types;
        TypeName {
            name: name.to_string(),
            wrapper: t.wrappers.contains(name),
            kind: Kind::of_name(name, t),
            byte: t.bytes.contains(name),
            byte_list: t.byte_lists.contains(name),
            listed: ph.types.get(name).cloned().unwrap_or_default(),
            newtype,
            words: words.len(),
            tree: self.names.get(name).copied(),
            machinery,
        }
    }

    /// A field whose type is machinery (`eq_token: SyntaxToken`, `shader:
    /// Handle<Shader>`) holds no personal data, whatever its name says,
    /// unless a type in it is a listed one (`Option<SecretString>`).
    pub(super) fn is_machinery(ff: &FieldFacts) -> bool {
        let names = &ff.ty.names;
        names
            .iter()
            .find(|n| !n.wrapper)
            .is_some_and(|n| n.machinery)
            && names.iter().all(|n| n.listed.is_empty())
    }

    /// Evidence from the type, and whether the type is a record of the tree
    /// that holds nothing personal (then the field is a reference to it) and
    /// whether it is a record of the tree at all.
    pub(super) fn type_candidates(
        &self,
        ff: &FieldFacts,
        path: u32,
        out: &mut Vec<Candidate>,
    ) -> (bool, bool) {
        let mut blocked = false;
        let mut first_tree_type = true;
        let mut tree_record = false;
        let mut contextual = false;
        for (k, name) in ff.ty.names.iter().enumerate() {
            for &(cat, strong) in &name.listed {
                out.push(Candidate {
                    category: cat,
                    level: if strong { Level::Strong } else { Level::Weak },
                    from_name: false,
                    len: 1,
                    why: Why::Type(k),
                });
            }
            if name.wrapper {
                continue;
            }
            // A newtype whose own name says what it is: `EmailAddress`, `PhoneNumber`.
            for &cat in &name.newtype {
                out.push(Candidate {
                    category: cat,
                    level: Level::Strong,
                    from_name: false,
                    len: name.words,
                    why: Why::Type(k),
                });
            }
            let (Some(t), true) = (name.tree, self.have_infos) else {
                continue;
            };
            let (info, category) = self.tree_type(t, path);
            if let Some(cat) = category {
                contextual = true;
                out.push(Candidate {
                    category: cat,
                    level: Level::Contextual,
                    from_name: false,
                    len: 1,
                    why: Why::TypeHolds(k),
                });
            } else if info.blocks && first_tree_type {
                blocked = true;
            }
            if first_tree_type && !info.choice {
                tree_record = true;
            }
            first_tree_type = false;
        }
        if contextual {
            blocked = false;
        }
        (blocked, tree_record)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::case;
    use super::*;

    fn kind(ty: &str) -> Kind {
        let items = super::super::tests::items(&format!("struct T {{ f: {ty} }}"));
        let model = EvidenceModel::new(&collects_grammar::Taxonomy::builtin(), &items);
        model.facts[0].fields[0].ty.kind
    }

    #[test]
    fn kinds_of_values() {
        assert_eq!(kind("Option<Option<bool>>"), Kind::Bool);
        assert_eq!(kind("Option<DateTime<Utc>>"), Kind::Time);
        assert_eq!(kind("Vec<u8>"), Kind::Text);
        assert_eq!(kind("i64"), Kind::Number);
        assert_eq!(kind("[u8 ; 16]"), Kind::Text);
        assert_eq!(kind("(f64, f64)"), Kind::Number);
        assert_eq!(kind("&[u8]"), Kind::Number);
        assert_eq!(kind("Option<SensitiveString>"), Kind::Text);
        assert_eq!(kind("Cow<'a, str>"), Kind::Text);
        assert_eq!(kind("Option<IpAddr>"), Kind::Other);
        assert_eq!(kind("Values<Breadcrumb>"), Kind::Other);
    }

    const LOGIN: &str = "struct Login { from: IpAddr, secret: SecretString, owner: EmailAddress, \
                         mobile: PhoneNumber, at: SocketAddr, started: SystemTime, \
                         peer: Option<std::net::IpAddr> }";

    #[test]
    fn listed_types() {
        case(
            LOGIN,
            "Login.from",
            Some("Device::IpAddress"),
            "type `IpAddr`",
        );
        case(
            LOGIN,
            "Login.peer",
            Some("Device::IpAddress"),
            "type `IpAddr`",
        );
        case(
            LOGIN,
            "Login.at",
            Some("Device::IpAddress"),
            "type `SocketAddr`",
        );
        case(LOGIN, "Login.started", None, "");
    }

    #[test]
    fn newtypes_named_by_a_phrase() {
        case(
            LOGIN,
            "Login.owner",
            Some("Contact::Email"),
            "type `EmailAddress`",
        );
        case(LOGIN, "Login.mobile", Some("Contact::Phone"), "mobile");
    }

    #[test]
    fn machinery_types_hold_nothing_personal() {
        let src =
            "struct LetStmt { let_token: Option<SyntaxToken>, eq_token: Option<SyntaxToken> } \
                   struct FxaaPipeline { shader: Handle<Shader>, layout: BindGroupLayout } \
                   struct TestRun { token: CancellationToken, name: String }";
        case(src, "LetStmt.let_token", None, "");
        case(src, "FxaaPipeline.shader", None, "");
        case(src, "FxaaPipeline.layout", None, "");
        case(src, "TestRun.token", None, "");
    }

    #[test]
    fn a_text_category_on_a_number_is_nothing() {
        case("struct Thing { code: u32 }", "Thing.code", None, "");
        case("struct Person { email: u64 }", "Person.email", None, "");
    }
}
