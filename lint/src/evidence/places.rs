//! Where the tree's files are, as interned folder and file names: which of
//! several definitions of a type name a field means is asked for every field
//! whose type name several definitions share, so the modules a type path
//! names and how near two files are compare ids, not strings.

use super::phrases::FxMap;

#[derive(Debug, Default)]
pub(super) struct Places {
    /// A folder or file stem (`-` read as `_`, as a crate folder
    /// `async-stripe-shared` is the module `async_stripe_shared`) -> id.
    ids: FxMap<String, u32>,
    /// Per file id: its folders, then its stem.
    parts: Vec<Box<[u32]>>,
}

impl Places {
    /// The places of `files` (paths relative to the root, `/`-separated).
    pub fn of(files: &[String]) -> Places {
        let mut places = Places::default();
        for file in files {
            let parts = file
                .split('/')
                .map(|part| places.intern(part.strip_suffix(".rs").unwrap_or(part)))
                .collect();
            places.parts.push(parts);
        }
        places
    }

    fn intern(&mut self, part: &str) -> u32 {
        // Most parts repeat (`src`, `crates`): looked up before any copy.
        let part = match part.contains('-') {
            true => std::borrow::Cow::Owned(part.replace('-', "_")),
            false => std::borrow::Cow::Borrowed(part),
        };
        if let Some(&id) = self.ids.get(&*part) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(part.into_owned(), id);
        id
    }

    /// The ids of the modules `modules` (`chat::profile`) names; `None` for
    /// one that names no folder or file of the tree.
    pub fn modules(&self, modules: &str) -> Vec<Option<u32>> {
        modules
            .split("::")
            .map(|m| self.ids.get(m).copied())
            .collect()
    }

    /// Per file: whether a folder of it or its stem is one of `names`.
    pub fn files_named(&self, names: &[String]) -> Vec<bool> {
        let ids: Vec<u32> = names
            .iter()
            .filter_map(|n| self.ids.get(n.as_str()).copied())
            .collect();
        self.parts
            .iter()
            .map(|parts| parts.iter().any(|p| ids.contains(p)))
            .collect()
    }

    /// How many of `modules` ([`Places::modules`]) name a folder or the
    /// file of `file`.
    pub fn in_modules(&self, file: u32, modules: &[Option<u32>]) -> usize {
        let parts = &self.parts[file as usize];
        modules
            .iter()
            .filter(|m| m.is_some_and(|id| parts.contains(&id)))
            .count()
    }

    /// How many folders the files `a` and `b` have in common from the root.
    pub fn common_dirs(&self, a: u32, b: u32) -> usize {
        let dirs = |f: u32| {
            let parts = &self.parts[f as usize];
            &parts[..parts.len().saturating_sub(1)]
        };
        let empty = self.ids.get("").copied();
        dirs(a)
            .iter()
            .zip(dirs(b))
            .take_while(|(x, y)| x == y && Some(**x) != empty)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places::of(&[
            "crates/async-stripe-shared/src/customer.rs".to_string(),
            "crates/chat/src/profile.rs".to_string(),
            "crates/chat/src/lib.rs".to_string(),
            "top.rs".to_string(),
        ])
    }

    #[test]
    fn a_module_names_a_folder_or_the_file_stem_and_dashes_are_underscores() {
        let p = places();
        assert_eq!(
            p.in_modules(0, &p.modules("async_stripe_shared::customer")),
            2
        );
        assert_eq!(p.in_modules(1, &p.modules("chat::profile")), 2);
        assert_eq!(p.in_modules(2, &p.modules("chat::profile")), 1);
        assert_eq!(p.in_modules(1, &p.modules("billing")), 0);
    }

    #[test]
    fn files_named_by_a_folder_or_their_stem() {
        let p = places();
        let names = ["chat".to_string(), "top".to_string()];
        assert_eq!(p.files_named(&names), [false, true, true, true]);
        assert_eq!(p.files_named(&["nowhere".to_string()]), [false; 4]);
    }

    #[test]
    fn files_are_near_by_the_folders_they_share_from_the_root() {
        let p = places();
        assert_eq!(p.common_dirs(1, 2), 3);
        assert_eq!(p.common_dirs(0, 1), 1);
        assert_eq!(p.common_dirs(0, 3), 0);
        assert_eq!(p.common_dirs(3, 3), 0);
    }
}
