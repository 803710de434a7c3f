use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, purpose = "Account")]
    email: String,
}

fn main() {}
