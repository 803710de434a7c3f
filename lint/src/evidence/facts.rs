//! What every rule reads of an item and its fields, computed once (names
//! split and matched, types classified), and the model built from it.

use std::sync::Arc;

use rayon::prelude::*;

use super::context::ItemContext;
use super::markers::markers;
use super::phrases::{flag, is_own_root, FxMap, FxSet, Match, Seq};
use super::places::Places;
use super::propagation::type_info;
use super::types::{Kind, TypeName};
use super::EvidenceModel;
use crate::model::{Import, Item, ItemKind, Type};

/// What a type as written says, computed once per distinct type.
#[derive(Debug, Clone)]
pub(super) struct TyFacts {
    pub kind: Kind,
    /// Its names, outermost first (paths reduced to their last segment).
    pub names: Vec<Arc<TypeName>>,
    /// It holds many values: a sequence, or a collection (`Vec<T>`,
    /// `Option<Vec<T>>`).
    pub many: bool,
    /// It is or holds an opaque payload (`serde_json::Value`).
    pub payload: bool,
    /// It borrows for `'static` (`&'static str`): text fixed when the
    /// program was built, a constant, not data collected at run time.
    pub constant: bool,
}

/// What is computed once about a field: its words and the phrases in them
/// (shared between fields of the same name or type).
#[derive(Debug, Clone)]
pub(super) struct FieldFacts {
    /// Words of the name (of the variant for a tuple field).
    pub view: Arc<Seq>,
    /// Words of the field's own name, for a tuple field (`0`).
    pub own: Option<Arc<Seq>>,
    /// Words of the variant, for a field of a variant with named fields:
    /// what the variant is, as an item's name says what a record is.
    pub variant: Option<Arc<Seq>>,
    /// The file that defines its item.
    pub file: u32,
    pub rename: Option<Arc<Seq>>,
    pub tuple: bool,
    pub ty: Arc<TyFacts>,
    /// For each name of the type (by its index in `ty.names`) that several
    /// types of the tree share, the definitions the field's file sees.
    pub defs: Definitions,
    pub markers: Vec<String>,
    /// The phrases the first sentence of its doc comment names a category
    /// by outright, none followed by a word that makes it metadata (`The
    /// email's verification time`).
    pub doc_names: Box<[Match]>,
}

impl FieldFacts {
    /// The words of its own name, as a sibling sees them.
    pub fn sibling(&self) -> &Seq {
        self.own.as_ref().unwrap_or(&self.view)
    }
}

/// What is computed once about an item.
#[derive(Debug, Clone)]
pub(super) struct ItemFacts {
    /// A hash of the item's name, to check [`EvidenceModel::locate`].
    pub name: u64,
    /// Defined in a file of the program's own configuration
    /// ([`super::vocab::Vocabulary::configuration_files`]).
    pub in_config: bool,
    pub words: Arc<Seq>,
    pub fields: Vec<FieldFacts>,
}

/// Words and types a worker has already analysed, by their text: names,
/// variants and types repeat, and each is split, normalised and matched once.
#[derive(Default)]
pub(super) struct Cache<'a> {
    seqs: FxMap<&'a str, Arc<Seq>>,
    /// By the type as written.
    tys: FxMap<&'a str, Arc<TyFacts>>,
    /// By the path as written (`ruma::OwnedUserId`, `OwnedUserId`).
    names: FxMap<Vec<&'a str>, Arc<TypeName>>,
    /// By the type as written and the file it is written in.
    defs: FxMap<(&'a str, u32), Definitions>,
}

/// [`FieldFacts::defs`].
pub(super) type Definitions = Arc<[(u8, Box<[u32]>)]>;

/// The items of the tree by name and by file.
/// The name id under which a file's glob imports are kept.
pub(super) const GLOBS: u32 = u32::MAX;

