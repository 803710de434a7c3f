use collects::Collects;

/// A customer's account.
#[derive(Collects)]
pub struct Customer {
    #[collects(none, reason = "row id, never shown or shared")]
    pub id: u64,
    #[collects(Contact::Name, purpose = Account)]
    pub full_name: String,
    #[collects(Contact::Email, purpose = Account)]
    pub email: String,
    // Deliberate: a phone number nobody declared (CL0001).
    pub phone: Option<String>,
    #[collects(Credentials::Password, purpose = Account)]
    pub password_hash: String,
    #[collects(Demographic::Age, purpose = Security, optional)]
    pub birth_year: Option<u16>,
    pub created_at: u64,
}

/// Where an order goes. Every field is part of the customer's address.
#[derive(Collects)]
#[collects(Contact::PostalAddress, purpose = Service)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub postal_code: String,
    pub country: String,
}

/// What the customer chose in the settings page.
#[derive(Collects)]
#[collects(ProductUse::Settings, purpose = Personalization, optional)]
pub struct Preferences {
    pub newsletter: bool,
    pub dark_mode: bool,
    pub currency: String,
}

/// A signed-in session.
#[derive(Collects)]
pub struct Login {
    #[collects(Credentials::SecurityInfo, purpose = Security)]
    pub session_token: String,
    // Deliberate: declared as an email, but it is a phone number (CL0002).
    #[collects(Contact::Email, purpose = Security)]
    pub recovery_phone: String,
}
