// Whole groups, every purpose and every source of the built-in taxonomy are
// accepted, and a field may name several categories.
use collects::Collects;

#[derive(Collects)]
struct Everything {
    #[collects(Contact, Credentials, Demographic, Payment, ProductUse, Device, Diagnostics)]
    a: (),
    #[collects(Support, Interests, Contacts, Location, Content, Video, Spend, Enterprise, Feedback)]
    b: (),
    #[collects(Contact::Name, purpose = Service, source = Direct)] c: (),
    #[collects(Contact::Name, purpose = Account, source = Observed)] d: (),
    #[collects(Contact::Name, purpose = Security, source = DataBroker)] e: (),
    #[collects(Contact::Name, purpose = Support, source = SocialNetwork)] f: (),
    #[collects(Contact::Name, purpose = Improvement, source = ServiceProvider)] g: (),
    #[collects(Contact::Name, purpose = Personalization, source = Partner)] h: (),
    #[collects(Contact::Name, purpose = Advertising, source = Public)] i: (),
    #[collects(Contact::Name, purpose = Communications, optional)] j: (),
}

fn main() {
    assert_eq!(Everything::collected().len(), 10);
    assert_eq!(Everything::collected()[0].categories.len(), 7);
}
