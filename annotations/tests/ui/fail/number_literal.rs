use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(42)]
    email: String,
}

fn main() {}
