use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, purpose = Account, purpose = Support)]
    email: String,
}

fn main() {}
