//! The leak sources of a tree and how its types print them: which fields
//! hold a sensitive category (declared, or undeclared where CL0001's
//! evidence is strong), and which types' derived `Debug` or derived
//! `Display` prints one, through which fields. Built once per run; CL0008
//! and CL0009 read it.

use std::ops::Range;

use super::data::{DebugDerive, LeakData};
use super::display::{self, Format, Shown};
use crate::config::Leaks;
use crate::evidence::{Assessment, Confidence};
use crate::model::{Field, Import, Item, Segment, Shape};
use crate::source::bodies::How;
// Fx, not SipHash: the index hashes every item's name, and nothing here
// needs protection against chosen collisions.
use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};

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

/// How a value of a type reaches `Debug` or `Display` output: the fields
/// from the type down to a source, the last one the source, and how each
/// is printed by the one before (the first by the type).
#[derive(Debug, Clone)]
pub(crate) struct Leak {
    pub chain: Vec<Link>,
    /// One per link of `chain`.
    pub via: Vec<Via>,
    pub strength: Strength,
}

/// How a link of a chain is printed by what holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// By its item's derived `Debug`.
    Debug,
    /// By its item's derived `Display`: the format ([`LeakIndex::format`]).
    Display(usize),
    /// Read from the link before by a format that prints it (`{user.email}`).
    Field,
}

impl Leak {
    /// A chain of one field, printed `via`.
    fn of(link: Link, via: Via, strength: Strength) -> Leak {
        Leak {
            chain: vec![link],
            via: vec![via],
            strength,
        }
    }

    /// `link`, printed `via`, then this chain.
    fn after(self, link: Link, via: Via) -> Leak {
        Leak {
            chain: std::iter::once(link).chain(self.chain).collect(),
            via: std::iter::once(via).chain(self.via).collect(),
            strength: self.strength,
        }
    }
}

/// Where the `Debug` of each type of the tree leaks, computed for all at once.
pub(crate) struct LeakIndex<'a> {
    pub items: &'a [Item],
    pub data: &'static LeakData,
    pub settings: &'a Leaks,
    by_name: FxMap<&'a str, Vec<usize>>,
    sources: FxMap<Link, Source>,
    /// Per field name, the sources of that name.
    sources_by_name: FxMap<&'a str, Vec<Link>>,
    /// Per item: the derive that writes its `Debug`, if one does.
    derived: Vec<Option<&'static DebugDerive>>,
    /// Per item: how its derived `Debug` prints a source, if it does.
    debug: Vec<Option<Leak>>,
    /// The formats of the tree's derived `Display`s, each with its item.
    formats: Vec<(usize, Format)>,
    /// Per item with a derived `Display`: its formats in `formats`.
    formats_of: FxMap<usize, Range<usize>>,
    /// Per item with a derived `Display`: how it prints a source, if it does.
    display: FxMap<usize, Leak>,
}

