//! CL0009 log-leak: a sensitive value reaches a logging, printing or
//! panicking macro, an `.expect(..)` message or an `#[instrument]` span.

use std::collections::{BTreeSet, HashMap};

use super::debug_leak::{chain_evidence, chain_paths, field_name};
use super::{Code, Explain, RunContext};
use crate::checks::{Finding, Severity};
use crate::leaks::{LeakIndex, Link, Strength, Via};
use crate::model::{Shape, Span};
use crate::source::bodies::{Bodies, How, Reach, Signature, TypeOf};

pub(crate) const EXPLAIN: Explain = Explain {
    summary: "a sensitive value reaches a log, a print, a panic or a trace",
    what_it_does: "Reads the function bodies of the files that log, print or panic, and reports a value of a sensitive category (`[leaks] sensitive`) that reaches `tracing` or `log` macros, `println!`/`eprintln!`/`dbg!`, `panic!`/`assert*!`/`unreachable!`/`todo!`, an `.expect(..)` message, a `format!`/`write!` whose result goes to one of these, or the span of an `#[instrument]`ed function that does not skip it. It follows field accesses (`user.email`), inline captures (`\"{password}\"`), values printed with `Debug` (`?user`, `{user:?}`) whose type holds a sensitive field through a derived `Debug`, and values printed with `Display` (`%err`, `{err}`, `err.to_string()`) whose type's derived `Display` names one in its format: thiserror's `#[error(\"..\")]` (and `#[error(transparent)]`), derive_more's and parse-display's `#[display(\"..\")]`, displaydoc's doc comment, strum's `to_string`, the derives `leaks.toml` lists; a field printed with `{field}` whose own type's `Display` does leaks too. It uses the types the code states: parameters, `let x: T`, `Self`, struct literals and the return types of the tree's functions. A declared field reached through a stated type is an error. A note (`log-leak.weak`) when the receiver's type is not known and the field name is a source of exactly one type, when the source is undeclared but CL0001 is sure of it, or when a parameter or local's name says what it holds (`password`, `api_key`, `card_number`). Test code is left out unless `[leaks] tests = true`.",
    why_it_matters: "Logs and traces are shipped to other systems, kept for months and read by people who have no business seeing a customer's password or card number. A leak there is a breach that no database permission prevents.",
    example: "#[derive(Debug, thiserror::Error)]\n#[error(\"no account for {email}\")]\nstruct NotFound { email: String }\n\n#[tracing::instrument]\nasync fn login(form: LoginForm) { // CL0009: `form` is recorded with `Debug`, which prints `LoginForm.password`\n    tracing::info!(\"login for {}\", form.email); // CL0009: `form.email` reaches `tracing::info!`\n    if let Err(err) = find(&form.email) {\n        tracing::warn!(%err); // CL0009: `err` reaches `tracing::warn!` with `Display`, which prints `NotFound.email`\n    }\n}",
    example_syntax: "rust",
    fix: "Log an identifier instead of the value (`user.id`), or a redacted form; hold the value in a redacting type (`secrecy::SecretString`); skip the parameter: `#[instrument(skip(form))]`; leave the field out of a derived `Display`'s format (`#[error(\"no account for user {id}\")]`). Where printing it is deliberate, say so: `// collects: allow(log-leak) -- why` on the line above.",
};

/// The `[lint] severity` key for findings on weak evidence (notes by default).
pub(crate) const WEAK_SEVERITY_KEY: &str = "log-leak.weak";

/// Reports every read value that reaches a sink and holds a source; a
/// local built from sources is reported once, as what it was built from.
pub(crate) fn check_run(cx: &RunContext, out: &mut Vec<Finding>) {
    let types = Types::new(cx.index, cx.bodies);
    for bodies in cx.bodies {
        let mut reported: BTreeSet<(Span, &str)> = BTreeSet::new();
        for reach in &bodies.reaches {
            let local = reach.via.as_deref().unwrap_or(&reach.place.root);
            if reach.place.fields.is_empty() && reported.contains(&(reach.span, local)) {
                continue;
            }
            let allowed = reach
                .allowed
                .iter()
                .any(|a| Code::parse(a) == Some(Code::LogLeak));
            if allowed || cx.skips_test_code(&bodies.path, reach.in_test) {
                continue;
            }
            if let Some(found) = types.what_reaches(reach) {
                reported.insert((reach.span, local));
                out.push(
                    ReachesSink {
                        index: cx.index,
                        path: &bodies.path,
                        reach,
                        found,
                    }
                    .into(),
                );
            }
        }
    }
}

