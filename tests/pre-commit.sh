#!/usr/bin/env bash
# The pre-commit hook, tested with the real pre-commit framework (from PyPI)
# and the real hook definition (.pre-commit-hooks.yaml) at this repository's
# HEAD, in a throwaway git repository:
#   1. a clean commit passes (pre-commit builds the hook with `cargo install`),
#   2. a commit adding an undeclared `email` field is refused, naming the field,
#   3. once the field is declared the commit passes, and only staged files are
#      linted (an untracked file with an undeclared field is not looked at).
#
# Slow the first time (a release build of the linter inside pre-commit);
# the build is cached in target/pre-commit-hook (COLLECTS_HOOK_TARGET_DIR).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
rev="$(git -C "$repo" rev-parse HEAD)"
if ! git -C "$repo" diff --quiet HEAD -- .pre-commit-hooks.yaml Cargo.toml lint; then
    echo "note: testing the hook at HEAD ($rev); uncommitted changes are not part of it"
fi

if ! python3 -m pre_commit --version >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check 'pre-commit>=3.7,<5'
fi
echo "$(python3 -m pre_commit --version), hook repository $repo at $rev"

work="$(mktemp -d)"
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-cache"
export CARGO_TARGET_DIR="${COLLECTS_HOOK_TARGET_DIR:-$repo/target/pre-commit-hook}"
# This checks the hook's wiring, not its speed: build the release binary the
# quick way (no LTO, light optimisation), which halves CI's time here.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1
export GIT_AUTHOR_NAME="collects tests" GIT_AUTHOR_EMAIL="tests@collects.invalid"
export GIT_COMMITTER_NAME="collects tests" GIT_COMMITTER_EMAIL="tests@collects.invalid"
export GIT_CONFIG_NOSYSTEM=1

app="$work/app"
mkdir -p "$app/src"
cd "$app"
git init -q .
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: collects
EOF
cat > collects.toml <<'EOF'
[statement]
lists = ["Contact"]
EOF
cat > src/lib.rs <<'EOF'
pub struct Order {
    pub id: u64,
    pub total_cents: u64,
}
EOF
python3 -m pre_commit install >/dev/null

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

# 1. A clean commit passes.
git add .
start=$SECONDS
if git commit -q -m "clean" >"$work/1.log" 2>&1; then
    pass "a clean commit passes ($((SECONDS - start)) s, hook install included)"
else
    fail "a clean commit passes"; cat "$work/1.log"
fi

# 2. An undeclared email is refused, and the message names the field.
cat > src/user.rs <<'EOF'
pub struct User {
    pub id: u64,
    pub email: String,
}
EOF
git add src/user.rs
if git commit -q -m "add User.email" >"$work/2.log" 2>&1; then
    fail "a commit adding an undeclared email is refused"; cat "$work/2.log"
elif grep -q '`User.email` looks like Contact::Email and is not declared' "$work/2.log" \
    && grep -q 'src/user.rs:3:9' "$work/2.log"; then
    pass "a commit adding an undeclared email is refused, naming User.email at src/user.rs:3:9"
    sed 's/^/    | /' "$work/2.log"
else
    fail "the refusal names the field"; cat "$work/2.log"
fi
if [ "$(git rev-list --count HEAD)" = 1 ]; then
    pass "the refused commit was not made"
else
    fail "the refused commit was not made"
fi

# 3. Declared, it passes; an untracked file with an undeclared field is not linted.
cat > src/user.rs <<'EOF'
pub struct User {
    pub id: u64,
    #[collects(Contact::Email, purpose = Account)]
    pub email: String,
}
EOF
cat > src/legacy.rs <<'EOF'
pub struct Legacy {
    pub phone_number: String,
}
EOF
git add src/user.rs
if git commit -q -m "declare User.email" >"$work/3.log" 2>&1; then
    pass "the commit passes once the field is declared; unstaged files are not linted"
else
    fail "the commit passes once the field is declared"; cat "$work/3.log"
fi

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" = 0 ]
