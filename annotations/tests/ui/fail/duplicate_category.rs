use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, Contact::Email)]
    email: String,
}

fn main() {}