/// What a reached value is found to hold.
enum Found {
    /// Through the stated types: the root is a value of a tree type, and the
    /// chain of fields leads from it to a source, the last link.
    Typed {
        root: String,
        chain: Vec<Link>,
        /// How each link is printed or read (one per link).
        via: Vec<Via>,
        source: Link,
    },
    /// The receiver's type is unknown; the field name is a source of exactly
    /// one type of the tree.
    FieldName(Link),
    /// A parameter or local whose name says what it holds.
    Named { category: String },
}

/// The types of the tree and the functions that return them.
struct Types<'a> {
    index: &'a LeakIndex<'a>,
    /// By `(owner, name)`: what the functions of the bodies read return.
    functions: HashMap<(Option<&'a str>, &'a str), Vec<&'a Shape>>,
    /// By name: what methods of that name return.
    methods: HashMap<&'a str, Vec<&'a Shape>>,
}

impl<'a> Types<'a> {
    fn new(index: &'a LeakIndex<'a>, bodies: &'a [Bodies]) -> Self {
        let mut functions: HashMap<(Option<&str>, &str), Vec<&Shape>> = HashMap::new();
        let mut methods: HashMap<&str, Vec<&Shape>> = HashMap::new();
        for Signature {
            owner,
            name,
            output,
        } in bodies.iter().flat_map(|b| &b.signatures)
        {
            functions
                .entry((owner.as_deref(), name))
                .or_default()
                .push(output);
            if owner.is_some() {
                methods.entry(name).or_default().push(output);
            }
        }
        Types {
            index,
            functions,
            methods,
        }
    }

    fn what_reaches(&self, reach: &Reach) -> Option<Found> {
        let place = &reach.place;
        let root_shape = reach.root_type.as_ref().and_then(|t| self.shape(t));
        if let Some(shape) = &root_shape {
            if let Some((chain, via)) =
                self.typed_chain(shape, &place.fields, reach.how, place.revealed)
            {
                return Some(Found::Typed {
                    root: self.index.item(*chain.first()?).name.clone(),
                    source: *chain.last()?,
                    chain,
                    via,
                });
            }
        }
        match place.fields.last() {
            Some(field) if root_shape.is_none() => self.by_field_name(field),
            None => self.by_name(&place.root),
            Some(_) => None,
        }
    }

    /// The chain of fields from a value of `shape` through `fields` to a
    /// source; with `Debug` or `Display`, on into what the last value's
    /// derived `Debug` or `Display` prints. With how each link is reached.
    fn typed_chain(
        &self,
        shape: &Shape,
        fields: &[String],
        how: How,
        revealed: bool,
    ) -> Option<(Vec<Link>, Vec<Via>)> {
        let mut chain = Vec::new();
        let mut current = shape.clone();
        for name in fields {
            let link = self.index.field_of(&current, name)?;
            chain.push(link);
            if self.index.source(link).is_some() {
                let printed = revealed || self.index.prints(self.index.field(link).ty.shape());
                let via = vec![Via::Field; chain.len()];
                return printed.then_some((chain, via));
            }
            current = self.index.field(link).ty.shape().clone();
        }
        let leak = match how {
            How::Debug => self.index.shape_leak(&current),
            How::Display => self.index.display_leak(&current),
            How::Value => None,
        }?;
        let mut via = vec![Via::Field; chain.len()];
        chain.extend(leak.chain);
        via.extend(leak.via);
        Some((chain, via))
    }

