//! Two snapshots compared: which declared fields start, stop or change, which
//! undeclared personal data is new, which categories the code collects for
//! the first time or no longer, and which app-store answers change.
//!
//! A field is the same field in both revisions when its item and field names
//! are; the path decides only between several fields of the same names (two
//! `User` types in two crates). So a struct moved to another file neither
//! starts nor stops. CL0001 findings are matched the same way, by the
//! baseline's fingerprint less its path.

use std::collections::BTreeMap;

use collects_grammar::Taxonomy;

use super::snapshot::{ExportRow, Snapshot};
use crate::checks::{Finding, Fingerprint};
use crate::report::DeclarationRecord;

#[derive(Debug, Default)]
pub(crate) struct Diff {
    /// Declared in the head revision only, in path and line order.
    pub started: Vec<DeclarationRecord>,
    /// Declared in the base revision only.
    pub stopped: Vec<DeclarationRecord>,
    /// Declared in both with other categories or another purpose.
    pub changed: Vec<Change>,
    /// CL0001 findings of the head revision that the base revision has not.
    pub undeclared: Vec<Finding>,
    /// Categories collected in the head revision and nowhere in the base one, by name.
    pub statement_started: Vec<String>,
    /// Categories collected in the base revision and nowhere in the head one.
    pub statement_stopped: Vec<String>,
    pub xcprivacy: RowChanges,
    pub play: RowChanges,
    /// The taxonomy's words for the categories named (the head's over the base's).
    pub descriptions: BTreeMap<String, String>,
}

/// A field declared in both revisions, differently.
#[derive(Debug)]
pub(crate) struct Change {
    pub before: DeclarationRecord,
    pub after: DeclarationRecord,
}

/// The rows of one export that differ.
#[derive(Debug, Default)]
pub(crate) struct RowChanges {
    /// In the head revision's export only, in its order.
    pub added: Vec<ExportRow>,
    /// In the base revision's export only, in its order.
    pub removed: Vec<ExportRow>,
}

