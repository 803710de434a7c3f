use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, Contact::Email, reason = "it is hashed")]
    email: String,
}

fn main() {}
