//! The vocabulary compiled for matching. Every phrase is interned once and
//! indexed by its first word, with the lists and categories it belongs to, so
//! finding the phrases of a field's words touches only the phrases that start
//! with one of those words — never the whole vocabulary.

use super::vocab::{Phrase, Vocabulary};

/// Maps and sets keyed by identifiers: FxHash, fast on short strings, and
/// nothing here needs protection against chosen collisions.
pub type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type FxSet<K> = rustc_hash::FxHashSet<K>;

/// A phrase's id in [`Phrases`].
pub type Pid = u32;

/// The `[context]` lists a phrase belongs to.
pub mod flag {
    pub const PERSON: u16 = 1;
    pub const NOT_PERSONAL: u16 = 1 << 1;
    pub const CREDENTIAL: u16 = 1 << 2;
    pub const REFERENCE_TAIL: u16 = 1 << 3;
    /// Bookkeeping phrases, except those that are bookkeeping only alone.
    pub const BOOKKEEPING: u16 = 1 << 4;
    pub const SETTING_VERB: u16 = 1 << 5;
    pub const INHERIT_BLOCKER: u16 = 1 << 6;
    pub const WHOLE_BLOCKER: u16 = 1 << 7;
    pub const NONE: u16 = 1 << 8;
    /// Code, syntax, rendering, networking or runtime machinery.
    pub const INFRASTRUCTURE: u16 = 1 << 9;
    /// Not about a person: the product, a server, or machinery.
    pub const NOT_ABOUT_A_PERSON: u16 = NOT_PERSONAL | INFRASTRUCTURE;
    /// A group of people, or something else than a person that has a name.
    pub const COLLECTIVE: u16 = 1 << 10;
}

/// What a phrase is to a category. The order of the first four is the order in
/// which a category's name evidence is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Name,
    Person,
    /// A person word of a standard the tree speaks.
    Domain,
    /// A name of `when` rule number `.0`.
    When(u32),
    Weak,
    Container,
}

/// A `when` rule: the phrases of its conditions.
#[derive(Debug, Clone)]
pub struct Rule {
    pub containers: Vec<Pid>,
    pub siblings: Vec<Pid>,
    pub unless: Vec<Pid>,
    /// A container counts only as the head of the item's name.
    pub head: bool,
    /// A hint even where it holds.
    pub weak: bool,
    /// A slot of a standard the tree speaks: a hint by its name
    /// alone ([`super::vocab::When::domain`]).
    pub domain: bool,
    /// It names the whole field ([`super::vocab::When::whole`]).
    pub whole: bool,
}

/// A well-known type of another crate, by its last path segment.
#[derive(Debug, Clone)]
pub struct External {
    /// The path as listed: `ruma::OwnedUserId`.
    pub path: Vec<String>,
    pub krate: String,
    /// The category, `None` when the type holds nothing personal.
    pub category: Option<usize>,
    pub strong: bool,
    pub also: Vec<usize>,
    /// Only when written with its path.
    pub path_only: bool,
}

impl External {
    /// Whether a type written with `path` (its segments) is this one: a bare
    /// name is, unless the tree defines a type of that name (`shadowed`) or
    /// the name is one many crates use (`path_only`); a
    /// path is when it names the crate (`ruma::`, `ruma_common::`,
    /// `matrix_sdk::ruma::`) or ends the listed path (`net::IpAddr`), and not
    /// when it starts at the tree's own crate (`crate::`, `self::`, `super::`).
    pub fn is(&self, path: &[&str], shadowed: bool) -> bool {
        let Some((_, prefix)) = path.split_last() else {
            return false;
        };
        if prefix.is_empty() {
            return !shadowed && !self.path_only;
        }
        if is_own_root(prefix[0]) || prefix[0] == "Self" {
            return false;
        }
        let krate = self.krate.as_str();
        let names_crate = prefix.iter().any(|s| {
            *s == krate
                || s.strip_prefix(krate)
                    .is_some_and(|rest| rest.starts_with('_'))
        });
        names_crate
            || self
                .path
                .ends_with(&path.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }
}

/// Whether a path's first segment starts it at the tree's own crate
/// (`crate::db::UserId`, `self::`, `super::`).
pub(super) fn is_own_root(segment: &str) -> bool {
    matches!(segment, "crate" | "self" | "super")
}

#[derive(Debug, Default, Clone)]
pub struct Phrases {
    phrases: Vec<Phrase>,
    ids: FxMap<Phrase, Pid>,
    by_first: FxMap<String, Vec<Pid>>,
    pub flags: Vec<u16>,
    /// (category, role) pairs of each phrase, by category.
    pub roles: Vec<Vec<(usize, Role)>>,
    pub rules: Vec<Rule>,
    /// Listed type name -> (category, strong), by category.
    pub types: FxMap<String, Vec<(usize, bool)>>,
    /// Well-known types of other crates, by last path segment.
    pub external: FxMap<String, Vec<External>>,
    pub meta_tails: FxSet<String>,
    /// Form suffixes (`request`, `data`): a container is the head of an
    /// item's name before them.
    pub form_suffixes: FxSet<String>,
}

/// One occurrence of a phrase in a sequence of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub pid: Pid,
    pub start: u32,
    pub len: u32,
}

