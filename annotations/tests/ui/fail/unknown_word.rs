use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Zebra)]
    email: String,
}

fn main() {}
