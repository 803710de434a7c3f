//! A module.
// collects: allow(undeclared) -- fixtures for the whole file
use collects::Collects;

/// A person who signs up.
#[derive(Debug, Collects)]
#[collects(Contact, purpose = Account)]
pub struct User<'a, T: Clone = u8> where T: Default {
    /// Where we write.
    #[serde(rename = "mail")]
    #[collects(Contact::Email, purpose = Account, source = Direct)]
    pub email: Option<Vec<String>>,
    // collects: allow(CL0001) -- only a counter
    pub phone_number: &'a str,
    #[collects(none, reason = "an internal id")]
    r#type: T,
}

fn helper() -> bool { !matches!(1, 2) && "struct X;".len() > 0 }

pub enum Payment {
    Card { card_number: String, #[collects(Payment::Card)] cvv: u16 },
    Iban(#[collects(Payment)] String),
    None,
}

#[repr(C)]
union Raw { ip_address: u32, birth_date: f32 }

macro_rules! m { (struct $n:ident) => { struct $n { ssn: String } } }
m!(struct Hidden);
/* block /* nested */ comment struct NotOne; */
pub struct Tuple(pub u8, pub(crate) String);
// collects: allow(nonsense
struct Broken { a: , }
