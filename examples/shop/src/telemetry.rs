use collects::Collects;

/// What the storefront records about a visit.
#[derive(Collects)]
pub struct Session {
    #[collects(Device::IpAddress, purpose = Security)]
    pub ip: std::net::IpAddr,
    #[collects(Device::Software, purpose = Improvement)]
    pub user_agent: String,
    // Deliberate: precise location, which the statement does not list (CL0003).
    #[collects(Location::Precise, purpose = Service, optional)]
    pub gps: Option<(f64, f64)>,
    #[collects(Location::Imprecise, purpose = Service, source = ServiceProvider)]
    pub city: String,
    #[collects(ProductUse::Features, purpose = Improvement)]
    pub started_at: u64,
}
