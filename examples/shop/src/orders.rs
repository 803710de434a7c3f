use collects::Collects;

/// An order and what it contains.
#[derive(Collects)]
pub struct Order {
    #[collects(none, reason = "row id")]
    pub id: u64,
    #[collects(none, reason = "foreign key to the customer row")]
    pub customer_id: u64,
    #[collects(ProductUse::Purchases, purpose = Service)]
    pub items: Vec<LineItem>,
    pub total_cents: u64,
}

/// One product in an order: catalogue data, not personal on its own.
#[derive(Collects)]
#[collects(none, reason = "catalogue data; the order as a whole is declared")]
pub struct LineItem {
    pub sku: String,
    pub quantity: u32,
    pub price_cents: u64,
}
