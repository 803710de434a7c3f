use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(::Contact::Email)]
    email: String,
}

fn main() {}