    /// What the code states of a type, as a shape: written, or returned by
    /// a function of the tree, or a field's.
    fn shape(&self, ty: &TypeOf) -> Option<Shape> {
        match ty {
            TypeOf::Shape(shape) => Some(shape.clone()),
            TypeOf::Call(path) => self.call_output(path),
            TypeOf::Method(name) => unique(self.methods.get(name.as_str())?),
            TypeOf::Field(inner, name) => {
                let link = self.index.field_of(&self.shape(inner)?, name)?;
                Some(self.index.field(link).ty.shape().clone())
            }
            TypeOf::Argument(inner, n) => Some(type_argument(self.shape(inner)?, *n)),
        }
    }

    /// What calling `path` returns: `load_user` a free function of the
    /// tree, `User::find` a method of `impl User`.
    fn call_output(&self, path: &[String]) -> Option<Shape> {
        let (name, before) = path.split_last()?;
        let owner = before.last().map(String::as_str);
        if let Some(outputs) = self.functions.get(&(owner, name.as_str())) {
            return unique(outputs);
        }
        // `User::new(..)` of a type of the tree whose `impl` was not read.
        let constructor = matches!(name.as_str(), "new" | "default" | "from" | "try_from");
        let owner = owner?;
        (constructor && !self.index.items_named(owner).is_empty())
            .then(|| Shape::Name(crate::model::Name::new(owner)))
    }

    fn by_field_name(&self, name: &str) -> Option<Found> {
        let links = self.index.sources_named(name);
        let first = links.first()?;
        let one_type = links.iter().all(|l| l.item == first.item)
            || links
                .iter()
                .all(|l| self.index.items[l.item].name == self.index.items[first.item].name);
        one_type.then_some(Found::FieldName(*first))
    }

    /// A name that says what the value holds: the whole name, or its last
    /// words (`new_password`).
    fn by_name(&self, root: &str) -> Option<Found> {
        let name = self.index.data.names.iter().find(|n| {
            root == n.name
                || root
                    .strip_suffix(n.name.as_str())
                    .is_some_and(|before| before.ends_with('_'))
        })?;
        self.index
            .settings
            .is_sensitive(&name.category)
            .then(|| Found::Named {
                category: name.category.clone(),
            })
    }
}

/// The `n`th type argument of a shape (`User` of `Option<User>`), through
/// references; the shape itself when it has none (a `Vec<User>`'s
/// `.first().unwrap()` is read as its argument twice).
fn type_argument(shape: Shape, n: usize) -> Shape {
    match shape {
        Shape::Pointer(inner) => type_argument(*inner, n),
        Shape::Slice(inner) | Shape::Array(inner) => *inner,
        Shape::Path(segments) => match segments.last().and_then(|s| s.args.get(n)) {
            Some(argument) => argument.clone(),
            None => Shape::Path(segments),
        },
        other => other,
    }
}

/// The one shape of a list, when all agree.
fn unique(shapes: &[&Shape]) -> Option<Shape> {
    let first = *shapes.first()?;
    shapes.iter().all(|s| *s == first).then(|| first.clone())
}

/// "`user.email` (Contact::Email) reaches `tracing::info!`".
pub(crate) struct ReachesSink<'a> {
    pub index: &'a LeakIndex<'a>,
    /// The file of the function.
    pub path: &'a str,
    pub reach: &'a Reach,
    found: Found,
}

