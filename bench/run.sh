#!/usr/bin/env bash
# Benchmark: cargo-collects against ripgrep (the floor: read + regex) and
# ast-grep (a structural search tool) on the same large real Rust tree.
#
#   bench/run.sh SNAPSHOT_ROOT [RUNS]
#
# SNAPSHOT_ROOT holds OWNER+NAME/repo git directories of the three repositories
# below (the fetch tool puts them there: fetch github:rust-lang/rust-analyzer,
# github:bevyengine/bevy, github:denoland/deno). The tree is exported once to
# ${BENCH_TREE:-/tmp/collects-bench/tree}, keeping only .rs files so every
# tool reads the same bytes. Installs hyperfine, ripgrep, GNU time (Debian)
# and ast-grep (PyPI) if missing. Prints a Markdown table: wall time (min and
# median), files/s, MB/s and peak RSS, on 1 and 2 threads.
set -euo pipefail
snaps=${1:?usage: bench/run.sh SNAPSHOT_ROOT [RUNS]}
runs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
tree=${BENCH_TREE:-/tmp/collects-bench/tree}
out=$(mktemp -d)

sources=(
  "rust-lang/rust-analyzer d2e55da4"
  "bevyengine/bevy 4805ca79"
  "denoland/deno 98f9507a"
)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need rg || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq hyperfine ripgrep time >/dev/null
fi
need ast-grep || python3 -m pip install --quiet --disable-pip-version-check ast-grep-cli

if [ ! -f "$tree/.exported" ]; then
  rm -rf "$tree"; mkdir -p "$tree"
  for source in "${sources[@]}"; do
    read -r name commit <<<"$source"
    git_dir="$snaps/${name/\//+}/repo"
    [ -d "$git_dir" ] || { echo "missing snapshot of $name: fetch github:$name" >&2; exit 2; }
    mkdir -p "$tree/${name#*/}"
    # Snapshots may lack large binary blobs; only the .rs files are needed.
    { git --git-dir="$git_dir" archive "$commit" -- '*.rs' 2>/dev/null || true; } | tar -x -C "$tree/${name#*/}"
  done
  touch "$tree/.exported"
fi
files=$(find "$tree" -name '*.rs' -type f | wc -l)
bytes=$(find "$tree" -name '*.rs' -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
lines=$(find "$tree" -name '*.rs' -type f -exec cat {} + | wc -l)

(cd "$repo" && cargo build --release --quiet -p collects-lint --bin cargo-collects)
collects="$repo/target/release/cargo-collects"
words='(?i)(email|phone|password|passwd|address|ip_addr|token|secret|birth|gender|latitude|longitude|location|username|first_name|last_name|full_name|ssn|card|cvv|iban|avatar)'

command_for() { # tool threads
  case $1 in
    collects) echo "$collects check --format json --jobs $2 $tree" ;;
    rg) echo "rg -c -t rust -j $2 '$words' $tree" ;;
    ast-grep) echo "ast-grep scan --rule $here/personal-field.yml --threads $2 $tree" ;;
  esac
}

echo "Tree: $files .rs files, $lines lines, $((bytes / 1000000)) MB ($tree)"
echo
echo "| tool | threads | wall min (s) | wall median (s) | files/s | MB/s | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|"
for threads in 1 2; do
  for tool in rg collects ast-grep; do
    cmd=$(command_for "$tool" "$threads")
    hyperfine --style none --warmup 1 --runs "$runs" --ignore-failure \
      --export-json "$out/$tool-$threads.json" "$cmd >/dev/null" >/dev/null
    # The linter exits 1 when it finds errors: that is not a failed run.
    rss_kb=$(sh -c "/usr/bin/time -f %M sh -c \"$cmd >/dev/null\"; true" 2>&1 | tail -1)
    python3 - "$out/$tool-$threads.json" "$tool" "$threads" "$files" "$bytes" "$rss_kb" <<'PY'
import json, statistics, sys
path, tool, threads, files, size, rss = sys.argv[1:]
times = json.load(open(path))["results"][0]["times"]
best, median = min(times), statistics.median(times)
print(f"| {tool} | {threads} | {best:.3f} | {median:.3f} | {int(files) / median:,.0f} | {int(size) / 1e6 / median:,.0f} | {int(rss) / 1024:.0f} |")
PY
  done
done
