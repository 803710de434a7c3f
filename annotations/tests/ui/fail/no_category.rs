use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(purpose = Account, optional)]
    email: String,
}

fn main() {}
