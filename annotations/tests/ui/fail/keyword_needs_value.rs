use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, purpose)]
    email: String,
}

fn main() {}
