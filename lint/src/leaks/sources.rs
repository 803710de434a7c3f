//! The leak sources of a tree and how its types print them: which fields
//! hold a sensitive category (declared, or undeclared where CL0001's
//! evidence is strong), and which types' derived `Debug` prints one, through
//! which fields. Built once per run; CL0008 and CL0009 read it.

use std::collections::{HashMap, HashSet};

use super::data::{DebugDerive, LeakData};
use crate::config::Leaks;
use crate::evidence::{Assessment, Confidence};
use crate::model::{Field, Item, Segment, Shape};

/// How sure it is that a value is sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// A name or undeclared evidence: reported as a note.
    Weak,
    /// A `#[collects(..)]` of a sensitive category: reported as an error.
    Declared,
}

/// A field that holds a sensitive category.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// `Group::Item` (or the group, as declared).
    pub category: String,
    pub strength: Strength,
}

/// A field of an item of the tree, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Link {
    pub item: usize,
    pub field: usize,
}

/// How a value of a type reaches `Debug` output: the fields from the type
/// down to a source, the last one the source.
#[derive(Debug, Clone)]
pub(crate) struct Leak {
    pub chain: Vec<Link>,
    pub strength: Strength,
}

/// Where the `Debug` of each type of the tree leaks, computed for all at once.
pub(crate) struct LeakIndex<'a> {
    pub items: &'a [Item],
    pub data: &'static LeakData,
    pub settings: &'a Leaks,
    by_name: HashMap<&'a str, Vec<usize>>,
    sources: HashMap<Link, Source>,
    /// Per field name, the sources of that name.
    sources_by_name: HashMap<&'a str, Vec<Link>>,
    /// Per item: the derive that writes its `Debug`, if one does.
    derived: Vec<Option<&'static DebugDerive>>,
    /// Per item: how its derived `Debug` prints a source, if it does.
    debug: Vec<Option<Leak>>,
}

