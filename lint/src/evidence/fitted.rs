//! How much each kind of evidence counts, fitted from the labelled corpus by
//! `scripts/fit` and written to `fitted.toml` (the linter embeds it). Words
//! are not fitted: they come from the vocabulary, the standards and the type
//! table. A kind of evidence is the rule that gave a field's best candidate
//! and its level (`name/strong`, `container/inherited`); the file gives each
//! kind the precision it had on the corpus, and two cuts: a field is reported
//! when its kind's precision reaches `report`; evidence the rules call clear
//! (the contextual level up) stays clear (an error by default) only when its
//! kind's precision reaches `strong` at the lower end of its confidence
//! interval (`lower`). The fit only ever lowers a level: code
//! unlike the corpus gets no error the rules would not give. A kind the file
//! does not list keeps the rule-based default.

use super::phrases::FxMap;
use super::{Confidence, Level, Why};

/// The fitted cuts and each kind's precision.
#[derive(Debug, Clone, Default)]
pub struct Fitted {
    report: f64,
    strong: f64,
    /// Per kind: its precision and the lower end of its confidence interval.
    precision: FxMap<String, (f64, f64)>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FittedFile {
    fit: Cuts,
    #[serde(default)]
    kinds: std::collections::BTreeMap<String, KindFit>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Cuts {
    report: f64,
    strong: f64,
    /// Which projects the fit saw: read by people.
    #[serde(default)]
    #[serde(rename = "projects")]
    _projects: Vec<String>,
}

/// A kind's precision, and the lower end of its confidence interval (the
/// strong cut is held by it: a few fields all right prove little); the file
/// also says how many labelled fields back it, for people.
#[derive(serde::Deserialize)]
struct KindFit {
    precision: f64,
    /// Without it, the precision itself.
    #[serde(default)]
    lower: Option<f64>,
}

impl Fitted {
    /// Reads a fitted file; an error says what is wrong, with toml's position.
    pub fn parse(text: &str) -> Result<Fitted, String> {
        let file: FittedFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if !unit(file.fit.report) || !unit(file.fit.strong) {
            return Err("`report` and `strong` are precisions between 0 and 1".into());
        }
        let bad = |k: &KindFit| !unit(k.precision) || k.lower.is_some_and(|l| !unit(l));
        if let Some((kind, _)) = file.kinds.iter().find(|(_, k)| bad(k)) {
            return Err(format!("kind `{kind}`: precision is not between 0 and 1"));
        }
        if let Some(kind) = file.kinds.keys().find(|k| !is_kind(k)) {
            return Err(format!("`{kind}` is no kind of evidence (`rule/level`)"));
        }
        Ok(Fitted {
            report: file.fit.report,
            strong: file.fit.strong,
            precision: file
                .kinds
                .into_iter()
                .map(|(k, v)| (k, (v.precision, v.lower.unwrap_or(v.precision))))
                .collect(),
        })
    }

    /// Whether evidence of `kind` is reported, and how sure it is, given the
    /// rules' own confidence.
    pub fn decide(&self, kind: &str, rules: Confidence) -> Option<Confidence> {
        let Some(&(precision, lower)) = self.precision.get(kind) else {
            return Some(rules);
        };
        if precision < self.report {
            None
        } else if lower < self.strong {
            Some(Confidence::Weak)
        } else {
            Some(rules)
        }
    }
}

/// Where a field is, as far as the kinds of evidence go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A field of a record or of an enum variant with named fields.
    Field,
    /// A field of a tuple variant: the variant's name (`InvalidUserAgent(String)`)
    /// names a case more often than the data it carries.
    Variant,
    /// Anywhere in a file of the program's own configuration: what is there
    /// is mostly the product's, whatever its fields are called.
    ConfigFile,
    /// A record named for the product (`CloudStorageConfig`).
    ProductRecord,
}

/// The kind of evidence a candidate is: its rule and level, or where the
/// field is when that says more (`variant/strong`, `config/strong`,
/// `product/strong`).
pub(super) fn kind(why: Why, level: Level, place: Place) -> String {
    let rule = match (rule(why), place) {
        (_, Place::ConfigFile) => "config",
        (_, Place::ProductRecord) => "product",
        ("name", Place::Variant) => "variant",
        (rule, _) => rule,
    };
    format!("{rule}/{}", level_name(level))
}

/// A field with only markers of other crates.
pub(super) const MARKERS: &str = "marker/strong";

/// The rules a fitted file may name (`rule` gives all but the places
/// `kind` names: `variant`, `config`, `product`).
const RULES: [&str; 18] = [
    "name",
    "variant",
    "config",
    "product",
    "name-person",
    "name-domain",
    "name-in",
    "name-beside",
    "type",
    "external-type",
    "tree-type",
    "secret-id",
    "choice",
    "flag",
    "container",
    "handle",
    "payload",
    "doc",
];
const LEVELS: [&str; 5] = ["weak", "inherited", "contextual", "strong", "setting"];

fn rule(why: Why) -> &'static str {
    match why {
        Why::Name(_) => "name",
        Why::NamePerson(_) => "name-person",
        Why::NameDomain(_) => "name-domain",
        Why::NameIn(_) => "name-in",
        Why::NameBeside(_) => "name-beside",
        Why::Type(_) => "type",
        Why::External(_) => "external-type",
        Why::TypeHolds(_) => "tree-type",
        Why::SecretId => "secret-id",
        Why::Choice => "choice",
        Why::Flag => "flag",
        Why::Container => "container",
        Why::Handle => "handle",
        Why::Payload => "payload",
        Why::Doc(_) => "doc",
    }
}

