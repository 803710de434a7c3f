use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects]
    email: String,
}

fn main() {}
