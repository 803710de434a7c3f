//! `--format play-csv`: the data-type rows of Google Play's data safety form,
//! in the columns of the form's CSV import (Play Console › App content › Data
//! safety › Import from CSV). It answers what code can tell — which data types
//! are collected, whether optional, and why — and leaves the rest (sharing,
//! encryption, accounts, deletion) to be answered in the Console.
//!
//! `mappings.toml` names Play's types by their AOSP Android Safety Label keys
//! (`personal/email_address`); the table below turns them into the form's
//! question and response ids.

use collects_grammar::Taxonomy;

use super::{Inventory, Mappings};

const HEADER: &str = "Question ID (machine readable),Response ID (machine readable),Response value,Answer requirement,Human-friendly question label";

/// A Play data type: AOSP key, the form's category question, its response
/// id, and the form's labels for category and type.
pub struct DataType {
    pub key: &'static str,
    pub question: &'static str,
    pub response: &'static str,
    pub category: &'static str,
    pub label: &'static str,
}

const fn t(
    key: &'static str,
    question: &'static str,
    response: &'static str,
    category: &'static str,
    label: &'static str,
) -> DataType {
    DataType {
        key,
        question,
        response,
        category,
        label,
    }
}

/// The data types of the form, in its order.
#[rustfmt::skip]
pub const DATA_TYPES: &[DataType] = &[
    t("location/approx_location", "PSL_DATA_TYPES_LOCATION", "PSL_APPROX_LOCATION", "Location", "Approximate location"),
    t("location/precise_location", "PSL_DATA_TYPES_LOCATION", "PSL_PRECISE_LOCATION", "Location", "Precise location"),
    t("personal/name", "PSL_DATA_TYPES_PERSONAL", "PSL_NAME", "Personal info", "Name"),
    t("personal/email_address", "PSL_DATA_TYPES_PERSONAL", "PSL_EMAIL", "Personal info", "Email address"),
    t("personal/personal_identifiers", "PSL_DATA_TYPES_PERSONAL", "PSL_USER_ACCOUNT", "Personal info", "User IDs"),
    t("personal/physical_address", "PSL_DATA_TYPES_PERSONAL", "PSL_ADDRESS", "Personal info", "Address"),
    t("personal/phone_number", "PSL_DATA_TYPES_PERSONAL", "PSL_PHONE", "Personal info", "Phone number"),
    t("personal/race_ethnicity", "PSL_DATA_TYPES_PERSONAL", "PSL_RACE_ETHNICITY", "Personal info", "Race and ethnicity"),
    t("personal/political_or_religious_beliefs", "PSL_DATA_TYPES_PERSONAL", "PSL_POLITICAL_RELIGIOUS", "Personal info", "Political or religious beliefs"),
    t("personal/sexual_orientation_or_gender_identity", "PSL_DATA_TYPES_PERSONAL", "PSL_SEXUAL_ORIENTATION_GENDER_IDENTITY", "Personal info", "Sexual orientation"),
    t("personal/other", "PSL_DATA_TYPES_PERSONAL", "PSL_OTHER_PERSONAL", "Personal info", "Other info"),
    t("financial/card_bank_account", "PSL_DATA_TYPES_FINANCIAL", "PSL_CREDIT_DEBIT_BANK_ACCOUNT_NUMBER", "Financial info", "User payment info"),
    t("financial/purchase_history", "PSL_DATA_TYPES_FINANCIAL", "PSL_PURCHASE_HISTORY", "Financial info", "Purchase history"),
    t("financial/credit_score", "PSL_DATA_TYPES_FINANCIAL", "PSL_CREDIT_SCORE", "Financial info", "Credit score"),
    t("financial/other", "PSL_DATA_TYPES_FINANCIAL", "PSL_OTHER", "Financial info", "Other financial info"),
    t("health_fitness/health", "PSL_DATA_TYPES_HEALTH_AND_FITNESS", "PSL_HEALTH", "Health and fitness", "Health info"),
    t("health_fitness/fitness", "PSL_DATA_TYPES_HEALTH_AND_FITNESS", "PSL_FITNESS", "Health and fitness", "Fitness info"),
    t("email_text_message/emails", "PSL_DATA_TYPES_EMAIL_AND_TEXT", "PSL_EMAILS", "Messages", "Emails"),
    t("email_text_message/text_messages", "PSL_DATA_TYPES_EMAIL_AND_TEXT", "PSL_SMS_CALL_LOG", "Messages", "SMS or MMS"),
    t("email_text_message/other", "PSL_DATA_TYPES_EMAIL_AND_TEXT", "PSL_OTHER_MESSAGES", "Messages", "Other in-app messages"),
    t("photo_video/photos", "PSL_DATA_TYPES_PHOTOS_AND_VIDEOS", "PSL_PHOTOS", "Photos and videos", "Photos"),
    t("photo_video/videos", "PSL_DATA_TYPES_PHOTOS_AND_VIDEOS", "PSL_VIDEOS", "Photos and videos", "Videos"),
    t("audio/sound_recordings", "PSL_DATA_TYPES_AUDIO", "PSL_AUDIO", "Audio", "Voice or sound recordings"),
    t("audio/music_files", "PSL_DATA_TYPES_AUDIO", "PSL_MUSIC", "Audio", "Music files"),
    t("audio/other", "PSL_DATA_TYPES_AUDIO", "PSL_OTHER_AUDIO", "Audio", "Other audio files"),
    t("storage/files_docs", "PSL_DATA_TYPES_FILES_AND_DOCS", "PSL_FILES_AND_DOCS", "Files and docs", "Files and docs"),
    t("calendar/calendar", "PSL_DATA_TYPES_CALENDAR", "PSL_CALENDAR", "Calendar", "Calendar events"),
    t("contacts/contacts", "PSL_DATA_TYPES_CONTACTS", "PSL_CONTACTS", "Contacts", "Contacts"),
    t("actions_in_app/user_interaction", "PSL_DATA_TYPES_APP_ACTIVITY", "PSL_USER_INTERACTION", "App activity", "App interactions"),
    t("actions_in_app/in_app_search_history", "PSL_DATA_TYPES_APP_ACTIVITY", "PSL_IN_APP_SEARCH_HISTORY", "App activity", "In-app search history"),
    t("actions_in_app/user_generated_content", "PSL_DATA_TYPES_APP_ACTIVITY", "PSL_USER_GENERATED_CONTENT", "App activity", "Other user-generated content"),
    t("actions_in_app/other", "PSL_DATA_TYPES_APP_ACTIVITY", "PSL_OTHER_APP_ACTIVITY", "App activity", "Other actions"),
    t("search_and_browsing/web_browsing_history", "PSL_DATA_TYPES_SEARCH_AND_BROWSING", "PSL_WEB_BROWSING_HISTORY", "Web browsing", "Web browsing history"),
    t("app_performance/crash_logs", "PSL_DATA_TYPES_APP_PERFORMANCE", "PSL_CRASH_LOGS", "App info and performance", "Crash logs"),
    t("app_performance/performance_diagnostics", "PSL_DATA_TYPES_APP_PERFORMANCE", "PSL_PERFORMANCE_DIAGNOSTICS", "App info and performance", "Diagnostics"),
    t("app_performance/other", "PSL_DATA_TYPES_APP_PERFORMANCE", "PSL_OTHER_PERFORMANCE", "App info and performance", "Other app performance data"),
    t("identifiers/other", "PSL_DATA_TYPES_IDENTIFIERS", "PSL_DEVICE_ID", "Device or other IDs", "Device or other IDs"),
];

