use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contakt)]
    email: String,
}

fn main() {}
