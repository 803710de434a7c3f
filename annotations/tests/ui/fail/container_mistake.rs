use collects::Collects;

// A mistake in the type's default is reported once, at the attribute, not
// once per field that inherits it.
#[derive(Collects)]
#[collects(ProductUse::Setings, purpose = Personalization)]
struct Preferences {
    theme: String,
    font_size: u8,
}

fn main() {}