/// The form's purposes: AOSP name, response id, label, in the form's order.
#[rustfmt::skip]
pub const PURPOSES: &[(&str, &str, &str)] = &[
    ("app_functionality", "PSL_APP_FUNCTIONALITY", "App functionality"),
    ("analytics", "PSL_ANALYTICS", "Analytics"),
    ("developer_communications", "PSL_DEVELOPER_COMMUNICATIONS", "Developer communications"),
    ("advertising", "PSL_ADVERTISING", "Advertising or marketing"),
    ("fraud_prevention_security", "PSL_FRAUD_PREVENTION_SECURITY", "Fraud prevention, security, and compliance"),
    ("personalization", "PSL_PERSONALIZATION", "Personalization"),
    ("account_management", "PSL_ACCOUNT_MANAGEMENT", "Account management"),
];

pub fn data_type(key: &str) -> Option<&'static DataType> {
    DATA_TYPES.iter().find(|t| t.key == key)
}

pub fn purpose(key: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    PURPOSES.iter().find(|(k, _, _)| *k == key)
}

/// Per Play data type: whether every place is optional, and its purposes.
struct Collected {
    data_type: &'static DataType,
    optional: bool,
    purposes: Vec<&'static str>,
}

/// The Play data types the inventory's categories map to, in Play's order,
/// each with its purposes in Play's order.
fn collected(inventory: &Inventory, taxonomy: &Taxonomy, mappings: &Mappings) -> Vec<Collected> {
    let mut collected: Vec<Collected> = Vec::new();
    for c in inventory.categories() {
        let purposes: Vec<String> = c
            .export_purposes(taxonomy)
            .iter()
            .flat_map(|p| mappings.purpose_keys(p, |r| &r.play))
            .collect();
        for key in mappings.keys_of(taxonomy, &c.name, |r| &r.play) {
            let Some(data_type) = data_type(&key) else {
                continue;
            };
            let at = match collected.iter().position(|e| e.data_type.key == key) {
                Some(at) => at,
                None => {
                    collected.push(Collected {
                        data_type,
                        optional: true,
                        purposes: Vec::new(),
                    });
                    collected.len() - 1
                }
            };
            collected[at].optional &= c.optional;
            for p in &purposes {
                if let Some((_, response, _)) = purpose(p) {
                    collected[at].purposes.push(response);
                }
            }
        }
    }
    let rank = |key: &str| DATA_TYPES.iter().position(|t| t.key == key);
    collected.sort_by_key(|e| rank(e.data_type.key));
    let purpose_rank = |r: &str| PURPOSES.iter().position(|(_, id, _)| *id == r);
    for e in &mut collected {
        e.purposes.sort_by_key(|r| purpose_rank(r));
        e.purposes.dedup();
    }
    collected
}