impl From<ReachesSink<'_>> for Finding {
    fn from(d: ReachesSink<'_>) -> Finding {
        let (reach, index) = (d.reach, d.index);
        let place = reach.place.text();
        let sink = &reach.sink;
        let through = match &d.found {
            Found::Typed { chain, .. } => chain_paths(index, chain),
            Found::FieldName(link) => chain_paths(index, &[*link]),
            Found::Named { .. } => Vec::new(),
        };
        let (category, strength, message, mut evidence) = match &d.found {
            Found::Typed {
                root,
                chain,
                via,
                source,
            } => {
                let category = source_category(index, *source);
                let accessed = reach.place.fields.len();
                let message = match via.get(accessed) {
                    Some(printed) => {
                        let by = match printed {
                            Via::Display(_) => "Display",
                            _ => "Debug",
                        };
                        format!(
                            "`{place}` reaches `{sink}` with `{by}`, which prints `{}` ({category})",
                            field_name(index, *source)
                        )
                    }
                    None => format!("`{place}` ({category}) reaches `{sink}`"),
                };
                let mut evidence = vec![format!("`{}` has the type `{root}`", reach.place.root)];
                if via.iter().any(|v| matches!(v, Via::Display(_))) {
                    evidence.extend(display_evidence(index, chain, via));
                } else {
                    evidence.extend(chain_evidence(index, chain));
                }
                let strength = index.source(*source).map_or(Strength::Weak, |s| s.strength);
                (category, strength, message, evidence)
            }
            Found::FieldName(link) => {
                let category = source_category(index, *link);
                let message = format!(
                    "`{place}` reaches `{sink}` and may be `{}` ({category})",
                    field_name(index, *link)
                );
                let evidence = vec![
                    format!(
                        "the type of `{}` is not stated; `{}` is a source field of one type only",
                        reach.place.root,
                        index.field(*link).name
                    ),
                    super::debug_leak::source_evidence(index, *link),
                ];
                (category, Strength::Weak, message, evidence)
            }
            Found::Named { category } => (
                category.clone(),
                Strength::Weak,
                format!("`{place}` ({category}, by its name) reaches `{sink}`"),
                vec![format!("the name `{place}` says it holds {category}")],
            ),
        };
        let message = match &reach.via {
            Some(local) => format!("{message} through `{local}`"),
            None => message,
        };
        evidence.push(format!(
            "reaches `{sink}` in `{}` at {}:{}",
            reach.function, d.path, reach.span.start.line
        ));
        let mut finding = Finding::new(Code::LogLeak, d.path, reach.span, message)
            .with_label(label(reach))
            .with_help(help(reach))
            .with_evidence(vec![category], evidence);
        finding.item = Some(reach.function.clone());
        finding.field = Some(place);
        finding.through = through;
        if strength == Strength::Weak {
            finding.severity = Severity::Note;
            finding.severity_key = Some(WEAK_SEVERITY_KEY);
        }
        finding
    }
}

/// One line per step of a chain that a derived `Display` prints, the
/// source last: "the `Display` of `ApiError::Contact` from `#[error(..)]`
/// at src/error.rs:12 prints `email`"; the steps through a derived `Debug`
/// or a field read as [`chain_evidence`] words them.
fn display_evidence(index: &LeakIndex, chain: &[Link], via: &[Via]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut k = 0;
    while k < chain.len() {
        match via[k] {
            Via::Display(id) => {
                let (item, format) = index.format(id);
                let item = &index.items[item];
                let mut printed = index.field(chain[k]).name.clone();
                let mut next = k + 1;
                while via.get(next) == Some(&Via::Field) {
                    printed.push('.');
                    printed.push_str(&index.field(chain[next]).name);
                    next += 1;
                }
                let holder = match &format.variant {
                    Some(variant) => format!("{}::{variant}", item.name),
                    None => item.name.clone(),
                };
                let with_debug = match via.get(next) {
                    Some(Via::Debug) => " with `Debug`",
                    _ => "",
                };
                lines.push(format!(
                    "the `Display` of `{holder}` from {} at {}:{} prints `{printed}`{with_debug}",
                    format.written, item.path, format.line
                ));
                k = next;
            }
            step if k > 0 => {
                let derived = match step {
                    Via::Debug => ", whose `Debug` is derived",
                    _ => "",
                };
                lines.push(format!(
                    "`{}` holds a `{}`{derived}",
                    field_name(index, chain[k - 1]),
                    index.item(chain[k]).name
                ));
                k += 1;
            }
            _ => k += 1,
        }
    }
    if let Some(&source) = chain.last() {
        lines.push(super::debug_leak::source_evidence(index, source));
    }
    lines
}

fn source_category(index: &LeakIndex, link: Link) -> String {
    index
        .source(link)
        .map(|s| s.category.clone())
        .unwrap_or_default()
}

fn label(reach: &Reach) -> String {
    match reach.sink.as_str() {
        "#[instrument]" => "recorded in the span of `#[instrument]`".to_string(),
        ".expect(..)" => "in the panic message".to_string(),
        sink => format!("printed by `{sink}`"),
    }
}

