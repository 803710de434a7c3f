use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email::Work)]
    email: String,
}

fn main() {}
