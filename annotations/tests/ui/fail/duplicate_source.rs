use collects::Collects;

#[derive(Collects)]
struct User {
    #[collects(Contact::Email, source = Direct, source = Observed)]
    email: String,
}

fn main() {}
