use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Emial)]
    email: String,
}

fn main() {}
