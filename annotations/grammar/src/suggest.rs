/// The candidate closest to `input`, if it is close enough to be what the
/// user meant ("did you mean"). Case is ignored when comparing.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_a_near_miss_and_ignores_case() {
        assert_eq!(closest("Emial", ["Email", "Phone"]), Some("Email"));
        assert_eq!(closest("contact", ["Contact", "Location"]), Some("Contact"));
    }

    #[test]
    fn says_nothing_when_nothing_is_close() {
        assert_eq!(closest("Zebra", ["Email", "Phone"]), None);
    }
}