impl Match {
    pub fn end(&self) -> usize {
        self.start as usize + self.len as usize
    }
}

/// Normalised words and every phrase of the vocabulary found in them.
#[derive(Debug, Clone, Default)]
pub struct Seq {
    pub words: Vec<String>,
    /// All occurrences, by start then phrase id.
    pub matches: Vec<Match>,
    /// The last word that is a metadata tail (`verified`, `count`).
    pub last_meta: Option<usize>,
}

impl Seq {
    pub fn has(&self, ph: &Phrases, f: u16) -> bool {
        self.matches
            .iter()
            .any(|m| ph.flags[m.pid as usize] & f != 0)
    }

    /// The length of the longest phrase with flag `f`, 0 if none.
    pub fn longest(&self, ph: &Phrases, f: u16) -> usize {
        self.matches
            .iter()
            .filter(|m| ph.flags[m.pid as usize] & f != 0)
            .map(|m| m.len as usize)
            .max()
            .unwrap_or(0)
    }

    pub fn contains(&self, pid: Pid) -> bool {
        self.matches.iter().any(|m| m.pid == pid)
    }

    /// A phrase with flag `f` ends the words.
    pub fn ends_with(&self, ph: &Phrases, f: u16) -> bool {
        let n = self.words.len();
        self.matches
            .iter()
            .any(|m| m.end() == n && ph.flags[m.pid as usize] & f != 0)
    }

    /// The last word is a one-word phrase with flag `f`.
    pub fn last_word_is(&self, ph: &Phrases, f: u16) -> bool {
        let n = self.words.len();
        self.matches
            .iter()
            .any(|m| m.len == 1 && m.end() == n && ph.flags[m.pid as usize] & f != 0)
    }

    /// A phrase with flag `f` is the whole sequence.
    pub fn is_whole(&self, ph: &Phrases, f: u16) -> bool {
        let n = self.words.len();
        self.matches
            .iter()
            .any(|m| m.start == 0 && m.len as usize == n && ph.flags[m.pid as usize] & f != 0)
    }

    /// Each phrase once, at its last occurrence (as `words::find_phrase` finds it).
    pub fn last_occurrences(&self) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::with_capacity(self.matches.len());
        for m in &self.matches {
            match out.iter_mut().find(|o| o.pid == m.pid) {
                Some(o) => *o = *m,
                None => out.push(*m),
            }
        }
        out
    }
}

