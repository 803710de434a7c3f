//! The `#[collects(..)]` grammar:
//!
//! ```text
//! #[collects(Category, .., purpose = P, source = S, optional)]
//! #[collects(none, reason = "why this is not personal data")]
//! ```
//!
//! A category is `Group::Item` or a whole `Group`. Every mistake is reported,
//! not only the first, each at its own token.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Lit, Meta, Token};

use crate::suggest::closest;
use crate::taxonomy::Taxonomy;

/// The attribute's name.
pub const ATTRIBUTE: &str = "collects";

/// The keywords of the grammar, besides categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    Purpose,
    Source,
    Optional,
    None,
    Reason,
}

impl Keyword {
    pub const ALL: [Keyword; 5] = [
        Keyword::Purpose,
        Keyword::Source,
        Keyword::Optional,
        Keyword::None,
        Keyword::Reason,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Purpose => "purpose",
            Keyword::Source => "source",
            Keyword::Optional => "optional",
            Keyword::None => "none",
            Keyword::Reason => "reason",
        }
    }

    fn from_str(s: &str) -> Option<Keyword> {
        Keyword::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A category as written: `Group` or `Group::Item`.
#[derive(Debug, Clone)]
pub struct CategoryRef {
    pub group: String,
    pub item: Option<String>,
    pub span: Span,
}

impl CategoryRef {
    /// As written in code and reports: `Group::Item` or `Group`.
    pub fn path(&self) -> String {
        match &self.item {
            Some(item) => format!("{}::{item}", self.group),
            None => self.group.clone(),
        }
    }
}

/// One `#[collects(..)]`, as far as it could be read.
#[derive(Debug, Clone)]
pub struct Annotation {
    pub categories: Vec<CategoryRef>,
    pub purpose: Option<(String, Span)>,
    pub source: Option<(String, Span)>,
    pub optional: bool,
    /// `Some(reason)` for `#[collects(none, reason = "..")]`.
    pub none_reason: Option<String>,
    /// The whole attribute.
    pub span: Span,
}

impl Annotation {
    pub fn is_none(&self) -> bool {
        self.none_reason.is_some()
    }
}

/// Why an annotation is wrong: it does not follow the grammar (CL0006), or
/// it names something the taxonomy does not have (CL0004).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Malformed,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct AnnotationError {
    pub kind: ErrorKind,
    pub span: Span,
    pub message: String,
    /// What to write instead, when one is close: `Contact::Email`.
    pub suggestion: Option<String>,
}

impl AnnotationError {
    fn malformed(span: Span, message: impl Into<String>) -> Self {
        AnnotationError {
            kind: ErrorKind::Malformed,
            span,
            message: message.into(),
            suggestion: None,
        }
    }

    fn unknown(span: Span, message: String, suggestion: Option<String>) -> Self {
        AnnotationError {
            kind: ErrorKind::Unknown,
            span,
            message,
            suggestion,
        }
    }

    /// The message with its "did you mean" — the text a compiler error shows.
    pub fn full_message(&self) -> String {
        match &self.suggestion {
            Some(s) => format!("{}; did you mean `{s}`?", self.message),
            None => self.message.clone(),
        }
    }
}

/// An annotation with every mistake found in it. `annotation` keeps what was
/// valid, so one mistake does not hide the rest of the declaration.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub annotation: Annotation,
    pub errors: Vec<AnnotationError>,
}

/// Reads one `#[collects(..)]` attribute against `taxonomy`.
pub fn parse_annotation(attr: &syn::Attribute, taxonomy: &Taxonomy) -> Parsed {
    let mut reader = Reader {
        taxonomy,
        annotation: Annotation {
            categories: Vec::new(),
            purpose: None,
            source: None,
            optional: false,
            none_reason: None,
            span: attr.span(),
        },
        errors: Vec::new(),
        none_span: None,
        reason_span: None,
    };
    reader.read(attr);
    reader.finish()
}

/// The declaration that applies to a field: its own, else its container's.
pub fn effective<'a>(
    field: Option<&'a Annotation>,
    container: Option<&'a Annotation>,
) -> Option<&'a Annotation> {
    field.or(container)
}

const SHAPE: &str =
    "expected `#[collects(Group::Item, purpose = P)]` or `#[collects(none, reason = \"..\")]`";

struct Reader<'t> {
    taxonomy: &'t Taxonomy,
    annotation: Annotation,
    errors: Vec<AnnotationError>,
    none_span: Option<Span>,
    reason_span: Option<Span>,
}

