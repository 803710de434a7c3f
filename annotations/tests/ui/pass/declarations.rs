use collects::{Collects, Declaration};

#[derive(Collects)]
#[collects(ProductUse::Settings, purpose = Personalization)]
struct User {
    #[collects(Contact::Email, Contact::Phone, purpose = Account, source = Direct)]
    email: String,
    #[collects(Location::Precise, purpose = Service, optional)]
    last_fix: Option<(f64, f64)>,
    #[collects(none, reason = "opaque row id, not linked outside the database")]
    id: i64,
    theme: String,
    #[collects(Contact)]
    r#type: String,
}

#[derive(Collects)]
struct Session(
    #[collects(Device::IpAddress, purpose = Security)] std::net::IpAddr,
    u64,
);

#[derive(Collects)]
enum Login {
    Password {
        #[collects(Credentials::Password)]
        hash: String,
        attempts: u32,
    },
    Token(#[collects(Credentials::SecurityInfo, optional)] String),
    Anonymous,
}

#[derive(Collects)]
#[collects(none, reason = "build metadata, no person involved")]
struct Build {
    version: String,
    commit: String,
}

#[derive(Collects)]
struct Wrapper<'a, T: Clone, const N: usize>
where
    T: Default,
{
    #[collects(Content::Files)]
    files: [&'a T; N],
}

#[derive(Collects)]
struct Unit;

#[derive(Collects)]
enum Never {}

const fn declared(item: &'static str, field: &'static str, categories: &'static [&'static str]) -> Declaration {
    Declaration {
        item,
        field,
        categories,
        purpose: None,
        source: None,
        optional: false,
        none_reason: None,
    }
}

fn main() {
    assert_eq!(
        User::collected(),
        [
            Declaration {
                purpose: Some("Account"),
                source: Some("Direct"),
                ..declared("User", "email", &["Contact::Email", "Contact::Phone"])
            },
            Declaration {
                purpose: Some("Service"),
                optional: true,
                ..declared("User", "last_fix", &["Location::Precise"])
            },
            Declaration {
                none_reason: Some("opaque row id, not linked outside the database"),
                ..declared("User", "id", &[])
            },
            Declaration {
                purpose: Some("Personalization"),
                ..declared("User", "theme", &["ProductUse::Settings"])
            },
            declared("User", "type", &["Contact"]),
        ]
    );
    assert_eq!(
        Session::collected(),
        [Declaration {
            purpose: Some("Security"),
            ..declared("Session", "0", &["Device::IpAddress"])
        }]
    );
    assert_eq!(
        Login::collected(),
        [
            declared("Login::Password", "hash", &["Credentials::Password"]),
            Declaration {
                optional: true,
                ..declared("Login::Token", "0", &["Credentials::SecurityInfo"])
            },
        ]
    );
    let reason = Some("build metadata, no person involved");
    assert_eq!(
        Build::collected(),
        [
            Declaration { none_reason: reason, ..declared("Build", "version", &[]) },
            Declaration { none_reason: reason, ..declared("Build", "commit", &[]) },
        ]
    );
    assert_eq!(
        <Wrapper<'static, u8, 2>>::collected(),
        [declared("Wrapper", "files", &["Content::Files"])]
    );
    assert!(Unit::collected().is_empty());
    assert!(Never::collected().is_empty());
}