impl Phrases {
    pub fn compile(v: &Vocabulary) -> Phrases {
        let mut ph = Phrases::default();
        let lists: [(&[Phrase], u16); 10] = [
            (&v.infrastructure, flag::INFRASTRUCTURE),
            (&v.person, flag::PERSON),
            (&v.not_personal, flag::NOT_PERSONAL),
            (&v.credential, flag::CREDENTIAL),
            (&v.reference_tails, flag::REFERENCE_TAIL),
            (&v.setting_verbs, flag::SETTING_VERB),
            (&v.inherit_blockers, flag::INHERIT_BLOCKER),
            (&v.whole_blockers, flag::WHOLE_BLOCKER),
            (&v.none, flag::NONE),
            (&v.collectives, flag::COLLECTIVE),
        ];
        for (list, f) in lists {
            for p in list {
                let pid = ph.intern(p);
                ph.flags[pid as usize] |= f;
            }
        }
        for p in &v.bookkeeping {
            let pid = ph.intern(p);
            // Words that count only as the whole name (`[bools] alone`).
            if !v.bools.alone.contains(&p.join(" ")) {
                ph.flags[pid as usize] |= flag::BOOKKEEPING;
            }
        }
        for (ci, cat) in v.categories.iter().enumerate() {
            let roles: [(&[Phrase], Role); 5] = [
                (&cat.names, Role::Name),
                (&cat.person, Role::Person),
                (&cat.domain, Role::Domain),
                (&cat.weak, Role::Weak),
                (&cat.containers, Role::Container),
            ];
            for (list, role) in roles {
                for p in list {
                    ph.add_role(p, ci, role);
                }
            }
            for when in &cat.when {
                let r = ph.rules.len() as u32;
                let rule = Rule {
                    containers: when.containers.iter().map(|p| ph.intern(p)).collect(),
                    siblings: when.siblings.iter().map(|p| ph.intern(p)).collect(),
                    unless: when.unless.iter().map(|p| ph.intern(p)).collect(),
                    head: when.head,
                    weak: when.weak,
                    domain: when.domain,
                    whole: when.whole,
                };
                ph.rules.push(rule);
                for p in &when.names {
                    ph.add_role(p, ci, Role::When(r));
                }
            }
            for t in cat.types.iter().chain(&cat.weak_types) {
                let entry = ph.types.entry(t.clone()).or_default();
                if !entry.iter().any(|&(c, _)| c == ci) {
                    entry.push((ci, cat.types.contains(t)));
                }
            }
        }
        for roles in &mut ph.roles {
            roles.sort();
            roles.dedup();
        }
        ph.meta_tails = v.meta_tails.iter().cloned().collect();
        ph.form_suffixes = v.form_suffixes.iter().cloned().collect();
        let index = |name: &str| v.categories.iter().position(|c| c.name == name);
        for t in &v.listed_types {
            let category = match &t.category {
                Some(name) => match index(name) {
                    Some(c) => Some(c),
                    None => continue,
                },
                None => None,
            };
            ph.external
                .entry(t.name().to_string())
                .or_default()
                .push(External {
                    path: t.path.clone(),
                    krate: t.krate.clone(),
                    category,
                    strong: !t.weak,
                    also: t.also.iter().filter_map(|c| index(c)).collect(),
                    path_only: t.path_only,
                });
        }
        ph
    }

    fn intern(&mut self, p: &Phrase) -> Pid {
        if let Some(&pid) = self.ids.get(p) {
            return pid;
        }
        let pid = self.phrases.len() as Pid;
        self.phrases.push(p.clone());
        self.ids.insert(p.clone(), pid);
        self.flags.push(0);
        self.roles.push(Vec::new());
        if let Some(first) = p.first() {
            self.by_first.entry(first.clone()).or_default().push(pid);
        }
        pid
    }

    fn add_role(&mut self, p: &Phrase, cat: usize, role: Role) {
        let pid = self.intern(p);
        self.roles[pid as usize].push((cat, role));
    }

    /// Whether phrase `pid` names a category outright (a strong name).
    pub fn names_outright(&self, pid: Pid) -> bool {
        self.roles[pid as usize]
            .iter()
            .any(|&(_, r)| r == Role::Name)
    }

    /// The words of phrase `pid`.
    pub fn words_of(&self, pid: Pid) -> &[String] {
        &self.phrases[pid as usize]
    }

    /// The id of exactly these words, when they are a phrase.
    pub fn id(&self, words: &[String]) -> Option<Pid> {
        self.ids.get(words).copied()
    }

    /// Finds every phrase in `words`.
    pub fn scan(&self, words: Vec<String>) -> Seq {
        let mut matches = Vec::new();
        let mut last_meta = None;
        for (i, w) in words.iter().enumerate() {
            if self.meta_tails.contains(w) {
                last_meta = Some(i);
            }
            let Some(pids) = self.by_first.get(w) else {
                continue;
            };
            for &pid in pids {
                let p = &self.phrases[pid as usize];
                if words[i..].starts_with(p) {
                    matches.push(Match {
                        pid,
                        start: i as u32,
                        len: p.len() as u32,
                    });
                }
            }
        }
        Seq {
            words,
            matches,
            last_meta,
        }
    }
}