impl<'a> LeakIndex<'a> {
    /// The index of `items`: their declared sources, and `weak_sources` (the
    /// undeclared fields the evidence is sure of, see [`weak_source`]);
    /// `imports` per file say which crate's `Display` an item derives.
    pub fn build(
        items: &'a [Item],
        weak_sources: Vec<(Link, Source)>,
        imports: &[(String, Vec<Import>)],
        settings: &'a Leaks,
    ) -> Self {
        let mut by_name: FxMap<&str, Vec<usize>> = FxMap::default();
        for (i, item) in items.iter().enumerate() {
            by_name.entry(item.name.as_str()).or_default().push(i);
        }
        let mut sources: FxMap<Link, Source> = weak_sources.into_iter().collect();
        for (i, item) in items.iter().enumerate() {
            for (f, field) in item.fields.iter().enumerate() {
                if let Some(source) = declared_source(item, field, settings) {
                    sources.insert(Link { item: i, field: f }, source);
                }
            }
        }
        // A tuple field's name (`0`) says nothing: it is found through its type only.
        let mut sources_by_name: FxMap<&str, Vec<Link>> = FxMap::default();
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
            formats: Vec::new(),
            formats_of: FxMap::default(),
            display: FxMap::default(),
        };
        // One pass over the items' derives for both traits.
        let mut deriving_display = Vec::new();
        index.derived = (0..items.len())
            .map(|i| {
                if index.derives_display(i) {
                    deriving_display.push(i);
                }
                index.find_debug_derive(i)
            })
            .collect();
        let leaking = index.settle_debug_leaks();
        index.settle_display_leaks(&deriving_display, leaking, imports);
        index
    }

    /// Computes every item's derived `Display` leak (after the `Debug`
    /// leaks, which a format's `{x:?}` prints), from the sources outwards
    /// as [`LeakIndex::settle_debug_leaks`] does: first the items deriving a
    /// `Display` from a format that hold a source or a type whose `Debug`
    /// prints one, then, pass after pass, those holding a type found
    /// displaying one. Only these have their formats read: in a tree with
    /// few sources, few of its error types are.
    ///
    /// `deriving`: the items whose derive writes a `Display` from a format;
    /// `leaking`: the names of the types whose derived `Debug` prints a source.
    fn settle_display_leaks(
        &mut self,
        deriving: &[usize],
        mut leaking: FxSet<&'a str>,
        imports: &[(String, Vec<Import>)],
    ) {
        if deriving.is_empty() {
            return;
        }
        let data = self.data;
        let holders = |index: &Self, leaking: &FxSet<&str>| -> Vec<usize> {
            let holds = |i: usize| {
                let fields = index.items[i].fields.iter().enumerate();
                fields.into_iter().any(|(f, field)| {
                    index.sources.contains_key(&Link { item: i, field: f })
                        || (!leaking.is_empty()
                            && field.ty.names().iter().any(|n| leaking.contains(n)))
                })
            };
            deriving.iter().copied().filter(|&i| holds(i)).collect()
        };
        let mut by_file: Option<FxMap<&str, &[Import]>> = None;
        let mut read: FxSet<usize> = FxSet::default();
        let mut candidates = holders(self, &leaking);
        loop {
            let mut changed = false;
            for &i in &candidates {
                if read.insert(i) {
                    let item = &self.items[i];
                    let by_file = by_file.get_or_insert_with(|| {
                        imports
                            .iter()
                            .map(|(path, list)| (path.as_str(), list.as_slice()))
                            .collect()
                    });
                    let imported = by_file.get(item.path.as_str()).copied().unwrap_or_default();
                    let formats = display::formats(item, imported, data);
                    let start = self.formats.len();
                    self.formats.extend(formats.into_iter().map(|f| (i, f)));
                    self.formats_of.insert(i, start..self.formats.len());
                }
                let rank = |l: Option<&Leak>| l.map(|l| l.strength);
                let leak = self.item_display_leak(i);
                if rank(leak.as_ref()) > rank(self.display.get(&i)) {
                    self.display.insert(i, leak.expect("ranked above none"));
                    leaking.insert(self.items[i].name.as_str());
                    changed = true;
                }
            }
            if !changed {
                return;
            }
            candidates = holders(self, &leaking);
        }
    }

    /// Whether a derive of item `i` may write its `Display` from a format.
    fn derives_display(&self, i: usize) -> bool {
        self.items[i].derives.iter().any(|d| {
            let name = d.as_str();
            self.data.displays.iter().any(|e| e.derive == name)
        })
    }

    /// How item `i`'s derived `Display` prints a source, as far as the other
    /// items' leaks are known.
    fn item_display_leak(&self, i: usize) -> Option<Leak> {
        let mut best = None;
        for id in self.formats_of.get(&i)?.clone() {
            for shown in &self.formats[id].1.prints {
                best = stronger(best, self.shown_leak(i, id, shown));
            }
        }
        best
    }

    /// How a field that format `id` of item `i` prints prints a source: the
    /// field (or what the format reads from it) is one, or holds one that
    /// its own `Display`, or `Debug` for `{x:?}`, prints.
    fn shown_leak(&self, i: usize, id: usize, shown: &Shown) -> Option<Leak> {
        let mut link = Link {
            item: i,
            field: shown.field,
        };
        let mut chain = vec![link];
        let mut via = vec![Via::Display(id)];
        for name in &shown.path {
            if let Some(source) = self.sources.get(&link) {
                // A part of a source is printed.
                return Some(Leak {
                    chain,
                    via,
                    strength: source.strength,
                });
            }
            link = self.field_of(self.field(link).ty.shape(), name)?;
            chain.push(link);
            via.push(Via::Field);
        }
        let shape = self.field(link).ty.shape();
        if let Some(source) = self.sources.get(&link) {
            let printed = match shown.how {
                How::Debug => self.prints(shape),
                _ => self.displays(shape),
            };
            return printed.then_some(Leak {
                chain,
                via,
                strength: source.strength,
            });
        }
        let inner = match shown.how {
            How::Debug => self.shape_leak(shape),
            _ => self.display_leak(shape),
        }?;
        chain.extend(inner.chain);
        via.extend(inner.via);
        Some(Leak {
            chain,
            via,
            strength: inner.strength,
        })
    }

    /// The format `id` of a chain's [`Via::Display`], and its item.
    pub fn format(&self, id: usize) -> (usize, &Format) {
        let (item, format) = &self.formats[id];
        (*item, format)
    }

    /// How printing a value of `shape` with `Display` prints a source: a
    /// type of the tree whose derived `Display` prints one (through `&`,
    /// `Box`, `Arc`, `Rc` and `Cow`, which print what they hold).
    pub fn display_leak(&self, shape: &Shape) -> Option<Leak> {
        match shape {
            Shape::Name(name) => self.display_of_named(name),
            Shape::Path(segments) => {
                let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
                if self.data.wrapper(&names).is_some() {
                    return None;
                }
                let last = segments.last()?;
                match (last.name.as_str(), last.args.last()) {
                    ("Box" | "Arc" | "Rc" | "Cow", Some(inner)) => self.display_leak(inner),
                    (name, _) => self.display_of_named(name),
                }
            }
            Shape::Pointer(inner) => self.display_leak(inner),
            _ => None,
        }
    }

    fn display_of_named(&self, name: &str) -> Option<Leak> {
        let [only] = self.items_named(name) else {
            return None;
        };
        self.display.get(only).cloned()
    }

    /// Whether `Display` of a value of `shape` prints the value: not when a
    /// redacting wrapper holds it.
    fn displays(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Name(name) => self.data.wrapper(&[name.as_str()]).is_none(),
            Shape::Path(segments) => {
                let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
                self.data.wrapper(&names).is_none()
                    && segments
                        .last()
                        .map_or(true, |s| s.args.iter().all(|a| self.displays(a)))
            }
            Shape::Pointer(inner) | Shape::Array(inner) | Shape::Slice(inner) => {
                self.displays(inner)
            }
            _ => true,
        }
    }

    /// The field `name` of the first type of the tree that `shape` names
    /// (outermost first: `Option<User>` is a `User`) and that has one.
    pub fn field_of(&self, shape: &Shape, name: &str) -> Option<Link> {
        let holder = crate::model::Type::new("", shape.clone());
        holder.names().into_iter().find_map(|type_name| {
            let [item] = self.items_named(type_name) else {
                return None;
            };
            let f = self.items[*item]
                .fields
                .iter()
                .position(|f| f.name == name)?;
            Some(Link {
                item: *item,
                field: f,
            })
        })
    }

    /// Computes every item's [`LeakIndex::debug_leak`]: first the items
    /// with a source field, then, pass after pass, the items holding a type
    /// found leaking, until none changes. A leak only ever gets stronger
    /// (none, weak, declared), so this ends, and a cycle of types (`User {
    /// friends: Vec<User> }`) is no trouble. Returns the names of the types
    /// found leaking.
    fn settle_debug_leaks(&mut self) -> FxSet<&'a str> {
        let mut candidates: Vec<usize> = self.sources.keys().map(|l| l.item).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut leaking: FxSet<&str> = FxSet::default();
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
                return leaking;
            }
            candidates = self.holders_of(&leaking);
        }
    }

    /// The items with a derived `Debug` and a field whose type names one of `names`.
    fn holders_of(&self, names: &FxSet<&str>) -> Vec<usize> {
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

    /// Every item name whose derived `Debug` or `Display` prints a source
    /// of `strength`.
    pub fn leaking_type_names(&self, strength: Strength) -> Vec<&'a str> {
        let displaying = self
            .display
            .iter()
            .filter(|(_, l)| l.strength == strength)
            .map(|(i, _)| *i);
        let mut names: Vec<&str> = (0..self.items.len())
            .filter(|&i| {
                self.debug[i]
                    .as_ref()
                    .is_some_and(|l| l.strength == strength)
            })
            .chain(displaying)
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
            return self
                .prints(field.ty.shape())
                .then(|| Leak::of(link, Via::Debug, source.strength));
        }
        self.shape_leak(field.ty.shape())
            .map(|leak| leak.after(link, Via::Debug))
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
