use collects::Collects;

/// A saved payment card.
#[derive(Collects)]
pub struct Card {
    #[collects(Payment::InstrumentNumber, purpose = Service)]
    pub number: String,
    #[collects(Spend::PaymentCard, purpose = Service)]
    pub expiry: String,
    // Deliberate: card data used for advertising, which the statement rules out (CL0003).
    #[collects(Spend::PaymentCard, purpose = Advertising)]
    pub brand: String,
    #[collects(Contact::Name, purpose = Service)]
    pub cardholder_name: String,
}
