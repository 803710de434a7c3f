use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, reason = "it is hashed")]
    email: String,
}

fn main() {}