#[derive(Default)]
pub(super) struct TreeIndex {
    /// Item name -> id; per id, the items of that name.
    pub names: FxMap<String, u32>,
    pub by_name: Vec<Vec<usize>>,
    /// File -> id.
    pub paths: FxMap<String, u32>,
    /// Per item: its name's id and its file's id.
    pub item_names: Vec<u32>,
    pub item_paths: Vec<u32>,
    /// (file id, name id of a type of the tree) -> the module the file
    /// imports that name from; (file id, u32::MAX) -> its glob imports'
    /// modules, joined.
    pub imports: FxMap<(u32, u32), Box<str>>,
    /// Type names imported from the tree's own code: [`EvidenceModel::own_imports`].
    pub own_imports: FxSet<Box<str>>,
    pub places: Places,
}

impl TreeIndex {
    pub fn of(items: &[Item], imports: &[(String, Vec<Import>)]) -> TreeIndex {
        let mut index = TreeIndex {
            item_names: Vec::with_capacity(items.len()),
            item_paths: Vec::with_capacity(items.len()),
            ..TreeIndex::default()
        };
        // Per file id: the file (where it is: [`Places`]).
        let mut files: Vec<String> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let next = index.names.len() as u32;
            let id = *index.names.entry(item.name.clone()).or_insert(next);
            if id as usize == index.by_name.len() {
                index.by_name.push(Vec::new());
            }
            index.by_name[id as usize].push(i);
            index.item_names.push(id);
            let next = index.paths.len() as u32;
            let path = match index.paths.get(item.path.as_str()) {
                Some(&p) => p,
                None => {
                    index.paths.insert(item.path.clone(), next);
                    files.push(item.path.clone());
                    next
                }
            };
            index.item_paths.push(path);
        }
        index.imports = index.imported(imports);
        index.own_imports = imports
            .iter()
            .flat_map(|(_, list)| list)
            .filter(|import| {
                &*import.name != "*" && is_own_root(import.module.split("::").next().unwrap_or(""))
            })
            .map(|import| import.name.clone())
            .collect();
        index.places = Places::of(&files);
        index
    }

    /// The modules files import the tree's type names from.
    fn imported(&self, imports: &[(String, Vec<Import>)]) -> FxMap<(u32, u32), Box<str>> {
        let mut out = FxMap::default();
        for (file, list) in imports {
            let Some(&path) = self.paths.get(file.as_str()) else {
                continue;
            };
            let mut globs = Vec::new();
            for import in list {
                if &*import.name == "*" {
                    globs.push(&*import.module);
                } else if let Some(&name) = self.names.get(&*import.name) {
                    out.insert((path, name), import.module.clone());
                }
            }
            if !globs.is_empty() {
                out.insert((path, GLOBS), globs.join("::").into());
            }
        }
        out
    }
}

impl EvidenceModel {
    /// Precomputes the facts and context of every item; the types of the tree
    /// then lend their meaning ([`EvidenceModel::propagate`]).
    pub(super) fn index(&mut self, items: &[Item], tree: TreeIndex) {
        let TreeIndex {
            names,
            by_name,
            paths,
            item_names,
            item_paths,
            imports,
            own_imports,
            places,
        } = tree;
        (self.names, self.by_name, self.paths) = (names, by_name, paths);
        (self.imports, self.item_paths, self.places) = (imports, item_paths, places);
        self.own_imports = own_imports;
        self.config_files = self.places.files_named(&self.vocab.configuration_files);
        // A few large chunks per thread, each with one cache: names and types
        // repeat across a tree, so a cache that lives long is hit more often
        // (rayon's `map_init` would start a new one at every split).
        let chunk = items.len() / (rayon::current_num_threads() * 4) + 64;
        let facts: Vec<ItemFacts> = items
            .par_chunks(chunk)
            .zip(self.item_paths.par_chunks(chunk))
            .flat_map_iter(|(items, paths)| {
                let mut cache = Cache::default();
                items
                    .iter()
                    .zip(paths)
                    .map(|(item, &path)| self.facts_of(item, path, &mut cache))
                    .collect::<Vec<_>>()
            })
            .collect();
        self.facts = facts;
        self.text_newtypes = self.text_newtypes(items);

        // Round 0: no type of the tree is known yet.
        let contexts: Vec<ItemContext> = items
            .par_iter()
            .zip(self.facts.par_iter())
            .map(|(item, facts)| self.context_of(item, facts))
            .collect();
        self.infos = items
            .par_iter()
            .zip(contexts.par_iter())
            .zip(self.facts.par_iter())
            .map(|((item, ctx), facts)| type_info(self, item, facts, ctx))
            .collect();
        self.contexts = contexts;
        self.have_infos = true;
        self.propagate(items, &item_names);
    }

