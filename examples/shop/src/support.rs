use collects::Collects;

/// A support ticket opened by a customer.
#[derive(Collects)]
pub struct Ticket {
    #[collects(none, reason = "ticket number")]
    pub id: u64,
    #[collects(Feedback::SupportRequest, purpose = Support, source = Direct)]
    pub message: String,
    // Deliberate: the customer's email, copied without a declaration (CL0001).
    pub reply_to_email: String,
    pub status: TicketStatus,
}

/// Where a ticket stands.
#[derive(Collects)]
pub enum TicketStatus {
    Open,
    Answered { by_agent: String },
    Closed,
}
