use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, source = Drect)]
    email: String,
}

fn main() {}