fn help(reach: &Reach) -> String {
    let common = "log an id or a redacted form instead, or hold the value in a redacting type (`secrecy::SecretString`)";
    match reach.sink.as_str() {
        "#[instrument]" => format!(
            "skip it: `#[instrument(skip({}))]`; or {common}",
            reach.place.root
        ),
        _ => format!("{common}; where it is deliberate, `// collects: allow(log-leak) -- why` on the line above"),
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::test::check_with_config;
    use crate::checks::Code;

    const USER: &str = "#[derive(Debug)]\nstruct User {\n    id: u64,\n    #[collects(Contact::Email)]\n    email: String,\n}\n";

    /// Only the leak checks' findings of `body` after [`USER`] (CL0008 on
    /// `User` itself and CL0001 are left out), as `line:column level message`.
    fn leaks(body: &str, expect: &[&str]) {
        check_with_config(
            "[lint]\nseverity = { undeclared = \"off\", \"undeclared.weak\" = \"off\", debug-leak = \"off\" }\n",
            &format!("{USER}{body}"),
            expect,
        );
    }

    #[test]
    fn a_field_of_a_typed_parameter_is_an_error_and_an_id_is_not() {
        leaks(
            "fn login(user: &User) {\n    tracing::info!(\"login {}\", user.email);\n    tracing::info!(id = user.id, \"login\");\n}",
            &["8:32 error CL0009 `user.email` (Contact::Email) reaches `tracing::info!` [printed by `tracing::info!`]"],
        );
    }

    #[test]
    fn debug_of_a_value_whose_derived_debug_prints_a_source() {
        leaks(
            "impl User {\n    fn save(&self) {\n        let copy: User = load();\n        log::warn!(\"saving {:?}\", self);\n        println!(\"{copy:?}\");\n        tracing::debug!(?copy, %self.id);\n    }\n}",
            &[
                "10:35 error CL0009 `self` reaches `log::warn!` with `Debug`, which prints `User.email` (Contact::Email) [printed by `log::warn!`]",
                "11:18 error CL0009 `copy` reaches `println!` with `Debug`, which prints `User.email` (Contact::Email) [printed by `println!`]",
                "12:26 error CL0009 `copy` reaches `tracing::debug!` with `Debug`, which prints `User.email` (Contact::Email) [printed by `tracing::debug!`]",
            ],
        );
    }

    #[test]
    fn values_built_from_a_source_and_format_into_expect_and_return_types() {
        leaks(
            "fn find(id: u64) -> Option<User> { None }\nfn f() {\n    let user = find(1).expect(\"none\");\n    let m = format!(\"to {}\", user.email);\n    eprintln!(\"{m}\");\n    let u = User { id: 1, email: String::new() };\n    lookup(1).expect(&format!(\"no {}\", u.email));\n}",
            &[
                "11:15 error CL0009 `user.email` (Contact::Email) reaches `eprintln!` through `m` [printed by `eprintln!`]",
                "13:22 error CL0009 `u.email` (Contact::Email) reaches `.expect(..)` [in the panic message]",
            ],
        );
    }

    #[test]
    fn instrument_records_parameters_it_does_not_skip() {
        leaks(
            "#[tracing::instrument(skip(db))]\nasync fn update(db: Db, user: User) {}\n#[instrument(skip(user), fields(email = %user.email))]\nfn other(user: User) {}\n#[instrument(skip_all)]\nfn quiet(user: User) {}",
            &[
                "8:25 error CL0009 `user` reaches `#[instrument]` with `Debug`, which prints `User.email` (Contact::Email) [recorded in the span of `#[instrument]`]",
                "9:42 error CL0009 `user.email` (Contact::Email) reaches `#[instrument]` [recorded in the span of `#[instrument]`]",
            ],
        );
    }

    #[test]
    fn an_unknown_receiver_or_a_telling_name_is_a_note() {
        leaks(
            "fn f(password: &str, key: &str) {\n    let u = fetch();\n    println!(\"{} {password} {key}\", u.email);\n    let new_password = x;\n    dbg!(new_password);\n}",
            &[
                "9:14 note CL0009 `password` (Credentials::Password, by its name) reaches `println!` [printed by `println!`]",
                "9:37 note CL0009 `u.email` reaches `println!` and may be `User.email` (Contact::Email) [printed by `println!`]",
                "11:10 note CL0009 `new_password` (Credentials::Password, by its name) reaches `dbg!` [printed by `dbg!`]",
            ],
        );
    }

    #[test]
    fn an_error_is_not_the_value_a_result_holds() {
        leaks(
            "fn load() -> Result<User, Error> { todo!() }\nfn f() {\n    match load() {\n        Ok(user) => println!(\"{user:?}\"),\n        Err(e) => println!(\"{e:?}\"),\n    }\n    if let Some(u) = find_all().first() {\n        println!(\"{:?}\", u);\n    }\n    let users: Vec<User> = all();\n    for u in &users {\n        dbg!(&u.email);\n    }\n}",
            &[
                "10:30 error CL0009 `user` reaches `println!` with `Debug`, which prints `User.email` (Contact::Email) [printed by `println!`]",
                "18:14 error CL0009 `u.email` (Contact::Email) reaches `dbg!` [printed by `dbg!`]",
            ],
        );
    }

    /// A thiserror enum: a variant prints a declared field by position, one
    /// through `transparent` a type whose derive_more `Display` prints one,
    /// one prints nothing sensitive.
    const API_ERROR: &str = "#[derive(Debug, thiserror::Error)]\nenum ApiError {\n    #[error(\"bad address {0}\")]\n    Address(#[collects(Contact::Email)] String),\n    #[error(transparent)]\n    Contact(Contact),\n    #[error(\"user {id} not found\")]\n    NotFound { id: u64, user: Option<User> },\n}\n#[derive(Debug, derive_more::Display)]\n#[display(\"{name} <{email}>\")]\npub struct Contact {\n    name: String,\n    #[collects(Contact::Phone)]\n    phone: String,\n    #[collects(Contact::Email)]\n    email: String,\n}\n";

    #[test]
    fn display_of_a_value_whose_derived_display_prints_a_source() {
        leaks(
            &format!("{API_ERROR}fn handle(r: Result<(), ApiError>, c: &Contact) {{\n    if let Err(e) = r {{\n        tracing::error!(%e, \"failed\");\n        println!(\"{{e}}\");\n        log::warn!(\"{{}}\", e.to_string());\n    }}\n    tracing::info!(\"contact {{c}}\");\n}}"),
            &[
                "27:26 error CL0009 `e` reaches `tracing::error!` with `Display`, which prints `ApiError::Address.0` (Contact::Email) [printed by `tracing::error!`]",
                "28:18 error CL0009 `e` reaches `println!` with `Display`, which prints `ApiError::Address.0` (Contact::Email) [printed by `println!`]",
                "29:26 error CL0009 `e` reaches `log::warn!` with `Display`, which prints `ApiError::Address.0` (Contact::Email) [printed by `log::warn!`]",
                "31:20 error CL0009 `c` reaches `tracing::info!` with `Display`, which prints `Contact.email` (Contact::Email) [printed by `tracing::info!`]",
            ],
        );
    }

    /// The message and evidence of the one CL0009 finding of `source`
    /// (after [`USER`]).
    fn message_and_evidence(source: &str) -> (String, Vec<String>) {
        let config = crate::config::Config::default();
        let source = format!("{USER}{source}");
        let findings = crate::engine::lint_in_memory(&[("src/lib.rs", &source)], &config);
        let mut found = findings.into_iter().filter(|f| f.code == Code::LogLeak);
        let finding = found.next().expect("a CL0009 finding");
        assert!(found.next().is_none());
        (finding.message, finding.evidence)
    }

    #[test]
    fn the_evidence_names_each_format_on_the_way_to_the_source() {
        let api_error = API_ERROR.replace("bad address {0}", "bad address");
        let (message, evidence) = message_and_evidence(&format!(
            "{api_error}fn f(e: ApiError) {{\n    panic!(\"{{}}\", e);\n}}"
        ));
        assert_eq!(
            message,
            "`e` reaches `panic!` with `Display`, which prints `Contact.email` (Contact::Email)"
        );
        assert_eq!(
            evidence,
            [
                "`e` has the type `ApiError`",
                "the `Display` of `ApiError::Contact` from `#[error(transparent)]` at src/lib.rs:12 prints `0`",
                "the `Display` of `Contact` from `#[display(..)]` at src/lib.rs:18 prints `email`",
                "`Contact.email` is declared Contact::Email at src/lib.rs:23",
                "reaches `panic!` in `f` at src/lib.rs:26",
            ]
        );
        // `{0:?}` goes on through the field's derived `Debug`.
        let (message, evidence) = message_and_evidence(
            "#[derive(Debug, thiserror::Error)]\nenum E {\n    #[error(\"for {0:?}\")]\n    For(Account),\n}\n#[derive(Debug)]\nstruct Account {\n    user: User,\n}\nfn f(e: E) {\n    tracing::error!(error = %e);\n}",
        );
        assert_eq!(
            message,
            "`e` reaches `tracing::error!` with `Display`, which prints `User.email` (Contact::Email)"
        );
        assert_eq!(
            evidence,
            [
                "`e` has the type `E`",
                "the `Display` of `E::For` from `#[error(..)]` at src/lib.rs:10 prints `0` with `Debug`",
                "`E::For.0` holds a `Account`, whose `Debug` is derived",
                "`Account.user` holds a `User`, whose `Debug` is derived",
                "`User.email` is declared Contact::Email at src/lib.rs:5",
                "reaches `tracing::error!` in `f` at src/lib.rs:17",
            ]
        );
    }

    #[test]
    fn a_display_that_prints_no_source_is_not_a_leak_and_debug_stays_debug() {
        let login = "#[derive(Debug, thiserror::Error)]\n#[error(\"login failed for user {id}\")]\npub struct LoginFailed {\n    id: u64,\n    #[collects(Credentials::Password)]\n    password: String,\n}\n";
        leaks(
            &format!("{login}fn f(e: LoginFailed) {{\n    tracing::warn!(%e);\n    tracing::warn!(\"{{e}}\");\n    tracing::warn!(?e);\n    eprintln!(\"{{:?}}\", e);\n}}"),
            &[
                "17:21 error CL0009 `e` reaches `tracing::warn!` with `Debug`, which prints `LoginFailed.password` (Credentials::Password) [printed by `tracing::warn!`]",
                "18:23 error CL0009 `e` reaches `eprintln!` with `Debug`, which prints `LoginFailed.password` (Credentials::Password) [printed by `eprintln!`]",
            ],
        );
    }

    #[test]
    fn a_weak_source_in_a_display_format_is_a_note() {
        leaks(
            "#[derive(Debug, thiserror::Error)]\n#[error(\"cannot reach {email_address}\")]\npub struct Unreachable {\n    email_address: String,\n}\nfn f(e: Unreachable) {\n    log::error!(\"{e}\");\n}",
            &[
                "10:5 note CL0008 the derived `Debug` of `Unreachable` prints `Unreachable.email_address` (Contact::Email) [printed by `#[derive(Debug)]`]",
                "13:17 note CL0009 `e` reaches `log::error!` with `Display`, which prints `Unreachable.email_address` (Contact::Email) [printed by `log::error!`]",
            ],
        );
    }

    #[test]
    fn test_code_and_allowed_lines_are_left_out() {
        let body = "#[test]\nfn t() {\n    let user: User = make();\n    assert_eq!(user.email, \"a@b.c\");\n}\nfn g(user: User) {\n    // collects: allow(log-leak) -- the support desk needs it\n    println!(\"{}\", user.email);\n}";
        leaks(body, &[]);
        check_with_config(
            "[leaks]\ntests = true\n[lint]\nseverity = { debug-leak = \"off\" }\n",
            &format!("{USER}{body}"),
            &["10:16 error CL0009 `user.email` (Contact::Email) reaches `assert_eq!` [printed by `assert_eq!`]"],
        );
    }
}