/// One row of the form's CSV: question id, response id, value, answer
/// requirement and the form's label, in the columns of [`HEADER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row([String; 5]);

impl Row {
    fn new(question: &str, response: &str, value: &str, requirement: &str, label: &str) -> Row {
        Row([question, response, value, requirement, label].map(str::to_string))
    }

    /// The row as the CSV holds it.
    pub fn line(&self) -> String {
        let cells: Vec<String> = self.0.iter().map(|c| csv_cell(c)).collect();
        cells.join(",")
    }

    /// The answer: `true` for a ticked box.
    pub fn value(&self) -> &str {
        &self.0[2]
    }

    /// The form's words for the question.
    pub fn label(&self) -> &str {
        &self.0[4]
    }
}

/// The rows the inventory answers, in the form's order (header excluded).
pub fn rows(inventory: &Inventory, taxonomy: &Taxonomy, mappings: &Mappings) -> Vec<Row> {
    let collected = collected(inventory, taxonomy, mappings);
    let any = if collected.is_empty() {
        "false"
    } else {
        "true"
    };
    let mut rows = vec![Row::new(
        "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA",
        "",
        any,
        "REQUIRED",
        "Does your app collect or share any of the required user data types?",
    )];
    for e in &collected {
        let t = e.data_type;
        rows.push(Row::new(
            t.question,
            t.response,
            "true",
            "MULTIPLE_CHOICE",
            &format!("Data types/{}/{}", t.category, t.label),
        ));
    }
    for e in &collected {
        rows.extend(usage_rows(e));
    }
    rows
}

/// The "data usage and handling" answers for one data type.
fn usage_rows(e: &Collected) -> Vec<Row> {
    let t = e.data_type;
    let usage = |q: &str| format!("PSL_DATA_USAGE_RESPONSES:{}:{q}", t.response);
    let label = |q: &str| format!("Data usage and handling ({})/{q}", t.label);
    let (control, answer) = if e.optional {
        (
            "PSL_DATA_USAGE_USER_CONTROL_OPTIONAL",
            "Users can choose whether this data is collected",
        )
    } else {
        (
            "PSL_DATA_USAGE_USER_CONTROL_REQUIRED",
            "Data collection is required (users can't turn off this data collection)",
        )
    };
    let mut rows = vec![
        Row::new(
            &usage("PSL_DATA_USAGE_COLLECTION_AND_SHARING"),
            "PSL_DATA_USAGE_ONLY_COLLECTED",
            "true",
            "MULTIPLE_CHOICE",
            &label("Is this data collected, shared, or both?/Collected"),
        ),
        Row::new(
            &usage("PSL_DATA_USAGE_EPHEMERAL"),
            "",
            "false",
            "MAYBE_REQUIRED",
            &label("Is this data processed ephemerally?"),
        ),
        Row::new(
            &usage("DATA_USAGE_USER_CONTROL"),
            control,
            "true",
            "SINGLE_CHOICE",
            &label(&format!("Is this data required for your app, or can users choose whether it's collected?/{answer}")),
        ),
    ];
    for response in &e.purposes {
        let name = PURPOSES
            .iter()
            .find(|(_, id, _)| id == response)
            .map_or("", |(_, _, l)| l);
        rows.push(Row::new(
            &usage("DATA_USAGE_COLLECTION_PURPOSE"),
            response,
            "true",
            "MULTIPLE_CHOICE",
            &label(&format!("Why is this user data collected?/{name}")),
        ));
    }
    rows
}

pub fn render(inventory: &Inventory, taxonomy: &Taxonomy, mappings: &Mappings) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for row in rows(inventory, taxonomy, mappings) {
        out.push_str(&row.line());
        out.push('\n');
    }
    out
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
