//! The propagation rule: a type defined in the scanned tree whose own fields
//! hold personal data lends its category to fields of that type (`ship_to:
//! Address`, `frames: Vec<Frame>`), and a record of the tree that holds
//! nothing personal makes a field of it a reference, not data.

use rayon::prelude::*;

use super::context::ItemContext;
use super::facts::ItemFacts;
use super::types::Kind;
use super::vocab::Vocabulary;
use super::{Best, EvidenceModel, Level};
use crate::model::{Item, ItemKind};

/// What a type defined in the tree holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypeInfo {
    /// The file of the type (an id of [`EvidenceModel::paths`]).
    pub path: u32,
    /// The category most of its fields hold.
    pub category: Option<usize>,
    /// A record or an enum with data that holds nothing personal: a field of this
    /// type is a reference to it, not data of the container's category.
    pub blocks: bool,
    /// An enum of choices (unit variants, perhaps a catch-all).
    pub choice: bool,
}

impl EvidenceModel {
    /// Rounds 1 and 2 after round 0 of [`EvidenceModel::index`], so that a type
    /// made of types made of personal fields is known. Each round recomputes
    /// only the items whose fields name a type whose info changed in the round
    /// before.
    pub(super) fn propagate(&mut self, items: &[Item], item_names: &[u32], item_paths: &[u32]) {
        let mut changed: Vec<bool> = vec![true; self.by_name.len()];
        for round in 1..3 {
            let dirty: Vec<usize> = (0..items.len())
                .into_par_iter()
                .filter(|&i| {
                    self.facts[i].fields.iter().any(|f| {
                        f.ty.names
                            .iter()
                            .any(|n| !n.wrapper && n.tree.is_some_and(|t| changed[t as usize]))
                    })
                })
                .collect();
            let redone: Vec<(usize, ItemContext, Option<TypeInfo>)> = dirty
                .par_iter()
                .map(|&i| {
                    let (item, facts) = (&items[i], &self.facts[i]);
                    let ctx = self.context_of(item, facts);
                    let info = (round == 1)
                        .then(|| type_info(&self.vocab, item, facts, &ctx, item_paths[i]));
                    (i, ctx, info)
                })
                .collect();
            changed = vec![false; self.by_name.len()];
            for (i, ctx, info) in redone {
                self.contexts[i] = ctx;
                if let Some(info) = info {
                    if info != self.infos[i] {
                        changed[item_names[i] as usize] = true;
                        self.infos[i] = info;
                    }
                }
            }
        }
    }

    /// The info of the tree's type named `t` seen from file `path`, and the
    /// category it lends: the type of the same file; else the name's only
    /// type, or what all the tree's types of that name agree on. A name
    /// defined several times with different meanings (`Handle`, `Error`)
    /// lends nothing.
    pub(super) fn tree_type(&self, t: u32, path: u32) -> (&TypeInfo, Option<usize>) {
        let infos = &self.by_name[t as usize];
        let first = &self.infos[infos[0]];
        match infos
            .iter()
            .map(|&i| &self.infos[i])
            .find(|i| i.path == path)
        {
            Some(info) => (info, info.category),
            None => {
                let agree = infos
                    .iter()
                    .all(|&i| self.infos[i].category == first.category);
                (first, if agree { first.category } else { None })
            }
        }
    }
}

/// What a type of the tree holds, from its fields' best evidence.
pub(super) fn type_info(
    vocab: &Vocabulary,
    item: &Item,
    facts: &ItemFacts,
    ctx: &ItemContext,
    path: u32,
) -> TypeInfo {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut personal = 0;
    for (best, field) in ctx.bests.iter().zip(&facts.fields) {
        if let Best::Found(cat, level) = *best {
            // An enum is personal by its variants' own data, not by its name.
            if item.kind == ItemKind::Enum && level <= Level::Inherited {
                continue;
            }
            // A hint (`handle`, `address` alone) makes a type personal only
            // on text (`code: String`), not on a value of another type.
            if level == Level::Weak && field.ty.kind != Kind::Text {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == cat) {
                Some((_, n)) => *n += 1,
                None => counts.push((cat, 1)),
            }
            personal += 1;
        }
    }
    let category = counts
        .iter()
        .max_by_key(|(cat, n)| (*n, usize::MAX - *cat))
        .map(|(cat, _)| *cat)
        .filter(|_| personal * 2 >= item.fields.len());
    let catch_all = &vocab.types.catch_all_variants;
    let choice_enum = item.kind == ItemKind::Enum
        && item
            .fields
            .iter()
            .all(|f| f.variant.as_deref().is_some_and(|v| catch_all.contains(v)));
    let is_newtype = item.kind == ItemKind::Struct
        && item.fields.len() == 1
        && item.fields[0].name.chars().all(|c| c.is_ascii_digit());
    TypeInfo {
        path,
        category,
        blocks: category.is_none() && !choice_enum && !is_newtype && !item.fields.is_empty(),
        choice: choice_enum || (item.kind == ItemKind::Enum && item.fields.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::case;

    const SRC: &str = "struct Address { line1: String, city: String, postal_code: String, country: String } \
                       struct Order { id: u64, ship_to: Address, total: u64 } \
                       struct Frame { function: String, lineno: u64, colno: u64, instruction_addr: u64, pre_context: Vec<String> } \
                       struct Stacktrace { frames: Vec<Frame> } \
                       struct Event { event_id: Uuid, stacktrace: Option<Stacktrace>, crashed: Values<Frame> }";

    #[test]
    fn a_type_of_the_tree_lends_its_category() {
        case(
            SRC,
            "Order.ship_to",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
        case(
            SRC,
            "Event.crashed",
            Some("Diagnostics::CrashDump"),
            "type `Frame`",
        );
        case(SRC, "Order.total", None, "");
        case(SRC, "Event.event_id", None, "");
    }

    #[test]
    fn through_wrappers_and_paths() {
        let src = "struct Address { line1: String, city: String, postal_code: String } \
                   struct Shipment { to: Option<Box<crate::model::Address>>, from: Vec<Address> }";
        case(
            src,
            "Shipment.to",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
        case(
            src,
            "Shipment.from",
            Some("Contact::PostalAddress"),
            "type `Address`",
        );
    }

    #[test]
    fn transitively() {
        case(SRC, "Stacktrace.frames", Some("Diagnostics::CrashDump"), "");
    }

    #[test]
    fn a_record_that_holds_nothing_is_a_reference() {
        let src = "struct Diagnostic { location: Option<Location>, message: String } \
                   struct Location { file: FileId, line: u32, column: u32 }";
        case(src, "Diagnostic.location", None, "");
    }
}
