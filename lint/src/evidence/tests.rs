//! Fixtures of the evidence model: a snippet of Rust, a field, the expected
//! first category (or none) and a piece of the expected evidence. No fetched
//! code: every case is written here. The helpers serve every rule module's
//! own tests; the cases here are whole records, where the rules meet.

use collects_grammar::Taxonomy;

use super::{Confidence, EvidenceModel, Tree};
use crate::deps::{OwnName, Project};
use crate::model::Item;

pub(super) fn items(src: &str) -> Vec<Item> {
    crate::source::extract("src/model.rs", src.as_bytes(), &Taxonomy::builtin()).items
}

/// Assesses `Item.field` (or `Enum::Variant.0`) of `src`.
pub(super) fn assess(src: &str, target: &str) -> Option<super::Assessment> {
    assess_in(&[("src/model.rs", src)], "src/model.rs", target)
}

/// Assesses `Item.field` of file `file` in a tree of `(file, source)`.
pub(super) fn assess_in(
    files: &[(&str, &str)],
    file: &str,
    target: &str,
) -> Option<super::Assessment> {
    assess_with(files, file, target, &Project::default(), None)
}

/// One case in a tree that depends on the crates `deps` (its domain).
pub(super) fn case_deps(deps: &[&str], src: &str, target: &str, want: Option<&str>, why: &str) {
    check(src, target, want, why, assess_deps(deps, src, target));
}

/// Assesses `Item.field` of `src` in a tree that depends on `deps`.
pub(super) fn assess_deps(deps: &[&str], src: &str, target: &str) -> Option<super::Assessment> {
    let project = Project {
        deps: deps.iter().map(|d| d.to_string()).collect(),
        ..Project::default()
    };
    assess_project(&project, src, target)
}

/// One case in a tree that names its own code `names` (its domain).
pub(super) fn case_named(
    names: &[OwnName],
    src: &str,
    target: &str,
    want: Option<&str>,
    why: &str,
) {
    let project = Project {
        names: names.to_vec(),
        ..Project::default()
    };
    check(
        src,
        target,
        want,
        why,
        assess_project(&project, src, target),
    );
}

fn assess_project(project: &Project, src: &str, target: &str) -> Option<super::Assessment> {
    assess_with(
        &[("src/model.rs", src)],
        "src/model.rs",
        target,
        project,
        None,
    )
}

/// With every kind of evidence reported (no fitted cut) when `open`: what
/// kind a field's evidence is, whatever the fit makes of it.
pub(super) const OPEN_FIT: &str = "[fit]\nreport = 0.0\nstrong = 1.0\n";

pub(super) fn assess_with(
    files: &[(&str, &str)],
    file: &str,
    target: &str,
    project: &Project,
    fitted: Option<&str>,
) -> Option<super::Assessment> {
    let mut items: Vec<Item> = Vec::new();
    let mut imports = Vec::new();
    for (path, src) in files {
        let facts = crate::source::extract(path, src.as_bytes(), &Taxonomy::builtin());
        imports.push((path.to_string(), facts.imports));
        items.extend(facts.items);
    }
    let src = files.iter().map(|(_, s)| *s).collect::<Vec<_>>().join("\n");
    let tree = Tree {
        items: &items,
        project,
        imports: &imports,
    };
    let model = EvidenceModel::with_vocabulary(&Taxonomy::builtin(), &tree, None, fitted);
    let (item_name, field_name) = target.rsplit_once('.').expect("Item.field");
    let (item_name, variant) = match item_name.split_once("::") {
        Some((i, v)) => (i, Some(v)),
        None => (item_name, None),
    };
    let item = items
        .iter()
        .find(|i| i.name == item_name && i.path == file)
        .unwrap_or_else(|| panic!("no item {item_name} in {src}"));
    let field = item
        .fields
        .iter()
        .find(|f| f.name == field_name && f.variant.as_deref() == variant)
        .unwrap_or_else(|| panic!("no field {target}"));
    model.assess(item, field)
}

