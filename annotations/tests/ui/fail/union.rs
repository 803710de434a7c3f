use collects::Collects;

#[derive(Collects)]
union Bits {
    #[collects(Device::Identifier)]
    raw: u64,
    float: f64,
}

fn main() {}
