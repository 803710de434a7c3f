use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, optional, optional)]
    email: String,
}

fn main() {}