impl<'a> LeakIndex<'a> {
    /// The index of `items`: their declared sources, and `weak_sources` (the
    /// undeclared fields the evidence is sure of, see [`weak_source`]).
    pub fn build(
        items: &'a [Item],
        weak_sources: Vec<(Link, Source)>,
        settings: &'a Leaks,
    ) -> Self {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            by_name.entry(item.name.as_str()).or_default().push(i);
        }
        let mut sources: HashMap<Link, Source> = weak_sources.into_iter().collect();
        for (i, item) in items.iter().enumerate() {
            for (f, field) in item.fields.iter().enumerate() {
                if let Some(source) = declared_source(item, field, settings) {
                    sources.insert(Link { item: i, field: f }, source);
                }
            }
        }
        // A tuple field's name (`0`) says nothing: it is found through its type only.
        let mut sources_by_name: HashMap<&str, Vec<Link>> = HashMap::new();
        for link in sources.keys() {
            let name = items[link.item].fields[link.field].name.as_str();
            if !name.starts_with(|c: char| c.is_ascii_digit()) {
                sources_by_name.entry(name).or_default().push(*link);
            }
        }
        let mut index = LeakIndex {
            items,
            data: LeakData::builtin(),
            settings,
            by_name,
            sources,
            sources_by_name,
            derived: Vec::new(),
            debug: vec![None; items.len()],
        };
        index.derived = (0..items.len())
            .map(|i| index.find_debug_derive(i))
            .collect();
        index.settle_debug_leaks();
        index
    }

    /// Computes every item's [`LeakIndex::debug_leak`]: first the items
    /// with a source field, then, pass after pass, the items holding a type
    /// found leaking, until none changes. A leak only ever gets stronger
    /// (none, weak, declared), so this ends, and a cycle of types (`User {
    /// friends: Vec<User> }`) is no trouble.
    fn settle_debug_leaks(&mut self) {
        let mut candidates: Vec<usize> = self.sources.keys().map(|l| l.item).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut leaking: HashSet<&str> = HashSet::new();
        loop {
            let mut changed = false;
            for &i in &candidates {
                let leak = self.item_debug_leak(i);
                let rank = |l: &Option<Leak>| l.as_ref().map(|l| l.strength);
                if rank(&leak) > rank(&self.debug[i]) {
                    self.debug[i] = leak;
                    leaking.insert(self.items[i].name.as_str());
                    changed = true;
                }
            }
            if !changed {
                return;
            }
            candidates = self.holders_of(&leaking);
        }
    }

    /// The items with a derived `Debug` and a field whose type names one of `names`.
    fn holders_of(&self, names: &HashSet<&str>) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| {
                self.derived[i].is_some()
                    && self.items[i]
                        .fields
                        .iter()
                        .any(|f| f.ty.names().iter().any(|n| names.contains(n)))
            })
            .collect()
    }

    pub fn source(&self, link: Link) -> Option<&Source> {
        self.sources.get(&link)
    }

    pub fn item(&self, link: Link) -> &'a Item {
        &self.items[link.item]
    }

    pub fn field(&self, link: Link) -> &'a Field {
        &self.items[link.item].fields[link.field]
    }

    /// How the derived `Debug` of item `i` prints a source, if it does.
    pub fn debug_leak(&self, i: usize) -> Option<&Leak> {
        self.debug.get(i)?.as_ref()
    }

    /// The items of the tree named `name`.
    pub fn items_named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The sources named `name`, in any item.
    pub fn sources_named(&self, name: &str) -> &[Link] {
        self.sources_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every field name that is a source of `strength` somewhere (tuple
    /// fields aside).
    pub fn source_field_names(&self, strength: Strength) -> Vec<&'a str> {
        self.sources_by_name
            .iter()
            .filter(|(_, links)| links.iter().any(|l| self.sources[l].strength == strength))
            .map(|(name, _)| *name)
            .collect()
    }

    /// Every item name whose derived `Debug` prints a source of `strength`.
    pub fn leaking_type_names(&self, strength: Strength) -> Vec<&'a str> {
        let mut names: Vec<&str> = (0..self.items.len())
            .filter(|&i| {
                self.debug[i]
                    .as_ref()
                    .is_some_and(|l| l.strength == strength)
            })
            .map(|i| self.items[i].name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The derive that writes item `i`'s `Debug`; `None` when its `Debug` is
    /// not derived (hand-written, or none) or redacts every field.
    pub fn debug_derive(&self, i: usize) -> Option<&'static DebugDerive> {
        self.derived[i]
    }

    fn find_debug_derive(&self, i: usize) -> Option<&'static DebugDerive> {
        let item = &self.items[i];
        if self.data.redacting_attribute(&item.attributes) {
            return None;
        }
        let derive = item
            .derives
            .iter()
            .find_map(|d| self.data.debug_derive(d, &item.attributes))?;
        (!derive.hides_all(&item.attributes)).then_some(derive)
    }

    /// How item `i`'s derived `Debug` prints a source, as far as the other
    /// items' leaks are known.
    fn item_debug_leak(&self, i: usize) -> Option<Leak> {
        let derive = self.debug_derive(i)?;
        let mut best: Option<Leak> = None;
        for (f, field) in self.items[i].fields.iter().enumerate() {
            if !derive.hides(&field.attributes) {
                best = stronger(best, self.field_leak(Link { item: i, field: f }));
            }
        }
        best
    }

    /// How printing field `link` prints a source: the field itself, or a
    /// type of the tree it holds.
    pub fn field_leak(&self, link: Link) -> Option<Leak> {
        let field = self.field(link);
        if let Some(source) = self.sources.get(&link) {
            return self.prints(field.ty.shape()).then(|| Leak {
                chain: vec![link],
                strength: source.strength,
            });
        }
        self.shape_leak(field.ty.shape()).map(|leak| Leak {
            chain: std::iter::once(link).chain(leak.chain).collect(),
            strength: leak.strength,
        })
    }

    /// How printing a value of `shape` prints a source, through a tree type
    /// it holds.
    pub fn shape_leak(&self, shape: &Shape) -> Option<Leak> {
        let mut best = None;
        self.each_printed_type(shape, &mut |j| {
            best = stronger(best.take(), self.debug[j].clone());
        });
        best
    }

    /// Whether `Debug` of a value of `shape` prints the value: not when a
    /// redacting wrapper holds it, nor when it is a type of the tree whose
    /// `Debug` is hand-written (taken as deliberate).
    pub fn prints(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Name(name) => self.path_prints(&[name.as_str()], &[]),
            Shape::Path(segments) => {
                let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
                let args = segments.last().map_or(&[][..], |s| &s.args[..]);
                self.path_prints(&names, args)
            }
            Shape::Pointer(inner) | Shape::Array(inner) | Shape::Slice(inner) => self.prints(inner),
            Shape::Tuple(elements) => elements.iter().any(|e| self.prints(e)),
            Shape::Traits(_) | Shape::Function(_) | Shape::Opaque => true,
        }
    }

    fn path_prints(&self, names: &[&str], args: &[Shape]) -> bool {
        if self.data.wrapper(names).is_some() {
            return false;
        }
        let last = names.last().copied().unwrap_or_default();
        let defined = self.items_named(last);
        if !defined.is_empty() {
            return defined.iter().any(|&j| self.debug_derive(j).is_some());
        }
        args.is_empty() || args.iter().any(|a| self.prints(a))
    }

    /// Calls `visit` with each type of the tree (defined once, so it is
    /// known which) that `shape` holds where `Debug` prints it.
    fn each_printed_type(&self, shape: &Shape, visit: &mut impl FnMut(usize)) {
        match shape {
            Shape::Name(name) => self.visit_named(name, visit),
            Shape::Path(segments) => self.each_printed_in_path(segments, visit),
            Shape::Pointer(inner) | Shape::Array(inner) | Shape::Slice(inner) => {
                self.each_printed_type(inner, visit)
            }
            Shape::Tuple(elements) => elements
                .iter()
                .for_each(|e| self.each_printed_type(e, visit)),
            Shape::Traits(_) | Shape::Function(_) | Shape::Opaque => {}
        }
    }

    fn each_printed_in_path(&self, segments: &[Segment], visit: &mut impl FnMut(usize)) {
        let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
        if self.data.wrapper(&names).is_some() {
            return;
        }
        if let Some(last) = segments.last() {
            self.visit_named(&last.name, visit);
            for arg in last.args.iter() {
                self.each_printed_type(arg, visit);
            }
        }
    }

    fn visit_named(&self, name: &str, visit: &mut impl FnMut(usize)) {
        if let [only] = self.items_named(name) {
            visit(*only);
        }
    }
}

/// The source a declared field is: its first sensitive category.
fn declared_source(item: &Item, field: &Field, leaks: &Leaks) -> Option<Source> {
    let declared = item.declaration_of(field)?;
    if declared.none_reason.is_some() {
        return None;
    }
    let category = declared
        .categories
        .iter()
        .map(|(c, _)| c)
        .find(|c| leaks.is_sensitive(c))?;
    Some(Source {
        category: category.clone(),
        strength: Strength::Declared,
    })
}

/// The weak source an undeclared field is: where CL0001's evidence is
/// strong and its best category sensitive.
pub(crate) fn weak_source(assessment: Assessment, leaks: &Leaks) -> Option<Source> {
    let category = assessment.categories.into_iter().next()?;
    (assessment.confidence == Confidence::Strong && leaks.is_sensitive(&category)).then_some(
        Source {
            category,
            strength: Strength::Weak,
        },
    )
}

/// The stronger of two leaks; the first of equals.
pub(crate) fn stronger(a: Option<Leak>, b: Option<Leak>) -> Option<Leak> {
    match (a, b) {
        (Some(a), Some(b)) if b.strength > a.strength => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}
