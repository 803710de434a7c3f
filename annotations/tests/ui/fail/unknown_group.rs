use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contakt::Email, purpose = Account)]
    email: String,
}

fn main() {}
