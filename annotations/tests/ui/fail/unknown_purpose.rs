use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, purpose = Acount)]
    email: String,
}

fn main() {}