/// One case: `want` is the first category or `None`; `why` a piece of evidence.
pub(super) fn case(src: &str, target: &str, want: Option<&str>, why: &str) {
    check(src, target, want, why, assess(src, target));
}

/// One case with every kind of evidence reported ([`OPEN_FIT`]): what a
/// rule finds, whatever the fit makes of its kind.
pub(super) fn case_open(src: &str, target: &str, want: Option<&str>, why: &str) {
    let files = [("src/model.rs", src)];
    let got = assess_with(
        &files,
        "src/model.rs",
        target,
        &Project::default(),
        Some(OPEN_FIT),
    );
    check(src, target, want, why, got);
}

/// One case in a tree of several files: `Item.field` of `file`.
pub(super) fn case_in(
    files: &[(&str, &str)],
    file: &str,
    target: &str,
    want: Option<&str>,
    why: &str,
) {
    let src = format!("{files:?}");
    check(&src, target, want, why, assess_in(files, file, target));
}

fn check(src: &str, target: &str, want: Option<&str>, why: &str, got: Option<super::Assessment>) {
    match (want, &got) {
        (None, None) => {}
        (None, Some(a)) => panic!("{target}: want nothing, got {a:?}\n{src}"),
        (Some(w), None) => panic!("{target}: want {w}, got nothing\n{src}"),
        (Some(w), Some(a)) => {
            assert_eq!(a.categories[0], w, "{target}: {a:?}\n{src}");
            assert!(
                a.evidence.iter().any(|e| e.contains(why)),
                "{target}: evidence {:?} lacks {why:?}",
                a.evidence
            );
        }
    }
}

pub(super) const USER: &str = "pub struct User { id: i64, username: String, email: String, password_hash: String, \
                    display_name: Option<String>, name: String, show_nsfw: bool, theme: String, \
                    email_verified: bool, admin: bool, deleted: bool, created_at: DateTime<Utc>, \
                    last_login: Option<i64>, interface_language: String, infinite_scroll_enabled: bool, \
                    enabled: bool, person_id: PersonId, public_key: String, private_key: Option<String>, \
                    avatar: Option<Url>, bio: Option<String>, tz: Option<String>, default_sort_type: SortType }
                    pub enum SortType { Hot, New }";

#[test]
fn a_person_record() {
    case(
        USER,
        "User.email",
        Some("Contact::Email"),
        "field name `email`",
    );
    case(
        USER,
        "User.display_name",
        Some("Contact::Name"),
        "field name",
    );
    case(USER, "User.bio", Some("Content::Posts"), "field name");
}

#[test]
fn bookkeeping_of_a_person_is_not_personal() {
    for field in [
        "id",
        "email_verified",
        "admin",
        "deleted",
        "created_at",
        "enabled",
        "person_id",
        "public_key",
    ] {
        case(USER, &format!("User.{field}"), None, "");
    }
}

// ---- tricky negatives: the same words where they are not a person's data

#[test]
fn name_of_a_crate_site_or_key_is_not_personal() {
    let src = "struct Package { name: String, version: String, authors_count: u32 } \
               struct Site { name: String, banner: Option<Url>, private_key: Option<String>, sidebar: String } \
               struct ApiKey { name: String, secret: Vec<u8> } \
               struct Customer { name: Option<String>, business_name: Option<String> }";
    case(src, "Package.name", None, "");
    case(src, "Site.name", None, "");
    case(src, "ApiKey.name", None, "");
    case(
        src,
        "ApiKey.secret",
        Some("Credentials::SecurityInfo"),
        "secret",
    );
    case(
        src,
        "Customer.name",
        Some("Contact::Name"),
        "holds a person",
    );
}

#[test]
fn host_address_ip_of_a_server_are_not_personal() {
    let src =
        "struct ServerConfig { host: String, bind_address: SocketAddr, ip: IpAddr, port: u16 } \
               struct Listener { listen_addr: SocketAddr } \
               struct Frame { image_addr: u64 } \
               struct Allocation { address: usize, size: usize } \
               struct LoginEvent { client_ip: String, user_agent: String }";
    case(src, "ServerConfig.host", None, "");
    case(src, "ServerConfig.bind_address", None, "");
    case(src, "ServerConfig.ip", None, "");
    case(src, "Listener.listen_addr", None, "");
    case(src, "Allocation.address", None, "");
    case(
        src,
        "LoginEvent.client_ip",
        Some("Device::IpAddress"),
        "client_ip",
    );
    case(
        src,
        "LoginEvent.user_agent",
        Some("Device::Software"),
        "user_agent",
    );
}

