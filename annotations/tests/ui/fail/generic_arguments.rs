use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email<String>)]
    email: String,
}

fn main() {}
