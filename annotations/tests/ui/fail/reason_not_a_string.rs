use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, reason = 3)]
    email: String,
}

fn main() {}