#[test]
fn key_of_a_map_token_of_a_lexer_content_of_a_body() {
    let src = "struct Entry { key: String, value: String } \
               struct Lexer { token: Token, pos: usize } \
               struct Token { kind: TokenKind, text: String } \
               struct HttpResponse { content: Vec<u8>, content_type: String, status: u16 } \
               struct Session { id: String, token: String, user_id: i64 } \
               struct Comment { content: String, score: i32 } \
               struct PrivateMessage { content: String, recipient_id: i64 }";
    case(src, "Entry.key", None, "");
    case(src, "Lexer.token", None, "");
    case(src, "Token.text", None, "");
    case(src, "HttpResponse.content_type", None, "");
}

/// General code (a language server, a game engine, a JS runtime) holds words
/// that mean personal data elsewhere: none of these is a person's.
#[test]
fn machinery_of_general_code_is_not_personal() {
    let src = "struct LetStmt { let_token: Option<SyntaxToken>, eq_token: Option<SyntaxToken>, name_token: kw::rename } \
               struct Ident(SyntaxToken); \
               enum Arg { Tokens(TokenStream), Flag(bool) } \
               struct FxaaPipeline { shader: Handle<Shader>, texture: Handle<Image>, layout: BindGroupLayout } \
               struct Handle { handle: H } \
               struct MeshHandle(Handle<Mesh>); \
               struct Diagnostic { location: Option<Location>, message: String } \
               struct Location { file: FileId, line: u32, column: u32 } \
               struct CommandOutput { cwd: PathBuf, exit_code: i32, stdout: String } \
               struct Target { hostname: String, port: u16 } \
               struct TlsKeys { cert_chain: Vec<u8>, private_key: Vec<u8> } \
               struct ModuleLoad { specifier: String, referrer: String } \
               struct TestRun { token: CancellationToken, name: String } \
               struct PointerDebug { location: Vec2 } \
               struct ShadowView { pass_name: String } \
               enum Filter { ShowAll(bool), HideEmpty(bool) }";
    for target in [
        "ShadowView.pass_name",
        "LetStmt.let_token",
        "LetStmt.eq_token",
        "Ident.0",
        "Arg::Tokens.0",
        "Arg::Flag.0",
        "FxaaPipeline.shader",
        "FxaaPipeline.texture",
        "FxaaPipeline.layout",
        "MeshHandle.0",
        "Diagnostic.location",
        "CommandOutput.cwd",
        "Target.hostname",
        "TlsKeys.private_key",
        "ModuleLoad.referrer",
        "TestRun.token",
        "Filter::ShowAll.0",
        "Filter::HideEmpty.0",
    ] {
        case(src, target, None, "");
    }
    // A text category named on a value that is not text is at most a hint.
    for target in [
        "PointerDebug.location",
        "LetStmt.name_token",
        "CommandOutput.exit_code",
    ] {
        if let Some(a) = assess(src, target) {
            assert_eq!(a.confidence, Confidence::Weak, "{target}: {a:?}");
        }
    }
}

/// The same words keep their meaning where a person is.
#[test]
fn the_same_words_where_a_person_is() {
    let src = "struct History { command: String, cwd: String, exit: i64, hostname: String } \
               struct Person { name: String, email: String, private_key: Option<String> } \
               struct PageView { url: String, referrer: String } \
               struct LocalUser { person_id: i64, email: String, show_avatars: bool } \
               struct Relationship { allow_self_referential: bool }";
    case(
        src,
        "Person.private_key",
        Some("Credentials::SecurityInfo"),
        "private_key",
    );
    let a = assess(src, "LocalUser.show_avatars").unwrap();
    assert_eq!(a.categories[0], "ProductUse::Settings");
    assert_eq!(a.confidence, Confidence::Strong);
    // A bool named like a choice outside a person's record: a note at most.
    if let Some(a) = assess(src, "Relationship.allow_self_referential") {
        assert_eq!(a.confidence, Confidence::Weak, "{a:?}");
    }
}

