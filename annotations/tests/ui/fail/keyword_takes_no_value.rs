use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, optional = true)]
    email: String,
}

fn main() {}
