use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none, reason = "not linked", reason = "really")]
    email: String,
}

fn main() {}