/// A type name defined several times in a tree with different meanings lends
/// none of them to a field of that type in another file.
#[test]
fn an_ambiguous_type_name_lends_nothing() {
    let a = crate::source::extract(
        "src/a.rs",
        b"struct Entry { username: String, email: String } struct Near { e: Entry }",
        &Taxonomy::builtin(),
    )
    .items;
    let b = crate::source::extract(
        "src/b.rs",
        b"struct Entry { index: u32, generation: u32 }",
        &Taxonomy::builtin(),
    )
    .items;
    let c =
        crate::source::extract("src/c.rs", b"struct Far { e: Entry }", &Taxonomy::builtin()).items;
    let items: Vec<Item> = a.into_iter().chain(b).chain(c).collect();
    let model = EvidenceModel::new(&Taxonomy::builtin(), &items);
    let far = items.iter().find(|i| i.name == "Far").unwrap();
    assert!(model.assess(far, &far.fields[0]).is_none());
    // The same file's type lends its meaning.
    let near = items.iter().find(|i| i.name == "Near").unwrap();
    let a = model.assess(near, &near.fields[0]).unwrap();
    assert!(
        a.evidence.iter().any(|e| e.contains("type `Entry` holds")),
        "{a:?}"
    );
}

#[test]
fn product_configuration_is_not_personal() {
    let src = "struct SmtpConfig { username: String, password: String, host: String } \
               struct PasswordPolicy { length_min: i32, include_digits: bool } \
               struct AppSettings { theme: String, show_banner: bool } \
               struct ClientSdkInfo { name: String, version: String } \
               struct OsContext { name: Option<String>, version: Option<String> }";
    case(src, "PasswordPolicy.length_min", None, "");
    case(src, "PasswordPolicy.include_digits", None, "");
    case(src, "OsContext.name", Some("Device::Software"), "OsContext");
    // RFC 7591 client metadata: the software's name, logo and contacts.
    let oauth = "struct ClientRegistrationRequest { client_name: String, logo_uri: String, contacts: Vec<String> }";
    case(oauth, "ClientRegistrationRequest.client_name", None, "");
    case(oauth, "ClientRegistrationRequest.contacts", None, "");
    // An error holds the input that failed, not a person's data.
    let errors = "enum NetParseError { InvalidIpv6 { ip: String } } \
                  struct RedirectError { location: String } \
                  struct ErrorReport { message: String, stacktrace: Vec<String> }";
    case(errors, "NetParseError::InvalidIpv6.ip", None, "");
    case(errors, "RedirectError.location", None, "");
    // An error report is the diagnostics it names.
    case(
        errors,
        "ErrorReport.stacktrace",
        Some("Diagnostics::CrashDump"),
        "stacktrace",
    );
}