impl RowChanges {
    fn between(base: &[ExportRow], head: &[ExportRow]) -> RowChanges {
        let only = |rows: &[ExportRow], other: &[ExportRow]| {
            rows.iter()
                .filter(|r| !other.iter().any(|o| o.row == r.row))
                .cloned()
                .collect()
        };
        RowChanges {
            added: only(head, base),
            removed: only(base, head),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

impl Diff {
    /// Whether the change touches no personal data at all.
    pub fn is_empty(&self) -> bool {
        self.started.is_empty()
            && self.stopped.is_empty()
            && self.changed.is_empty()
            && self.undeclared.is_empty()
            && self.statement_started.is_empty()
            && self.statement_stopped.is_empty()
            && self.xcprivacy.is_empty()
            && self.play.is_empty()
    }
}

pub(crate) fn compare(base: Snapshot, head: Snapshot) -> Diff {
    let declared = pair(&base.declarations, &head.declarations, |d| {
        ((d.item.clone(), d.field.clone()), d.path.as_str())
    });
    let changed = declared
        .pairs
        .iter()
        .map(|&(b, h)| (&base.declarations[b], &head.declarations[h]))
        .filter(|(b, h)| b.categories != h.categories || b.purpose != h.purpose)
        .map(|(b, h)| Change {
            before: b.clone(),
            after: h.clone(),
        })
        .collect();
    let findings = pair(&base.undeclared, &head.undeclared, |f| {
        let print = Fingerprint {
            path: String::new(),
            ..Fingerprint::of(f)
        };
        (print, f.path.as_str())
    });
    let mut descriptions = base.descriptions;
    descriptions.extend(head.descriptions);
    Diff {
        started: pick(&head.declarations, &declared.only_head),
        stopped: pick(&base.declarations, &declared.only_base),
        changed,
        undeclared: pick(&head.undeclared, &findings.only_head),
        statement_started: uncovered(&head.categories, &base.categories),
        statement_stopped: uncovered(&base.categories, &head.categories),
        xcprivacy: RowChanges::between(&base.xcprivacy, &head.xcprivacy),
        play: RowChanges::between(&base.play, &head.play),
        descriptions,
    }
}

/// The categories of `these` that no category of `others` covers (a group
/// covers its items), in name order like the other sections.
fn uncovered(these: &[String], others: &[String]) -> Vec<String> {
    let mut uncovered: Vec<String> = these
        .iter()
        .filter(|c| !others.iter().any(|o| Taxonomy::covers(o, c)))
        .cloned()
        .collect();
    uncovered.sort();
    uncovered
}

fn pick<T: Clone>(entries: &[T], indices: &[usize]) -> Vec<T> {
    indices.iter().map(|&i| entries[i].clone()).collect()
}

/// How the entries of two revisions correspond, by index.
#[derive(Debug, Default, PartialEq, Eq)]
struct Pairing {
    pairs: Vec<(usize, usize)>,
    only_base: Vec<usize>,
    only_head: Vec<usize>,
}

/// Entries of one key: (index, path) in the base and in the head revision.
type Sides<'a> = (Vec<(usize, &'a str)>, Vec<(usize, &'a str)>);

/// Pairs entries of the same key; where several share a key, those of the
/// same path pair in order, and then one left on each side pairs too (it
/// moved). Indices come out in ascending order.
fn pair<'a, T, K: Ord>(
    base: &'a [T],
    head: &'a [T],
    identity: impl Fn(&'a T) -> (K, &'a str),
) -> Pairing {
    let mut groups: BTreeMap<K, Sides> = BTreeMap::new();
    for (i, entry) in base.iter().enumerate() {
        let (key, path) = identity(entry);
        groups.entry(key).or_default().0.push((i, path));
    }
    for (i, entry) in head.iter().enumerate() {
        let (key, path) = identity(entry);
        groups.entry(key).or_default().1.push((i, path));
    }
    let mut pairing = Pairing::default();
    for (mut base_left, mut head_left) in groups.into_values() {
        base_left.retain(
            |&(b, path)| match head_left.iter().position(|&(_, p)| p == path) {
                Some(at) => {
                    pairing.pairs.push((b, head_left.remove(at).0));
                    false
                }
                None => true,
            },
        );
        match (base_left.as_slice(), head_left.as_slice()) {
            ([(b, _)], [(h, _)]) => pairing.pairs.push((*b, *h)),
            _ => {
                pairing.only_base.extend(base_left.iter().map(|(i, _)| i));
                pairing.only_head.extend(head_left.iter().map(|(i, _)| i));
            }
        }
    }
    pairing.pairs.sort_unstable();
    pairing.only_base.sort_unstable();
    pairing.only_head.sort_unstable();
    pairing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(path: &str, item: &str, field: &str, categories: &[&str]) -> DeclarationRecord {
        DeclarationRecord {
            path: path.into(),
            line: 1,
            item: item.into(),
            field: field.into(),
            ty: "String".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            purpose: None,
            source: None,
            optional: false,
        }
    }

    fn by_names(d: &DeclarationRecord) -> ((String, String), &str) {
        ((d.item.clone(), d.field.clone()), d.path.as_str())
    }

    #[test]
    fn a_field_pairs_by_names_wherever_it_moved() {
        let base = [declared("src/a.rs", "User", "email", &[])];
        let head = [declared("src/b.rs", "User", "email", &[])];
        let pairing = pair(&base, &head, by_names);
        assert_eq!(pairing.pairs, [(0, 0)]);
        assert!(pairing.only_base.is_empty() && pairing.only_head.is_empty());
    }

    #[test]
    fn fields_of_the_same_names_pair_by_path_and_the_rest_start_or_stop() {
        let base = [
            declared("api/user.rs", "User", "email", &[]),
            declared("db/user.rs", "User", "email", &[]),
        ];
        let head = [
            declared("db/user.rs", "User", "email", &[]),
            declared("web/user.rs", "User", "email", &[]),
            declared("cli/user.rs", "User", "email", &[]),
        ];
        let pairing = pair(&base, &head, by_names);
        assert_eq!(pairing.pairs, [(1, 0)]);
        assert_eq!(pairing.only_base, [0]);
        assert_eq!(pairing.only_head, [1, 2]);
    }

    #[test]
    fn one_left_on_each_side_of_a_shared_name_moved() {
        let base = [
            declared("api/user.rs", "User", "email", &[]),
            declared("db/user.rs", "User", "email", &[]),
        ];
        let head = [
            declared("db/user.rs", "User", "email", &[]),
            declared("api/v2/user.rs", "User", "email", &[]),
        ];
        assert_eq!(pair(&base, &head, by_names).pairs, [(0, 1), (1, 0)]);
    }

    #[test]
    fn a_group_covers_its_items_in_the_statement() {
        let group = ["Contact".to_string()];
        let item = ["Contact::Email".to_string()];
        assert!(uncovered(&item, &group).is_empty());
        assert_eq!(uncovered(&group, &item), ["Contact"]);
    }

    #[test]
    fn a_category_or_purpose_change_is_a_change_and_nothing_else_is() {
        let mut renamed_type = declared("src/a.rs", "User", "email", &["Contact::Email"]);
        renamed_type.ty = "Email".into();
        let mut purpose = declared("src/a.rs", "User", "phone", &["Contact::Phone"]);
        purpose.purpose = Some("Account".into());
        let base = Snapshot {
            declarations: vec![
                declared("src/a.rs", "User", "email", &["Contact::Email"]),
                declared("src/a.rs", "User", "phone", &["Contact::Phone"]),
            ],
            ..Snapshot::default()
        };
        let head = Snapshot {
            declarations: vec![renamed_type, purpose],
            ..Snapshot::default()
        };
        let diff = compare(base, head);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(diff.changed[0].after.field, "phone");
        assert!(diff.started.is_empty() && diff.stopped.is_empty());
        assert!(!diff.is_empty());
    }

    #[test]
    fn export_rows_differ_as_sets() {
        let row = |text: &str| ExportRow {
            row: text.into(),
            label: text.into(),
        };
        let changes = RowChanges::between(&[row("a"), row("b")], &[row("b"), row("c")]);
        assert_eq!(changes.added, [row("c")]);
        assert_eq!(changes.removed, [row("a")]);
    }
}
