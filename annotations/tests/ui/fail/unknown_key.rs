use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, purpse = Account)]
    email: String,
}

fn main() {}