#[test]
fn metadata_of_personal_data_is_not_personal() {
    let src = "struct Account { email: String, email_verified_at: Option<DateTime<Utc>>, password_expires: Option<i64>, \
               phone_number_verified: bool, user_expires: Option<i64>, auth_provider_id: Option<String>, \
               oauth_user_id: String, matrix_user_id: Option<String> }";
    case(src, "Account.user_expires", None, "");
    case(
        src,
        "Account.matrix_user_id",
        Some("Contact::Other"),
        "matrix_user_id",
    );
    let rec = "struct Settings { audio_chunk_duration: i32, video_quality: String, transcription_engine: String } \
               struct AudioEntry { transcription: String }";
    case(rec, "Settings.audio_chunk_duration", None, "");
    case(rec, "Settings.video_quality", None, "");
    case(rec, "Settings.transcription_engine", None, "");
    // Rendering and input words of their standards (WebGPU, Pointer Events).
    let gpu = "struct WgpuSettings { power_preference: PowerPreference } \
               struct Calibrated { altitude_angle: Option<f64> } \
               struct Init { relationship_getter: fn() }";
    case(gpu, "WgpuSettings.power_preference", None, "");
    case(gpu, "Calibrated.altitude_angle", None, "");
    case(gpu, "Init.relationship_getter", None, "");
    let vault =
        "struct Profile { master_password_hint: Option<String>, avatar_color: Option<String>, \
                 authenticator_attachment: Option<String> }";
    case(
        vault,
        "Profile.master_password_hint",
        Some("Credentials::PasswordHint"),
        "master_password_hint",
    );
    case(vault, "Profile.avatar_color", None, "");
    case(vault, "Profile.authenticator_attachment", None, "");
    // Key material named as machinery is a person's only in a person's record.
    let keys = "struct SeedBytes { private_key: Vec<u8> } struct Person { name: String, email: String, private_key: String }";
    assert_eq!(
        assess(keys, "SeedBytes.private_key").unwrap().confidence,
        Confidence::Weak
    );
    case(
        keys,
        "Person.private_key",
        Some("Credentials::SecurityInfo"),
        "private_key",
    );
    // What a person made is never a number, a flag or a time: a hint at most.
    let flags = "struct Client { audio: bool, avatar: String }";
    let audio = assess(flags, "Client.audio").unwrap();
    assert_eq!(audio.confidence, Confidence::Weak, "{audio:?}");
    let avatar = assess(flags, "Client.avatar").unwrap();
    assert_eq!(avatar.confidence, Confidence::Strong, "{avatar:?}");
    case(
        rec,
        "AudioEntry.transcription",
        Some("Content::Transcript"),
        "transcription",
    );
}

#[test]
fn forms_share_the_record_meaning() {
    let src =
        "struct LocalUserUpdateForm { email: Option<Option<String>>, show_avatars: Option<bool>, \
               admin: Option<bool>, default_listing_type: Option<ListingType> } \
               enum ListingType { All, Local }";
    case(
        src,
        "LocalUserUpdateForm.email",
        Some("Contact::Email"),
        "email",
    );
    case(src, "LocalUserUpdateForm.admin", None, "");
    case(
        src,
        "LocalUserUpdateForm.default_listing_type",
        Some("ProductUse::Settings"),
        "a choice",
    );
}

#[test]
fn payment_cards() {
    let src = "struct Card { brand: String, last4: String, exp_month: i64, address_city: Option<String>, \
               address_line1: Option<String>, address_zip_check: Option<String>, name: Option<String>, \
               currency: Option<Currency>, customer: Option<Expandable<Customer>>, id: CardId, cvc: String } \
               struct BankAccount { routing_number: Option<String>, account_holder_type: Option<String> }";
    case(src, "Card.last4", Some("Spend::PaymentCard"), "last4");
    case(
        src,
        "Card.exp_month",
        Some("Spend::PaymentCard"),
        "exp_month",
    );
    case(
        src,
        "Card.address_city",
        Some("Contact::PostalAddress"),
        "address_city",
    );
    case(
        src,
        "Card.address_line1",
        Some("Contact::PostalAddress"),
        "address_line1",
    );
    case(src, "Card.name", Some("Contact::Name"), "name");
    case(src, "Card.cvc", Some("Payment::SecurityCode"), "cvc");
    case(
        src,
        "BankAccount.routing_number",
        Some("Payment::InstrumentNumber"),
        "routing_number",
    );
    case(src, "BankAccount.account_holder_type", None, "");
}

#[test]
fn a_shell_history() {
    let src =
        "struct History { id: String, timestamp: i64, duration: i64, exit: i64, command: String, \
               cwd: String, session: String, hostname: String, shell: Option<String> }";
    case(
        src,
        "History.command",
        Some("ProductUse::SearchQuery"),
        "command",
    );
    case(src, "History.cwd", Some("ProductUse::Features"), "cwd");
    case(
        src,
        "History.duration",
        Some("ProductUse::Features"),
        "duration",
    );
    case(src, "History.exit", Some("ProductUse::Features"), "exit");
    case(
        src,
        "History.hostname",
        Some("Device::Identifier"),
        "hostname",
    );
    case(src, "History.shell", Some("Device::Software"), "shell");
    case(src, "History.session", None, "");
    case(src, "History.id", None, "");
}

