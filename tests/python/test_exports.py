"""The inventory's exports load in the tools they are for.

- xcprivacy: Python's plistlib reads it, with only Apple's published keys.
- fides: the fideslang package parses the manifest, and every key it uses is
  in fideslang's default taxonomy or declared as an extension in the file.
- play-csv, json: well-formed.

Runs the binary with `cargo run` (or $COLLECTS_BIN) over the fixture tree and
examples/shop, and also checks the outputs kept in the repository.
"""

import csv
import io
import json
import os
import plistlib
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from fideslang import DEFAULT_TAXONOMY
from fideslang.parse import load_manifests_into_taxonomy

ROOT = Path(__file__).resolve().parents[2]
TREES = ["tests/inventory", "examples/shop"]
KEPT = {
    "tests/inventory": "tests/inventory/expected",
    "examples/shop": "examples/shop/inventory",
}

APPLE_DATA_TYPES = {
    "NSPrivacyCollectedDataType" + t
    for t in """Name EmailAddress PhoneNumber PhysicalAddress OtherUserContactInfo Health Fitness
    PaymentInfo CreditInfo OtherFinancialInfo PreciseLocation CoarseLocation SensitiveInfo Contacts
    EmailsOrTextMessages PhotosorVideos AudioData GameplayContent CustomerSupport OtherUserContent
    BrowsingHistory SearchHistory UserID DeviceID PurchaseHistory ProductInteraction AdvertisingData
    OtherUsageData CrashData PerformanceData OtherDiagnosticData EnvironmentScanning Hands Head
    OtherDataTypes""".split()
}
APPLE_PURPOSES = {
    "NSPrivacyCollectedDataTypePurpose" + p
    for p in "ThirdPartyAdvertising DeveloperAdvertising Analytics ProductPersonalization AppFunctionality Other".split()
}
PLAY_HEADER = [
    "Question ID (machine readable)",
    "Response ID (machine readable)",
    "Response value",
    "Answer requirement",
    "Human-friendly question label",
]


@lru_cache(maxsize=None)
def inventory(tree: str, fmt: str) -> str:
    binary = os.environ.get("COLLECTS_BIN")
    command = (
        [binary]
        if binary
        else ["cargo", "run", "-q", "-p", "collects-lint", "--bin", "cargo-collects", "--"]
    )
    done = subprocess.run(
        command + ["inventory", tree, "--format", fmt],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def outputs(fmt: str, file: str):
    """The fresh output of each tree, then each kept file."""
    for tree in TREES:
        yield f"{tree} (fresh)", inventory(tree, fmt)
        yield f"{KEPT[tree]}/{file}", (ROOT / KEPT[tree] / file).read_text()


@pytest.mark.parametrize("tree", TREES)
def test_xcprivacy_loads_with_plistlib_and_uses_only_apples_keys(tree):
    for name, text in [(tree, inventory(tree, "xcprivacy"))]:
        plist = plistlib.loads(text.encode())
        assert plist["NSPrivacyTracking"] is False, name
        entries = plist["NSPrivacyCollectedDataTypes"]
        assert entries, f"{name}: no collected data types"
        seen = set()
        for entry in entries:
            assert set(entry) == {
                "NSPrivacyCollectedDataType",
                "NSPrivacyCollectedDataTypeLinked",
                "NSPrivacyCollectedDataTypeTracking",
                "NSPrivacyCollectedDataTypePurposes",
            }, entry
            data_type = entry["NSPrivacyCollectedDataType"]
            assert data_type in APPLE_DATA_TYPES, data_type
            assert data_type not in seen, f"{data_type} listed twice"
            seen.add(data_type)
            assert isinstance(entry["NSPrivacyCollectedDataTypeLinked"], bool)
            assert isinstance(entry["NSPrivacyCollectedDataTypeTracking"], bool)
            purposes = entry["NSPrivacyCollectedDataTypePurposes"]
            assert purposes and set(purposes) <= APPLE_PURPOSES, purposes


def test_kept_xcprivacy_files_load_with_plistlib():
    for name, text in outputs("xcprivacy", "PrivacyInfo.xcprivacy"):
        plist = plistlib.loads(text.encode())
        assert "NSPrivacyCollectedDataTypes" in plist, name


def check_fides_manifest(name: str, text: str):
    manifest = yaml.safe_load(text)
    taxonomy = load_manifests_into_taxonomy(manifest)
    assert len(taxonomy.system) == 1 and len(taxonomy.dataset) == 1, name

    extensions = {c.fides_key: c for c in taxonomy.data_category}
    defaults = {c.fides_key for c in DEFAULT_TAXONOMY.data_category}
    known = defaults | set(extensions)
    for key, category in extensions.items():
        assert key not in defaults, f"{name}: {key} redeclares a default key"
        assert category.parent_key in known, f"{name}: {key}'s parent {category.parent_key}"
        assert category.is_default is False

    uses = {u.fides_key for u in DEFAULT_TAXONOMY.data_use}
    subjects = {s.fides_key for s in DEFAULT_TAXONOMY.data_subject}
    dataset = taxonomy.dataset[0]
    system = taxonomy.system[0]
    assert system.dataset_references == [dataset.fides_key]
    used = set()
    for declaration in system.privacy_declarations:
        assert declaration.data_use in uses, f"{name}: data_use {declaration.data_use}"
        assert set(declaration.data_subjects) <= subjects
        assert declaration.dataset_references == [dataset.fides_key]
        used.update(declaration.data_categories)
    for collection in dataset.collections:
        for field in collection.fields:
            assert field.data_categories, f"{name}: {collection.name}.{field.name} has none"
            used.update(field.data_categories)
    unknown = used - known
    assert not unknown, f"{name}: keys neither default nor declared: {sorted(unknown)}"
    unused = set(extensions) - used
    assert not unused, f"{name}: extensions declared but unused: {sorted(unused)}"


def test_fides_manifests_validate_with_fideslang():
    for name, text in outputs("fides", "fides.yml"):
        check_fides_manifest(name, text)


def test_fides_rejects_a_key_outside_the_taxonomy():
    """The check above would catch a mapping to a key fideslang does not have."""
    text = inventory("tests/inventory", "fides").replace(
        '"user.contact.email"', '"user.contact.e_mail"'
    )
    with pytest.raises(AssertionError, match="user.contact.e_mail"):
        check_fides_manifest("tampered", text)


def test_play_csv_is_well_formed():
    for name, text in outputs("play-csv", "play-data-safety.csv"):
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == PLAY_HEADER, name
        assert all(len(row) == 5 for row in rows), name
        assert rows[1][:3] == ["PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA", "", "true"]
        types = {r[1] for r in rows if r[0].startswith("PSL_DATA_TYPES_")}
        usage = {r[0].split(":")[1] for r in rows if r[0].startswith("PSL_DATA_USAGE_RESPONSES:")}
        assert types and types == usage, name


def test_json_is_versioned_and_lists_every_place():
    for name, text in outputs("json", "inventory.json"):
        data = json.loads(text)
        assert data["version"] == 1 and data["kind"] == "inventory", name
        for section in data["sections"]:
            for category in section["categories"]:
                assert category["places"], f"{name}: {category['category']}"
