use collects::Collects;

#[derive(Collects)]
enum Contact {
    #[collects(Contact::Email)]
    Email(String),
    Phone(#[collects(Contact::Phone)] String),
}

fn main() {}