#[test]
fn login_responses_carry_the_session() {
    let src = "struct LoginResponse { session: String } struct RegisterRequest { email: String, username: String, password: String }";
    case(
        src,
        "LoginResponse.session",
        Some("Credentials::SecurityInfo"),
        "LoginResponse",
    );
    case(
        src,
        "RegisterRequest.password",
        Some("Credentials::Password"),
        "password",
    );
}

/// The model over `items` with the custom vocabulary `extra`.
fn with_extra(items: &[Item], extra: &str) -> EvidenceModel {
    let tree = Tree {
        items,
        project: &Project::default(),
        imports: &[],
    };
    EvidenceModel::with_vocabulary(&Taxonomy::builtin(), &tree, Some(extra), None)
}

#[test]
fn a_custom_vocabulary_adds_words() {
    let items = items("struct Patient { mrn: String }");
    let plain = EvidenceModel::new(&Taxonomy::builtin(), &items);
    assert!(plain.assess(&items[0], &items[0].fields[0]).is_none());
    let extra = "[Contact.Other]\nnames = [\"mrn\"]\n";
    let model = with_extra(&items, extra);
    let a = model.assess(&items[0], &items[0].fields[0]).unwrap();
    assert_eq!(a.categories[0], "Contact::Other");
}

#[test]
fn a_custom_vocabulary_adds_rule_words() {
    let items = items("struct Row { #[confidential] label: String, email: Tagged<String> }");
    let plain = EvidenceModel::new(&Taxonomy::builtin(), &items);
    assert!(plain.assess(&items[0], &items[0].fields[0]).is_none());
    let a = plain.assess(&items[0], &items[0].fields[1]).unwrap();
    assert_eq!(a.confidence, Confidence::Weak, "not text: {a:?}");
    let extra = "[markers]\nattributes = [\"confidential\"]\n[types]\nwrappers = [\"Tagged\"]\n";
    let model = with_extra(&items, extra);
    let a = model.assess(&items[0], &items[0].fields[0]).unwrap();
    assert_eq!(a.evidence, ["attribute `#[confidential]`"]);
    let a = model.assess(&items[0], &items[0].fields[1]).unwrap();
    assert_eq!(
        a.confidence,
        Confidence::Strong,
        "text inside a wrapper: {a:?}"
    );
}

#[test]
fn the_builtin_vocabulary_names_only_taxonomy_categories() {
    let taxonomy = Taxonomy::builtin();
    let root: toml::Table = toml::from_str(super::BUILTIN_VOCABULARY).unwrap();
    for (group, items) in &root {
        if super::vocab::SECTIONS.contains(&group.as_str()) {
            continue;
        }
        for item in items.as_table().unwrap().keys() {
            assert!(
                taxonomy.knows(&format!("{group}::{item}")),
                "{group}::{item}"
            );
        }
    }
}

#[test]
fn common_personal_data_words_of_any_codebase() {
    let src = "struct Signup { forename: String, landline: String, mother_tongue: String, \
               advertising_identifier: String, recovery_phrase: String, geoip_city: String }";
    case(src, "Signup.forename", Some("Contact::Name"), "forename");
    case(src, "Signup.landline", Some("Contact::Phone"), "landline");
    case(
        src,
        "Signup.mother_tongue",
        Some("Demographic::Language"),
        "mother_tongue",
    );
    case(
        src,
        "Signup.advertising_identifier",
        Some("Device::Identifier"),
        "advertising_identifier",
    );
    case(
        src,
        "Signup.recovery_phrase",
        Some("Credentials::SecurityInfo"),
        "recovery_phrase",
    );
    case(
        src,
        "Signup.geoip_city",
        Some("Location::Imprecise"),
        "geoip_city",
    );
}

