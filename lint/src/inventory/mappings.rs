//! `mappings.toml`: how each taxonomy category and purpose maps to Apple's,
//! fideslang's and Google Play's keys. Read here and nowhere else.

use std::collections::BTreeMap;

use collects_grammar::Taxonomy;
use serde::Deserialize;

/// The mapping table for the built-in taxonomy, beside `taxonomy.toml`.
pub const BUILTIN_MAPPINGS: &str = include_str!("../../../mappings.toml");

/// Apple's published `NSPrivacyCollectedDataType` values (App Store Connect's
/// 32 plus the 3 visionOS ones).
pub const APPLE_DATA_TYPES: [&str; 35] = [
    "NSPrivacyCollectedDataTypeName",
    "NSPrivacyCollectedDataTypeEmailAddress",
    "NSPrivacyCollectedDataTypePhoneNumber",
    "NSPrivacyCollectedDataTypePhysicalAddress",
    "NSPrivacyCollectedDataTypeOtherUserContactInfo",
    "NSPrivacyCollectedDataTypeHealth",
    "NSPrivacyCollectedDataTypeFitness",
    "NSPrivacyCollectedDataTypePaymentInfo",
    "NSPrivacyCollectedDataTypeCreditInfo",
    "NSPrivacyCollectedDataTypeOtherFinancialInfo",
    "NSPrivacyCollectedDataTypePreciseLocation",
    "NSPrivacyCollectedDataTypeCoarseLocation",
    "NSPrivacyCollectedDataTypeSensitiveInfo",
    "NSPrivacyCollectedDataTypeContacts",
    "NSPrivacyCollectedDataTypeEmailsOrTextMessages",
    "NSPrivacyCollectedDataTypePhotosorVideos",
    "NSPrivacyCollectedDataTypeAudioData",
    "NSPrivacyCollectedDataTypeGameplayContent",
    "NSPrivacyCollectedDataTypeCustomerSupport",
    "NSPrivacyCollectedDataTypeOtherUserContent",
    "NSPrivacyCollectedDataTypeBrowsingHistory",
    "NSPrivacyCollectedDataTypeSearchHistory",
    "NSPrivacyCollectedDataTypeUserID",
    "NSPrivacyCollectedDataTypeDeviceID",
    "NSPrivacyCollectedDataTypePurchaseHistory",
    "NSPrivacyCollectedDataTypeProductInteraction",
    "NSPrivacyCollectedDataTypeAdvertisingData",
    "NSPrivacyCollectedDataTypeOtherUsageData",
    "NSPrivacyCollectedDataTypeCrashData",
    "NSPrivacyCollectedDataTypePerformanceData",
    "NSPrivacyCollectedDataTypeOtherDiagnosticData",
    "NSPrivacyCollectedDataTypeEnvironmentScanning",
    "NSPrivacyCollectedDataTypeHands",
    "NSPrivacyCollectedDataTypeHead",
    "NSPrivacyCollectedDataTypeOtherDataTypes",
];

/// Apple's published `NSPrivacyCollectedDataTypePurposes` values, in the
/// order the export lists them.
pub const APPLE_PURPOSES: [&str; 6] = [
    "NSPrivacyCollectedDataTypePurposeThirdPartyAdvertising",
    "NSPrivacyCollectedDataTypePurposeDeveloperAdvertising",
    "NSPrivacyCollectedDataTypePurposeAnalytics",
    "NSPrivacyCollectedDataTypePurposeProductPersonalization",
    "NSPrivacyCollectedDataTypePurposeAppFunctionality",
    "NSPrivacyCollectedDataTypePurposeOther",
];

/// The value that says a target has no key for a row.
const NONE: &str = "none";

/// What one target (Apple, fides, Play) says about a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One or more keys, best first.
    Keys(Vec<String>),
    /// The target has no type for it, and why.
    None { reason: String },
}

impl Target {
    pub fn keys(&self) -> &[String] {
        match self {
            Target::Keys(keys) => keys,
            Target::None { .. } => &[],
        }
    }
}

/// One row: a category (`Group::Item`) or a purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub apple: Target,
    pub fides: Target,
    pub play: Target,
    pub note: Option<String>,
}

