//! Identifiers as words: `userIPAddress` -> `user ip address`, `totp_2fa_secret`
//! -> `totp 2fa secret`. Splitting is code; what a word normalises to
//! (`addr` -> `address`, `dob` -> `birthdate`) is data (`[normalise]` in
//! `vocabulary.toml`).

use std::borrow::Cow;

use super::phrases::{FxMap, FxSet};

/// Splits an identifier (or any text) into lowercase words: on `_`, `-`, `.`,
/// spaces and punctuation, at lower->upper case changes (`userName`), at the
/// end of an acronym (`IPAddress` -> `ip address`) and between letters and
/// digits (`line1` -> `line 1`), keeping a digit-led word whole (`2fa`).
#[cfg(test)]
pub fn split(ident: &str) -> Vec<String> {
    let mut words = Vec::new();
    split_each(ident, |w| words.push(w.to_string()));
    words
}

/// As [`split`], giving each lowercase word to `each` (one buffer, reused).
fn split_each(ident: &str, mut each: impl FnMut(&str)) {
    let mut current = String::new();
    // The last character of `current` as written, and whether `current` is all digits.
    let mut prev: Option<char> = None;
    let mut digits = true;
    let mut chars = ident.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                each(&current);
                current.clear();
            }
            prev = None;
            digits = true;
            continue;
        }
        if let Some(prev) = prev {
            let next = chars.peek().copied();
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                // `IPAddress`: the `A` starts a new word when followed by lowercase.
                || (prev.is_uppercase()
                    && c.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()))
                // `line1`, `last4`, `ipv4`: letters then digits.
                || (prev.is_alphabetic() && c.is_ascii_digit())
                // `1password`: digits then letters, unless the word started with
                // the digits (`2fa`, `3ds` stay whole).
                || (prev.is_ascii_digit() && c.is_alphabetic() && !digits)
                // `S3Config`: a capital that starts a word after digits.
                || (prev.is_ascii_digit()
                    && c.is_uppercase()
                    && next.is_some_and(|n| n.is_lowercase()));
            if boundary {
                each(&current);
                current.clear();
                digits = true;
            }
        }
        if c.is_ascii() {
            current.push(c.to_ascii_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
        digits &= c.is_ascii_digit();
        prev = Some(c);
    }
    if !current.is_empty() {
        each(&current);
    }
}

/// How words are normalised: abbreviations and spellings to one form, plurals
/// to the singular.
#[derive(Debug, Default, Clone)]
pub struct Normaliser {
    /// word -> the word(s) it stands for (`addr` -> `address`, `ostype` -> `os type`).
    pub map: FxMap<String, Vec<String>>,
    /// Words that end in `s` and are not plurals (`status`, `gps`, `os`).
    pub keep: FxSet<String>,
    /// Plurals of three letters or fewer (`ids`): other short words stay.
    pub short_plurals: FxSet<String>,
}

impl Normaliser {
    /// The normalised words of an identifier.
    pub fn words(&self, ident: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_each(ident, |word| self.push_word(word, &mut out));
        out
    }

    fn push_word(&self, word: &str, out: &mut Vec<String>) {
        if let Some(mapped) = self.map.get(word) {
            out.extend(mapped.iter().cloned());
            return;
        }
        let single = self.singular(word);
        if single != word {
            if let Some(mapped) = self.map.get(single.as_ref()) {
                out.extend(mapped.iter().cloned());
                return;
            }
        }
        out.push(single.into_owned());
    }

    /// `addresses` -> `address`, `cookies` -> `cookie`, `frames` -> `frame`;
    /// words listed in `keep` and short words stay as they are. The suffix
    /// rules are English spelling, so code; the exceptions are data (`[stem]`).
    pub fn singular<'w>(&self, word: &'w str) -> Cow<'w, str> {
        if word.len() <= 3 && !self.short_plurals.contains(word) {
            return Cow::Borrowed(word);
        }
        if !word.ends_with('s') || !word.is_ascii() || self.keep.contains(word) {
            return Cow::Borrowed(word);
        }
        for keep_end in ["ss", "us", "is", "os"] {
            if word.ends_with(keep_end) {
                return Cow::Borrowed(word);
            }
        }
        if let Some(stem) = word.strip_suffix("ies") {
            return Cow::Owned(format!("{stem}y"));
        }
        for es in ["sses", "shes", "ches", "xes", "zes"] {
            if word.ends_with(es) {
                return Cow::Borrowed(&word[..word.len() - 2]);
            }
        }
        Cow::Borrowed(&word[..word.len() - 1])
    }
}

/// Where `phrase` occurs as consecutive words of `words`: the start index
/// (the reference the phrase index is tested against).
#[cfg(test)]
pub fn find_phrase(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    (0..=words.len() - phrase.len())
        .rev()
        .find(|&i| words[i..i + phrase.len()] == *phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn splits_identifiers() {
        let cases: &[(&str, &[&str])] = &[
            ("email", &["email"]),
            ("password_encrypted", &["password", "encrypted"]),
            ("userIPAddress", &["user", "ip", "address"]),
            ("IPAddress", &["ip", "address"]),
            ("emailAddress", &["email", "address"]),
            ("totp_2fa_secret", &["totp", "2fa", "secret"]),
            ("address_line1", &["address", "line", "1"]),
            ("last4", &["last", "4"]),
            ("S3Config", &["s", "3", "config"]),
            ("Sha256Hash", &["sha", "256", "hash"]),
            ("TOTP2FA", &["totp", "2fa"]),
            ("HTTPServer", &["http", "server"]),
            ("LocalUserInsertForm", &["local", "user", "insert", "form"]),
            ("Enum::Variant", &["enum", "variant"]),
            ("__private", &["private"]),
            ("", &[]),
        ];
        for (ident, want) in cases {
            assert_eq!(split(ident), s(want), "split({ident:?})");
        }
    }

    #[test]
    fn singulars() {
        let n = Normaliser {
            keep: ["gps".to_string()].into_iter().collect(),
            short_plurals: ["ids".to_string(), "ips".to_string()].into_iter().collect(),
            ..Default::default()
        };
        for (word, want) in [
            ("addresses", "address"),
            ("entries", "entry"),
            ("frames", "frame"),
            ("status", "status"),
            ("gps", "gps"),
            ("ids", "id"),
            ("ips", "ip"),
            ("os", "os"),
            ("passwords", "password"),
            ("matches", "match"),
            ("analysis", "analysis"),
        ] {
            assert_eq!(n.singular(word), want, "singular({word:?})");
        }
    }

    #[test]
    fn normalises_with_map() {
        let mut n = Normaliser::default();
        n.map.insert("addr".into(), s(&["address"]));
        n.map.insert("ostype".into(), s(&["os", "type"]));
        assert_eq!(n.words("image_addr"), s(&["image", "address"]));
        assert_eq!(n.words("ostype"), s(&["os", "type"]));
        assert_eq!(n.words("remoteAddrs"), s(&["remote", "address"]));
    }

    #[test]
    fn finds_phrases() {
        let w = s(&["account", "holder", "name"]);
        assert_eq!(find_phrase(&w, &s(&["holder", "name"])), Some(1));
        assert_eq!(find_phrase(&w, &s(&["name"])), Some(2));
        assert_eq!(find_phrase(&w, &s(&["email"])), None);
        assert_eq!(find_phrase(&w, &s(&[])), None);
    }
}