    /// The names whose every definition is a struct of one text field.
    fn text_newtypes(&self, items: &[Item]) -> FxSet<u32> {
        let one_text = |d: usize| {
            items[d].kind == ItemKind::Struct
                && self.facts[d].fields.len() == 1
                && self.facts[d].fields[0].ty.kind == Kind::Text
        };
        (0..self.by_name.len() as u32)
            .filter(|&t| self.by_name[t as usize].iter().all(|&d| one_text(d)))
            .collect()
    }

    pub(super) fn scan(&self, text: &str) -> Seq {
        self.phrases.scan(self.vocab.normaliser.words(text))
    }

    /// What the first sentence of a doc comment names outright (see
    /// [`FieldFacts::doc_names`]).
    fn doc_names(&self, docs: &str) -> Box<[Match]> {
        let sentence = first_sentence(docs);
        if sentence.is_empty() {
            return Box::default();
        }
        let seq = self.scan(sentence);
        seq.matches
            .iter()
            .filter(|m| self.phrases.names_outright(m.pid))
            .filter(|m| !seq.last_meta.is_some_and(|i| i >= m.end()))
            .copied()
            .collect()
    }

    /// The facts of an item and its fields; names and types already seen by
    /// this worker come from its cache.
    pub(super) fn facts_of<'a>(
        &self,
        item: &'a Item,
        path: u32,
        cache: &mut Cache<'a>,
    ) -> ItemFacts {
        let fields = item
            .fields
            .iter()
            .map(|field| {
                let mut seq = |text: &'a str| self.cached_seq(text, &mut cache.seqs);
                let tuple = field.name.chars().all(|c| c.is_ascii_digit());
                let (view, own, variant) = if tuple {
                    let view = field.variant.as_deref().map(&mut seq).unwrap_or_default();
                    (view, Some(seq(&field.name)), None)
                } else {
                    let variant = field.variant.as_deref().map(&mut seq);
                    (seq(&field.name), None, variant)
                };
                let rename = field.serde_rename.as_deref().map(&mut seq);
                let ty = self.ty_facts(&field.ty, cache);
                FieldFacts {
                    view,
                    own,
                    variant,
                    file: path,
                    rename,
                    tuple,
                    defs: self.field_definitions(&field.ty, &ty, path, cache),
                    ty,
                    markers: markers(field, &self.vocab.markers),
                    doc_names: self.doc_names(&field.docs),
                }
            })
            .collect();
        ItemFacts {
            name: name_hash(&item.name),
            in_config: self
                .config_files
                .get(path as usize)
                .copied()
                .unwrap_or(false),
            words: self.container_words(item, &mut cache.seqs),
            fields,
        }
    }

    /// The words that say what an item holds: its name's, or for a name that
    /// says nothing its module's (SeaORM's `Model` in `entities/device.rs`).
    fn container_words<'a>(&self, item: &'a Item, seqs: &mut FxMap<&'a str, Arc<Seq>>) -> Arc<Seq> {
        let own = self.cached_seq(&item.name, seqs);
        if !self.vocab.file_named_items.contains(&item.name) && !self.says_nothing(&own) {
            return own;
        }
        match module_name(&item.path) {
            Some(module) => self.cached_seq(module, seqs),
            None => own,
        }
    }

    /// Whether a name is two or more form suffixes, none of them machinery
    /// (`RecordData`, `InputData`): it says it is a record, not of what;
    /// code generated from a schema names the record by its module
    /// (`app::bsky::feed::post::RecordData`). One word alone may be a noun of
    /// its own (`Post`, `Entry`); a machinery word says what (`QueryParams`
    /// of an HTTP handler).
    fn says_nothing(&self, name: &Seq) -> bool {
        let ph = &self.phrases;
        name.words.len() > 1
            && name.words.iter().all(|w| ph.form_suffixes.contains(w))
            && !name.has(ph, flag::NOT_ABOUT_A_PERSON)
    }

    /// [`FieldFacts::defs`]: the names of a type that several definitions
    /// of the tree share, each resolved from the file `path`.
    fn field_definitions<'a>(
        &self,
        written: &'a Type,
        ty: &TyFacts,
        path: u32,
        cache: &mut Cache<'a>,
    ) -> Definitions {
        let key = (written.written(), path);
        if let Some(defs) = cache.defs.get(&key) {
            return defs.clone();
        }
        let defs: Definitions = ty
            .names
            .iter()
            .enumerate()
            .filter_map(|(k, n)| {
                // A std name is resolved where it is used ([`EvidenceModel::tree_type`]).
                let t = n
                    .tree
                    .filter(|&t| !n.std && self.by_name[t as usize].len() > 1)?;
                let k = u8::try_from(k).ok()?;
                Some((k, self.definitions(t, path, n.module.as_deref())))
            })
            .collect();
        cache.defs.insert(key, defs.clone());
        defs
    }

    fn cached_seq<'a>(&self, text: &'a str, seqs: &mut FxMap<&'a str, Arc<Seq>>) -> Arc<Seq> {
        seqs.entry(text)
            .or_insert_with(|| Arc::new(self.scan(text)))
            .clone()
    }

    /// What a field's type says: its kind and what each of its names says.
    fn ty_facts<'a>(&self, ty: &'a Type, cache: &mut Cache<'a>) -> Arc<TyFacts> {
        if let Some(facts) = cache.tys.get(ty.written()) {
            return facts.clone();
        }
        let names: Vec<Arc<TypeName>> = ty
            .paths()
            .into_iter()
            .map(|path| {
                if let Some(name) = cache.names.get(&path) {
                    return name.clone();
                }
                let name = Arc::new(self.type_name(&path));
                cache.names.insert(path, name.clone());
                name
            })
            .collect();
        let types = &self.vocab.types;
        let collection = |k: usize| {
            names
                .get(k)
                .is_some_and(|n| types.collections.contains(&n.name))
        };
        let facts = Arc::new(TyFacts {
            kind: Kind::of(ty.is_sequence(), &names),
            many: ty.is_sequence() || collection(0) || collection(1),
            payload: names.iter().any(|n| types.payloads.contains(&n.name)),
            constant: ty.borrows_static(),
            names,
        });
        cache.tys.insert(ty.written(), facts.clone());
        facts
    }
}

