//! A small web shop: accounts, addresses, payments, device telemetry and
//! support tickets. Its data model declares what personal data it collects,
//! and deliberately gets a few things wrong for `cargo collects` to find.
// The data model is the point of this example; most fields are never read.
#![allow(dead_code)]

mod accounts;
mod orders;
mod payments;
mod support;
mod telemetry;

use collects::Collects;

fn main() {
    // The program can print its own data inventory.
    for declaration in accounts::Customer::collected()
        .iter()
        .chain(payments::Card::collected())
        .chain(telemetry::Session::collected())
        .filter(|declaration| declaration.none_reason.is_none())
    {
        println!(
            "{}.{}: {}",
            declaration.item,
            declaration.field,
            declaration.categories.join(", ")
        );
    }
    let _ = (orders::Order::collected(), support::Ticket::collected());
}
