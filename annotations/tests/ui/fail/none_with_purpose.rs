use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, reason = "not linked", purpose = Account)]
    email: String,
}

fn main() {}