/// The module a file is: its stem, or its folder's for `mod.rs`, `lib.rs`
/// and `main.rs`; a crate's root (`src/lib.rs`) is no module of a name.
fn module_name(path: &str) -> Option<&str> {
    let mut parts = path.rsplit('/');
    match parts
        .next()
        .map(|file| file.strip_suffix(".rs").unwrap_or(file))
    {
        Some("mod" | "lib" | "main") => parts.next().filter(|&dir| dir != "src"),
        Some(stem) if !stem.is_empty() => Some(stem),
        _ => None,
    }
}

pub(super) fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    name.hash(&mut h);
    h.finish()
}

/// The first sentence of a doc comment: up to its first full stop, blank
/// line or code block, at most 200 bytes (a summary line, as rustdoc shows it).
fn first_sentence(docs: &str) -> &str {
    let mut end = docs.len().min(200);
    while !docs.is_char_boundary(end) {
        end -= 1;
    }
    let text = &docs[..end];
    let stops = [". ", ".\n", "\n\n", "```"];
    let cut = stops
        .iter()
        .filter_map(|s| text.find(s))
        .min()
        .unwrap_or(text.len());
    text[..cut].trim()
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn the_first_sentence_of_a_doc_comment() {
        assert_eq!(first_sentence("The email. Not the name."), "The email");
        assert_eq!(first_sentence("Line one\n\nMore"), "Line one");
        assert_eq!(first_sentence("é".repeat(150).as_str()).len(), 200);
    }
}