impl Reader<'_> {
    fn read(&mut self, attr: &syn::Attribute) {
        let list = match &attr.meta {
            Meta::List(list) => list,
            Meta::Path(path) => {
                return self.malformed(path.span(), format!("`#[collects]` says nothing; {SHAPE}"))
            }
            Meta::NameValue(nv) => {
                return self.malformed(
                    nv.span(),
                    format!("`#[collects = ..]` is not the form; {SHAPE}"),
                )
            }
        };
        let entries = match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            Ok(entries) => entries,
            Err(e) => return self.malformed(e.span(), format!("{e}; {SHAPE}")),
        };
        if entries.is_empty() {
            return self.malformed(
                list.delimiter.span().join(),
                format!("`#[collects()]` is empty; {SHAPE}"),
            );
        }
        for entry in &entries {
            match entry {
                Meta::Path(path) => self.read_path(path),
                Meta::NameValue(nv) => self.read_key_value(nv),
                Meta::List(list) => self.read_list(list),
            }
        }
    }

    fn read_path(&mut self, path: &syn::Path) {
        if path.leading_colon.is_some() || path.segments.iter().any(|s| !s.arguments.is_none()) {
            return self.malformed(path.span(), "a category is written `Group::Item` or `Group`, without `::` in front or generic arguments");
        }
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match names.as_slice() {
            [one] => self.read_word(one, path.span()),
            [group, item] => self.read_category(group, Some(item), path),
            _ => self.malformed(
                path.span(),
                format!(
                    "`{}` has too many parts: a category is `Group::Item` or `Group`",
                    names.join("::")
                ),
            ),
        }
    }

    /// A single word: `optional`, `none`, a group, or a misspelling of one.
    fn read_word(&mut self, word: &str, span: Span) {
        match Keyword::from_str(word) {
            Some(Keyword::Optional) => {
                if self.annotation.optional {
                    self.malformed(span, "`optional` is given twice");
                }
                self.annotation.optional = true;
            }
            Some(Keyword::None) => {
                if self.none_span.is_some() {
                    self.malformed(span, "`none` is given twice");
                }
                self.none_span = Some(span);
            }
            Some(keyword) => self.malformed(
                span,
                format!(
                    "`{word}` needs a value: `{word} = ..`",
                    word = keyword.as_str()
                ),
            ),
            None if self.taxonomy.group(word).is_some() => self.push_category(word, None, span),
            None => {
                let candidates = self
                    .taxonomy
                    .groups
                    .iter()
                    .map(|g| g.name.as_str())
                    .chain(["optional", "none"]);
                let suggestion = closest(word, candidates).map(str::to_string);
                self.errors.push(AnnotationError::unknown(
                    span,
                    format!("unknown category or keyword `{word}`"),
                    suggestion,
                ));
            }
        }
    }

    fn read_category(&mut self, group: &str, item: Option<&str>, path: &syn::Path) {
        let Some(known_group) = self.taxonomy.group(group) else {
            let group_span = path.segments[0].ident.span();
            let suggestion = closest(group, self.taxonomy.groups.iter().map(|g| g.name.as_str()))
                .map(|g| match item {
                    Some(item) => self.best_item_path(g, item),
                    None => g.to_string(),
                });
            return self.errors.push(AnnotationError::unknown(
                group_span,
                format!("unknown category group `{group}`"),
                suggestion,
            ));
        };
        if let Some(item) = item {
            if known_group.items.iter().all(|i| i.name != item) {
                let suggestion = closest(item, known_group.items.iter().map(|i| i.name.as_str()))
                    .map(|i| format!("{group}::{i}"));
                return self.errors.push(AnnotationError::unknown(
                    path.segments[1].ident.span(),
                    format!("`{group}` has no item `{item}`"),
                    suggestion,
                ));
            }
        }
        self.push_category(group, item, path.span());
    }

    fn best_item_path(&self, group: &str, item: &str) -> String {
        let items = self
            .taxonomy
            .group(group)
            .map(|g| &g.items[..])
            .unwrap_or(&[]);
        match items.iter().find(|i| i.name == item) {
            Some(_) => format!("{group}::{item}"),
            None => match closest(item, items.iter().map(|i| i.name.as_str())) {
                Some(i) => format!("{group}::{i}"),
                None => group.to_string(),
            },
        }
    }

    fn push_category(&mut self, group: &str, item: Option<&str>, span: Span) {
        let category = CategoryRef {
            group: group.to_string(),
            item: item.map(str::to_string),
            span,
        };
        if self
            .annotation
            .categories
            .iter()
            .any(|c| c.path() == category.path())
        {
            return self.malformed(
                span,
                format!("category `{}` is given twice", category.path()),
            );
        }
        self.annotation.categories.push(category);
    }

    fn read_key_value(&mut self, nv: &syn::MetaNameValue) {
        let key = nv
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_default();
        match Keyword::from_str(&key) {
            Some(Keyword::Purpose) => self.read_named_value(nv, Keyword::Purpose),
            Some(Keyword::Source) => self.read_named_value(nv, Keyword::Source),
            Some(Keyword::Reason) => self.read_reason(nv),
            Some(keyword @ (Keyword::Optional | Keyword::None)) => self.malformed(
                nv.span(),
                format!("`{0}` takes no value: write `{0}` alone", keyword.as_str()),
            ),
            None => {
                let key_text = path_text(&nv.path);
                let suggestion =
                    closest(&key_text, ["purpose", "source", "reason"]).map(str::to_string);
                self.errors.push(AnnotationError::unknown(
                    nv.path.span(),
                    format!(
                        "unknown key `{key_text}`; the keys are `purpose`, `source` and `reason`"
                    ),
                    suggestion,
                ));
            }
        }
    }

    fn read_named_value(&mut self, nv: &syn::MetaNameValue, keyword: Keyword) {
        let key = keyword.as_str();
        let (known, slot): (Vec<&str>, bool) = match keyword {
            Keyword::Purpose => (
                self.taxonomy
                    .purposes
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect(),
                self.annotation.purpose.is_some(),
            ),
            _ => (
                self.taxonomy
                    .sources
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect(),
                self.annotation.source.is_some(),
            ),
        };
        let value = match &nv.value {
            Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        };
        let Some(value) = value else {
            return self.malformed(
                nv.value.span(),
                format!(
                    "`{key}` takes one name, such as `{key} = {}`",
                    known.first().unwrap_or(&"Name")
                ),
            );
        };
        if slot {
            return self.malformed(
                nv.span(),
                format!("`{key}` is given twice; a declaration has one {key}"),
            );
        }
        if !known.contains(&value.as_str()) {
            let suggestion = closest(&value, known.iter().copied()).map(str::to_string);
            return self.errors.push(AnnotationError::unknown(
                nv.value.span(),
                format!(
                    "unknown {key} `{value}`; the taxonomy's {key}s are {}",
                    quoted_list(&known)
                ),
                suggestion,
            ));
        }
        let entry = Some((value, nv.value.span()));
        match keyword {
            Keyword::Purpose => self.annotation.purpose = entry,
            _ => self.annotation.source = entry,
        }
    }

    fn read_reason(&mut self, nv: &syn::MetaNameValue) {
        if self.reason_span.is_some() {
            return self.malformed(nv.span(), "`reason` is given twice");
        }
        self.reason_span = Some(nv.span());
        match &nv.value {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) if !s.value().trim().is_empty() => {
                self.annotation.none_reason = Some(s.value());
            }
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(s), ..
            }) => self.malformed(
                s.span(),
                "`reason` is empty: say why this is not personal data",
            ),
            other => self.malformed(other.span(), "`reason` takes a string: `reason = \"why\"`"),
        }
    }

    fn read_list(&mut self, list: &syn::MetaList) {
        let name = path_text(&list.path);
        let message = match Keyword::from_str(&name) {
            Some(Keyword::Purpose | Keyword::Source | Keyword::Reason) => format!("write `{name} = ..`, not `{name}(..)`"),
            _ => format!("`{name}(..)`: groups do not nest; list categories side by side: `Group::Item, Group::Item`"),
        };
        self.malformed(list.span(), message);
    }

    fn finish(mut self) -> Parsed {
        let span = self.annotation.span;
        match (self.none_span, self.reason_span) {
            (Some(none), _) if !self.annotation.categories.is_empty() => self.malformed(
                none,
                "`none` says the field holds no personal data; it cannot stand with categories",
            ),
            (Some(none), None) => self.malformed(
                none,
                "`none` needs a reason: `#[collects(none, reason = \"why\")]`",
            ),
            (None, Some(reason)) => self.malformed(
                reason,
                "`reason` goes with `none`: `#[collects(none, reason = \"why\")]`",
            ),
            (None, None) if self.annotation.categories.is_empty() && self.errors.is_empty() => {
                self.malformed(span, format!("the declaration names no category; {SHAPE}"))
            }
            _ => {}
        }
        if self.none_span.is_none() {
            self.annotation.none_reason = None;
        }
        if self.annotation.none_reason.is_some()
            && (self.annotation.purpose.is_some()
                || self.annotation.source.is_some()
                || self.annotation.optional)
        {
            self.malformed(
                span,
                "`none` takes only a `reason`: purpose, source and optional describe personal data",
            );
        }
        Parsed {
            annotation: self.annotation,
            errors: self.errors,
        }
    }

    fn malformed(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(AnnotationError::malformed(span, message));
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `source` (one attribute) and returns its categories and errors.
    fn check(source: &str) -> (Vec<String>, Vec<String>) {
        let item: syn::ItemStruct =
            syn::parse_str(&format!("{source} struct S;")).expect("test input parses as a struct");
        let parsed = parse_annotation(&item.attrs[0], &Taxonomy::builtin());
        let cats = parsed
            .annotation
            .categories
            .iter()
            .map(CategoryRef::path)
            .collect();
        let errs = parsed
            .errors
            .iter()
            .map(|e| format!("{:?}: {}", e.kind, e.full_message()))
            .collect();
        (cats, errs)
    }

    fn errors(source: &str) -> Vec<String> {
        check(source).1
    }

    #[test]
    fn reads_items_groups_and_keys() {
        let item: syn::ItemStruct = syn::parse_str(
            "#[collects(Contact::Email, Location, purpose = Account, source = Direct, optional)] struct S;",
        )
        .unwrap();
        let parsed = parse_annotation(&item.attrs[0], &Taxonomy::builtin());
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let a = parsed.annotation;
        assert_eq!(
            a.categories
                .iter()
                .map(CategoryRef::path)
                .collect::<Vec<_>>(),
            ["Contact::Email", "Location"]
        );
        assert_eq!(a.purpose.unwrap().0, "Account");
        assert_eq!(a.source.unwrap().0, "Direct");
        assert!(a.optional);
    }

    #[test]
    fn reads_none_with_reason() {
        let item: syn::ItemStruct =
            syn::parse_str("#[collects(none, reason = \"row id\")] struct S;").unwrap();
        let parsed = parse_annotation(&item.attrs[0], &Taxonomy::builtin());
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.annotation.none_reason.as_deref(), Some("row id"));
    }

    #[test]
    fn misspellings_are_unknown_with_a_suggestion() {
        assert_eq!(
            errors("#[collects(Contact::Emial)]"),
            ["Unknown: `Contact` has no item `Emial`; did you mean `Contact::Email`?"]
        );
        assert_eq!(
            errors("#[collects(Contakt::Email)]"),
            ["Unknown: unknown category group `Contakt`; did you mean `Contact::Email`?"]
        );
        assert_eq!(
            errors("#[collects(Contakt)]"),
            ["Unknown: unknown category or keyword `Contakt`; did you mean `Contact`?"]
        );
        assert_eq!(errors("#[collects(Contact, purpse = Account)]"), ["Unknown: unknown key `purpse`; the keys are `purpose`, `source` and `reason`; did you mean `purpose`?"]);
        assert!(
            errors("#[collects(Contact, purpose = Acount)]")[0].contains("did you mean `Account`?")
        );
        assert!(
            errors("#[collects(Contact, source = Drect)]")[0].contains("did you mean `Direct`?")
        );
    }

    #[test]
    fn every_mistake_is_reported() {
        assert_eq!(
            errors("#[collects(Contact::Emial, Locaton::Precise, purpose = Acount)]").len(),
            3
        );
    }

    #[test]
    fn wrong_shapes_are_malformed() {
        for source in [
            "#[collects]",
            "#[collects = \"Contact\"]",
            "#[collects()]",
            "#[collects(\"Contact::Email\")]",
            "#[collects(42)]",
            "#[collects(Contact::Email::Work)]",
            "#[collects(::Contact::Email)]",
            "#[collects(Contact(Email))]",
            "#[collects(purpose(Account), Contact)]",
            "#[collects(Contact, purpose = \"Account\")]",
            "#[collects(Contact, purpose = Account, purpose = Support)]",
            "#[collects(Contact, Contact)]",
            "#[collects(Contact, optional, optional)]",
            "#[collects(Contact, optional = true)]",
            "#[collects(purpose)]",
            "#[collects(none)]",
            "#[collects(none, reason = \"\")]",
            "#[collects(none, reason = 3)]",
            "#[collects(Contact, reason = \"x\")]",
            "#[collects(none, Contact, reason = \"x\")]",
            "#[collects(none, none, reason = \"x\")]",
            "#[collects(none, reason = \"x\", reason = \"y\")]",
            "#[collects(none, reason = \"x\", purpose = Account)]",
            "#[collects(purpose = Account)]",
        ] {
            let errs = errors(source);
            assert!(
                !errs.is_empty() && errs.iter().all(|e| e.starts_with("Malformed")),
                "{source}: {errs:?}"
            );
        }
    }
}