/// A fideslang data category the default taxonomy lacks, declared in the
/// manifest as an extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FidesExtension {
    pub key: String,
    pub parent: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mappings {
    pub categories: BTreeMap<String, Row>,
    pub purposes: BTreeMap<String, Row>,
    pub fides_extensions: Vec<FidesExtension>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    apple: OneOrMany,
    apple_reason: Option<String>,
    fides: OneOrMany,
    fides_reason: Option<String>,
    play: OneOrMany,
    play_reason: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtension {
    parent: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMappings {
    #[serde(default)]
    category: BTreeMap<String, RawRow>,
    #[serde(default)]
    purpose: BTreeMap<String, RawRow>,
    #[serde(default)]
    fides_extension: toml::Table,
}

impl Mappings {
    /// The mappings of the built-in taxonomy.
    pub fn builtin() -> Mappings {
        Mappings::parse(BUILTIN_MAPPINGS).expect("the built-in mappings.toml is valid")
    }

    pub fn parse(text: &str) -> Result<Mappings, String> {
        let raw: RawMappings = toml::from_str(text).map_err(|e| e.to_string())?;
        let rows = |table: BTreeMap<String, RawRow>| {
            table
                .into_iter()
                .map(|(name, row)| Ok((name.clone(), row_of(&name, row)?)))
                .collect::<Result<BTreeMap<_, _>, String>>()
        };
        // A table keeps the file's order (toml's `preserve_order`): parents first.
        let fides_extensions = raw
            .fides_extension
            .into_iter()
            .map(|(key, value)| {
                let ext: RawExtension = value
                    .try_into()
                    .map_err(|e| format!("[fides_extension.\"{key}\"]: {e}"))?;
                Ok(FidesExtension {
                    key,
                    parent: ext.parent,
                    name: ext.name,
                    description: ext.description,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Mappings {
            categories: rows(raw.category)?,
            purposes: rows(raw.purpose)?,
            fides_extensions,
        })
    }

    /// The row of a category; a whole group (`Contact`) maps to the union of
    /// its items' rows.
    pub fn keys_of(
        &self,
        taxonomy: &Taxonomy,
        category: &str,
        target: fn(&Row) -> &Target,
    ) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for item in expand(taxonomy, category) {
            if let Some(row) = self.categories.get(&item) {
                for key in target(row).keys() {
                    if !keys.contains(key) {
                        keys.push(key.clone());
                    }
                }
            }
        }
        keys
    }

    /// The keys a purpose maps to in `target` (none for an unknown purpose).
    pub fn purpose_keys(&self, purpose: &str, target: fn(&Row) -> &Target) -> Vec<String> {
        self.purposes
            .get(purpose)
            .map(|row| target(row).keys().to_vec())
            .unwrap_or_default()
    }

    pub fn extension(&self, key: &str) -> Option<&FidesExtension> {
        self.fides_extensions.iter().find(|e| e.key == key)
    }
}

/// The items a category stands for: itself, or every item of a group.
pub fn expand(taxonomy: &Taxonomy, category: &str) -> Vec<String> {
    match (category.contains("::"), taxonomy.group(category)) {
        (false, Some(group)) => group
            .items
            .iter()
            .map(|i| format!("{}::{}", group.name, i.name))
            .collect(),
        _ => vec![category.to_string()],
    }
}

fn row_of(name: &str, raw: RawRow) -> Result<Row, String> {
    let target = |which: &str, value: OneOrMany, reason: Option<String>| {
        let keys = match value {
            OneOrMany::One(key) => vec![key],
            OneOrMany::Many(keys) => keys,
        };
        match (keys.as_slice(), reason) {
            ([only], Some(reason)) if only == NONE => Ok(Target::None { reason }),
            ([only], None) if only == NONE => Err(format!(
                "`{name}`: `{which} = \"none\"` needs `{which}_reason`, the why"
            )),
            (_, Some(_)) => Err(format!(
                "`{name}`: `{which}_reason` goes only with `{which} = \"none\"`"
            )),
            ([], None) => Err(format!(
                "`{name}`: `{which}` is empty; give a key or \"none\""
            )),
            (_, None) if keys.iter().any(|k| k == NONE) => Err(format!(
                "`{name}`: \"none\" cannot be one of several `{which}` keys"
            )),
            (_, None) => Ok(Target::Keys(keys)),
        }
    };
    Ok(Row {
        apple: target("apple", raw.apple, raw.apple_reason)?,
        fides: target("fides", raw.fides, raw.fides_reason)?,
        play: target("play", raw.play, raw.play_reason)?,
        note: raw.note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fideslang 3.1's default data categories (`DEFAULT_TAXONOMY.data_category`),
    /// so that this test needs no Python; tests/python checks against the package.
    const FIDES_DEFAULT_CATEGORIES: &[&str] = &[
        "system",
        "system.authentication",
        "system.operations",
        "user",
        "user.account",
        "user.authorization",
        "user.behavior",
        "user.biometric",
        "user.childrens",
        "user.contact",
        "user.content",
        "user.demographic",
        "user.location",
        "user.device",
        "user.payment",
        "user.social",
        "user.unique_id",
        "user.telemetry",
        "user.user_sensor",
        "user.workplace",
        "user.sensor",
        "user.financial",
        "user.government_id",
        "user.health_and_medical",
        "user.name",
        "user.criminal_history",
        "user.privacy_preferences",
        "user.job_title",
        "user.account.settings",
        "user.account.username",
        "user.authorization.credentials",
        "user.authorization.biometric",
        "user.authorization.password",
        "user.behavior.browsing_history",
        "user.behavior.media_consumption",
        "user.behavior.purchase_history",
        "user.behavior.search_history",
        "user.biometric.fingerprint",
        "user.biometric.retinal",
        "user.biometric.voice",
        "user.biometric.health",
        "user.contact.address",
        "user.contact.email",
        "user.contact.phone_number",
        "user.contact.url",
        "user.contact.fax_number",
        "user.contact.organization",
        "user.contact.address.city",
        "user.contact.address.country",
        "user.contact.address.postal_code",
        "user.contact.address.state",
        "user.contact.address.street",
        "user.content.private",
        "user.content.public",
        "user.content.self_image",
        "user.demographic.age_range",
        "user.demographic.date_of_birth",
        "user.demographic.gender",
        "user.demographic.language",
        "user.demographic.marital_status",
        "user.demographic.political_opinion",
        "user.demographic.profile",
        "user.demographic.race_ethnicity",
        "user.demographic.religious_belief",
        "user.demographic.sexual_orientation",
        "user.device.cookie",
        "user.device.cookie_id",
        "user.device.device_id",
        "user.device.ip_address",
        "user.financial.bank_account",
        "user.financial.credit_card",
        "user.government_id.birth_certificate",
        "user.government_id.drivers_license_number",
        "user.government_id.immigration",
        "user.government_id.national_identification_number",
        "user.government_id.passport_number",
        "user.government_id.vehicle_registration",
        "user.health_and_medical.genetic",
        "user.health_and_medical.insurance_beneficiary_id",
        "user.health_and_medical.record_id",
        "user.location.imprecise",
        "user.location.precise",
        "user.name.first",
        "user.name.last",
        "user.unique_id.pseudonymous",
    ];

    /// fideslang 3.1's default data uses that the purposes map to.
    const FIDES_DEFAULT_USES: &[&str] = &[
        "essential.service",
        "essential.service.authentication",
        "essential.service.security",
        "essential.service.operations.support",
        "analytics.reporting",
        "personalize",
        "marketing.advertising",
        "marketing.communications",
        "functional.service.improve",
        "essential.fraud_detection",
        "essential.legal_obligation",
    ];

    const PLAY_PURPOSES: &[&str] = &[
        "app_functionality",
        "analytics",
        "developer_communications",
        "advertising",
        "fraud_prevention_security",
        "personalization",
        "account_management",
    ];

    #[test]
    fn every_taxonomy_item_is_mapped_or_explicitly_unmapped() {
        let taxonomy = Taxonomy::builtin();
        let mappings = Mappings::builtin();
        let items: Vec<String> = taxonomy.categories().collect();
        let missing: Vec<&String> = items
            .iter()
            .filter(|c| !mappings.categories.contains_key(*c))
            .collect();
        assert!(
            missing.is_empty(),
            "no row in mappings.toml for {missing:?}"
        );
        let stray: Vec<&String> = mappings
            .categories
            .keys()
            .filter(|c| !items.contains(c))
            .collect();
        assert!(
            stray.is_empty(),
            "rows for categories the taxonomy lacks: {stray:?}"
        );
        let purposes: Vec<&String> = taxonomy.purposes.iter().map(|(p, _)| p).collect();
        let mut mapped: Vec<&String> = mappings.purposes.keys().collect();
        mapped.sort();
        let mut expected = purposes.clone();
        expected.sort();
        assert_eq!(mapped, expected, "one [purpose.X] row per taxonomy purpose");
    }

    #[test]
    fn every_key_is_one_the_target_publishes() {
        let mappings = Mappings::builtin();
        let extensions: Vec<&str> = mappings
            .fides_extensions
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        for (name, row) in &mappings.categories {
            for key in row.apple.keys() {
                assert!(
                    APPLE_DATA_TYPES.contains(&key.as_str()),
                    "{name}: apple {key}"
                );
            }
            for key in row.fides.keys() {
                assert!(
                    FIDES_DEFAULT_CATEGORIES.contains(&key.as_str())
                        || extensions.contains(&key.as_str()),
                    "{name}: fides {key} is neither a default key nor a [fides_extension]"
                );
            }
            for key in row.play.keys() {
                assert!(
                    super::super::play_csv::data_type(key).is_some(),
                    "{name}: play {key}"
                );
            }
        }
        for (name, row) in &mappings.purposes {
            for key in row.apple.keys() {
                assert!(
                    APPLE_PURPOSES.contains(&key.as_str()),
                    "{name}: apple {key}"
                );
            }
            for key in row.fides.keys() {
                assert!(
                    FIDES_DEFAULT_USES.contains(&key.as_str()),
                    "{name}: fides {key}"
                );
            }
            for key in row.play.keys() {
                assert!(PLAY_PURPOSES.contains(&key.as_str()), "{name}: play {key}");
                assert!(
                    super::super::play_csv::purpose(key).is_some(),
                    "{name}: {key}"
                );
            }
        }
    }

    #[test]
    fn fides_extensions_are_used_have_a_known_parent_and_are_not_defaults() {
        let mappings = Mappings::builtin();
        let used: Vec<&String> = mappings
            .categories
            .values()
            .flat_map(|r| r.fides.keys())
            .collect();
        for (i, ext) in mappings.fides_extensions.iter().enumerate() {
            assert!(
                !FIDES_DEFAULT_CATEGORIES.contains(&ext.key.as_str()),
                "{}",
                ext.key
            );
            assert!(
                used.contains(&&ext.key),
                "{} is declared but unused",
                ext.key
            );
            let earlier: Vec<&str> = mappings.fides_extensions[..i]
                .iter()
                .map(|e| e.key.as_str())
                .collect();
            assert!(
                FIDES_DEFAULT_CATEGORIES.contains(&ext.parent.as_str())
                    || earlier.contains(&ext.parent.as_str()),
                "{}: parent {} is unknown",
                ext.key,
                ext.parent
            );
            assert!(
                ext.key.starts_with(&format!("{}.", ext.parent)),
                "{}",
                ext.key
            );
        }
    }

    #[test]
    fn a_group_maps_to_the_union_of_its_items() {
        let (taxonomy, mappings) = (Taxonomy::builtin(), Mappings::builtin());
        let keys = mappings.keys_of(&taxonomy, "Location", |r| &r.apple);
        assert_eq!(
            keys,
            [
                "NSPrivacyCollectedDataTypePreciseLocation",
                "NSPrivacyCollectedDataTypeCoarseLocation"
            ]
        );
        assert!(mappings
            .keys_of(&taxonomy, "Enterprise::CustomerData", |r| &r.apple)
            .is_empty());
    }

    #[test]
    fn malformed_rows_say_what_is_wrong() {
        let row =
            |body: &str| Mappings::parse(&format!("[category.\"A::B\"]\n{body}")).unwrap_err();
        assert!(row("apple = \"none\"\nfides = \"x\"\nplay = \"y\"").contains("apple_reason"));
        assert!(
            row("apple = \"a\"\napple_reason = \"r\"\nfides = \"x\"\nplay = \"y\"")
                .contains("goes only with")
        );
        assert!(row("apple = []\nfides = \"x\"\nplay = \"y\"").contains("empty"));
        assert!(row("apple = \"a\"\nfides = \"x\"").contains("play"));
    }
}