fn level_name(level: Level) -> &'static str {
    LEVELS[level as usize - 1]
}

fn is_kind(key: &str) -> bool {
    key == MARKERS
        || key
            .split_once('/')
            .is_some_and(|(r, l)| RULES.contains(&r) && LEVELS.contains(&l))
}

#[cfg(test)]
mod tests {
    use super::super::Src;
    use super::*;

    const FILE: &str = r#"
[fit]
report = 0.4
strong = 0.9
projects = ["a/b"]
[kinds]
"name/strong" = { precision = 0.95, fields = 100 }
"type/strong" = { precision = 1.0, lower = 0.85, fields = 20 }
"container/inherited" = { precision = 0.6, fields = 40 }
"name/weak" = { precision = 0.2, fields = 10 }
"#;

    #[test]
    fn kinds_are_cut_by_their_fitted_precision() {
        let f = Fitted::parse(FILE).unwrap();
        assert_eq!(
            f.decide("name/strong", Confidence::Strong),
            Some(Confidence::Strong)
        );
        assert_eq!(
            f.decide("container/inherited", Confidence::Strong),
            Some(Confidence::Weak)
        );
        // Twenty right out of twenty do not yet prove an error-level kind.
        assert_eq!(
            f.decide("type/strong", Confidence::Strong),
            Some(Confidence::Weak)
        );
        // The fit never raises what the rules call weak.
        assert_eq!(
            f.decide("name/strong", Confidence::Weak),
            Some(Confidence::Weak)
        );
        assert_eq!(f.decide("name/weak", Confidence::Weak), None);
        // A kind the fit never saw keeps the rule-based default.
        assert_eq!(
            f.decide("handle/contextual", Confidence::Strong),
            Some(Confidence::Strong)
        );
    }

    #[test]
    fn a_bad_file_says_what_is_wrong() {
        let bad_kind = FILE.replace("name/weak", "nam/weak");
        assert!(Fitted::parse(&bad_kind).unwrap_err().contains("`nam/weak`"));
        let bad_cut = FILE.replace("0.4", "4");
        assert!(Fitted::parse(&bad_cut)
            .unwrap_err()
            .contains("between 0 and 1"));
        assert!(Fitted::parse("[fit]\nreport = 0.1\n").is_err());
        let bad_lower = FILE.replace("lower = 0.85", "lower = 1.5");
        assert!(Fitted::parse(&bad_lower)
            .unwrap_err()
            .contains("`type/strong`: precision is not between 0 and 1"));
    }

    #[test]
    fn evidence_in_a_configuration_file_is_a_kind_of_its_own() {
        use super::super::tests::{assess_with, OPEN_FIT};
        let src = "pub struct Account { pub password: String }";
        let basis = |file| {
            assess_with(
                &[(file, src)],
                file,
                "Account.password",
                &Default::default(),
                Some(OPEN_FIT),
            )
            .map(|a| a.basis)
        };
        assert_eq!(basis("src/mail.rs").as_deref(), Some("name/strong"));
        assert_eq!(basis("src/config.rs").as_deref(), Some("config/strong"));
        assert_eq!(basis("conf/mail.rs").as_deref(), Some("config/strong"));
    }

    #[test]
    fn every_rule_and_level_has_a_kind_name() {
        let name = Why::Name(Src::Name);
        assert_eq!(
            kind(Why::Container, Level::Inherited, Place::Field),
            "container/inherited"
        );
        assert_eq!(
            kind(Why::Handle, Level::Setting, Place::Field),
            "handle/setting"
        );
        assert_eq!(kind(name, Level::Strong, Place::Variant), "variant/strong");
        assert_eq!(kind(name, Level::Strong, Place::Field), "name/strong");
        // Anything in a configuration file or a product's record is a kind of its own.
        assert_eq!(
            kind(name, Level::Strong, Place::ConfigFile),
            "config/strong"
        );
        assert_eq!(
            kind(Why::Flag, Level::Weak, Place::ConfigFile),
            "config/weak"
        );
        assert_eq!(
            kind(name, Level::Strong, Place::ProductRecord),
            "product/strong"
        );
        assert!(is_kind(MARKERS));
        // Every kind the rules can give is one a fitted file may name.
        let whys = [
            name,
            Why::NamePerson(Src::Name),
            Why::NameDomain(Src::Name),
            Why::NameIn(Src::Name),
            Why::NameBeside(Src::Name),
            Why::Type(0),
            Why::External(0),
            Why::TypeHolds(0),
            Why::SecretId,
            Why::Choice,
            Why::Flag,
            Why::Container,
            Why::Handle,
            Why::Payload,
        ];
        for why in whys {
            for place in [
                Place::Field,
                Place::Variant,
                Place::ConfigFile,
                Place::ProductRecord,
            ] {
                assert!(is_kind(&kind(why, Level::Weak, place)), "{why:?}");
            }
        }
    }
}
