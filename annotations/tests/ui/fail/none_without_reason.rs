use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(none)]
    email: String,
}

fn main() {}
