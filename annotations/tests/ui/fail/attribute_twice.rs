use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email)] #[collects(purpose = Account)]
    email: String,
}

fn main() {}
