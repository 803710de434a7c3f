use collects::Collects;

// Every mistake is reported in one compile, each at its own token.
#[derive(Collects)]
#[collects(ProductUse, purpose = Personalisation)]
struct Profile {
    #[collects(Contact::Emial, Locaton::Precise)]
    email: String,
    #[collects(none)]
    id: i64,
    theme: String,
}

#[derive(Collects)]
struct Point(#[collects(Location::Precise, sorce = Direct)] f64, f64);

#[derive(Collects)]
enum Login {
    Password {
        #[collects(Credentials::Pasword)]
        hash: String,
    },
    Token(#[collects(Credentials::SecurityInfo, optional = yes)] String),
}

fn main() {
    // The impls still exist, so calling them adds no error of its own.
    let _ = <Profile as Collects>::collected();
    let _ = <Point as Collects>::collected();
    let _ = <Login as Collects>::collected();
}
