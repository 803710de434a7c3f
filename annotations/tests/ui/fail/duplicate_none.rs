use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, none, reason = "not linked to a person")]
    email: String,
}

fn main() {}
