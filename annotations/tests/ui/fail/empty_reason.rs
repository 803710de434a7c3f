use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, reason = "  ")]
    email: String,
}

fn main() {}