#[test]
fn voicemail_and_pin_numbers() {
    let src = "struct Inbox { voicemail: Vec<u8>, pin_number: String }";
    case(
        src,
        "Inbox.voicemail",
        Some("Content::VoiceMessage"),
        "voicemail",
    );
    case(
        src,
        "Inbox.pin_number",
        Some("Credentials::Password"),
        "pin_number",
    );
}

#[test]
fn a_bool_that_says_more_than_the_data_is_a_flag_about_it() {
    let src = "struct Job { got_exception: bool, needs_stack_trace: bool } \
               struct Report { crash_report: String }";
    for field in ["Job.got_exception", "Job.needs_stack_trace"] {
        let a = assess(src, field).expect("a hint");
        assert_eq!(a.confidence, Confidence::Weak, "{field}: {a:?}");
    }
    let a = assess(src, "Report.crash_report").expect("the data");
    assert_eq!(a.confidence, Confidence::Strong, "{a:?}");
}

#[test]
fn a_list_of_records_named_for_a_category_is_a_multi_valued_attribute() {
    let src =
        "struct MultiValueAttr { kind: Option<String>, primary: Option<bool>, value: String } \
               struct Location { line: u32, col: u32 } \
               struct User { emails: Vec<MultiValueAttr>, location: Location }";
    let a = assess(src, "User.emails").expect("a hint");
    assert_eq!(
        (a.categories[0].as_str(), a.confidence),
        ("Contact::Email", Confidence::Weak)
    );
    // One record of the tree that holds nothing personal: a reference to it.
    assert!(assess(src, "User.location").is_none());
}

#[test]
fn unix_account_records_speak_passwd() {
    let src = "struct EtcPasswd { name: String, uid: u32, gecos: String, homedir: String, shell: String } \
               struct EtcGroup { name: String, gid: u32, members: Vec<String> }";
    let first = |target| assess(src, target).map(|a| a.categories[0].clone());
    assert_eq!(first("EtcPasswd.name").as_deref(), Some("Contact::Other"));
    assert_eq!(first("EtcPasswd.gecos").as_deref(), Some("Contact::Name"));
    assert_eq!(
        first("EtcPasswd.shell").as_deref(),
        Some("ProductUse::Settings")
    );
    assert_eq!(first("EtcGroup.members").as_deref(), Some("Contact::Other"));
    assert_eq!(first("EtcGroup.name"), None);
}

#[test]
fn an_opaque_payload_in_a_persons_record_is_a_hint() {
    let src =
        "struct Identity { id: String, email: String, identity_data: Option<serde_json::Value> } \
               struct Job { id: String, data: serde_json::Value }";
    let files = [("src/model.rs", src)];
    let open = |target| {
        assess_with(
            &files,
            "src/model.rs",
            target,
            &Project::default(),
            Some(OPEN_FIT),
        )
    };
    let a = open("Identity.identity_data").expect("a hint");
    assert_eq!(
        (a.categories[0].as_str(), a.confidence, a.basis.as_str()),
        ("Contact::Other", Confidence::Weak, "payload/weak")
    );
    assert!(a.evidence[0].contains("opaque payload"), "{a:?}");
    assert!(open("Job.data").is_none());
}

#[test]
fn a_query_in_a_search_is_what_the_person_searched() {
    let src =
        "struct FileSearchInput { query: String, limit: u32 } struct SqlFilter { query: String }";
    let a = assess(src, "FileSearchInput.query").expect("a search");
    assert_eq!(a.categories[0], "ProductUse::SearchQuery");
    assert!(assess(src, "SqlFilter.query").is_none());
}

#[test]
fn an_avatar_held_in_a_record_of_the_tree_is_still_an_avatar() {
    let src = "struct File { id: String, tag: String, size: u64 } struct Member { id: String, avatar: Option<File> }";
    let a = assess(src, "Member.avatar").expect("an avatar");
    assert_eq!(a.categories[0], "Content::Media");
}

#[test]
fn a_programs_own_error_words_are_hints() {
    let src = "struct Job { error_code: i32, exception: String }";
    for field in ["Job.error_code", "Job.exception"] {
        let a = assess(src, field).expect("a hint");
        assert_eq!(a.confidence, Confidence::Weak, "{field}: {a:?}");
    }
}
