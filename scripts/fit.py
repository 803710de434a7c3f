#!/usr/bin/env python3
"""Fit how much each kind of evidence counts, from the labelled corpus.

    fit.py fit  SNAPSHOT_ROOT BIN OUT.toml   fit on every project, write OUT
    fit.py lopo SNAPSHOT_ROOT BIN            leave-one-project-out: refit
                                             without each project, score it

Words are never fitted (they come from vocabulary.toml, standards.toml and
types.toml). What is fitted: each kind of evidence's precision (the rule that
gave a field's best candidate and its level, `name/strong`, as the linter's
JSON `basis` says), and two cuts over it: `report` (a field is reported when
its kind's precision reaches it; chosen for the best F1 on the training
projects) and `strong` (evidence the rules call clear stays an error only
when its kind was right at least this often on the training projects: the
ERROR_PRECISION policy, held by the lower end of the kind's confidence
interval, so that twenty right out of twenty does not yet prove it; the fit
lowers levels, never raises them).

Features come from one run of the linter per project with an empty fit
(every candidate reported, rule-based confidence). SNAPSHOT_ROOT is the
folder evaluate.sh takes; trees are exported as evaluate.sh does.
"""
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

# Policy, not fitted: an error comes only from a kind of evidence that was
# wrong at most once in twenty times on the training projects.
ERROR_PRECISION = 0.95
# Pseudo-counts pulling a rare kind's precision toward its level's pooled
# precision, and a level's toward all kinds'.
PRIOR_WEIGHT = 4.0
# One-sided 95 % normal quantile: a kind's error-level precision must hold at
# the lower end of its Wilson score interval.
CONFIDENCE_Z = 1.645
OPEN_FIT = "[fit]\nreport = 0.0\nstrong = 1.0\n"


def corpus_dir(labels):
    return Path(labels).resolve().parent


def load_score_module(labels):
    sys.path.insert(0, str(corpus_dir(labels)))
    import score  # the corpus's own scorer: one reading of labels and reports

    return score


def export_tree(snaps, repo, commit):
    """The tree of `repo` at `commit`, exported once as evaluate.sh does."""
    trees = Path(os.environ.get("CORPUS_TREES", "/tmp/collects-corpus"))
    tree = trees / f"{repo.replace('/', '+')}-{commit[:12]}"
    if not (tree / ".exported").exists():
        git_dir = Path(snaps) / repo.replace("/", "+") / "repo"
        if not git_dir.is_dir():
            sys.exit(f"missing snapshot of {repo}: fetch github:{repo}")
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", f"--git-dir={git_dir}", "archive", commit],
            check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        (tree / ".exported").touch()
    return tree


def lint(binary, tree, fitted_file, out_json):
    with open(out_json, "w", encoding="utf-8") as out:
        rc = subprocess.run(
            [binary, "check", "--format", "json", "--fitted", fitted_file, str(tree)],
            stdout=out).returncode
    if rc > 1:
        sys.exit(f"linter failed ({rc}) on {tree}")


def bases(report_json):
    """(path, item, field) -> basis of each CL0001 finding of a report."""
    with open(report_json, encoding="utf-8") as f:
        report = json.load(f)
    return {(x["path"], x.get("item") or "", str(x.get("field") or "")): x.get("basis")
            for x in report.get("findings", []) if x.get("code") == "CL0001"}


def features(score, labels, snaps, binary, work):
    """Per project: one (basis or None, personal) per labelled row."""
    rows = score.load_labels(labels)
    commits = {r["repo"]: r["commit"] for r in rows}
    open_fit = Path(work) / "open.toml"
    open_fit.write_text(OPEN_FIT)
    per_project = defaultdict(list)
    for repo, commit in sorted(commits.items()):
        out = Path(work) / f"{repo.replace('/', '+')}.features.json"
        lint(binary, export_tree(snaps, repo, commit), str(open_fit), out)
        found = {(score.norm(k[0]), k[1], k[2]): b for k, b in bases(out).items()}
        for r in rows:
            if r["repo"] != repo or r["label"].strip() == "?":
                continue
            key = (score.norm(r["path"]), r["item"], r["field"])
            per_project[repo].append((found.get(key), r["label"].strip() != "none"))
    return per_project, commits


def f1(tp, flagged, personal):
    if tp == 0:
        return 0.0
    p, r = tp / flagged, tp / personal
    return 2 * p * r / (p + r)


def lower_bound(tp, n, z=CONFIDENCE_Z):
    """The lower end of the Wilson score interval of tp right out of n."""
    if n == 0:
        return 0.0
    p = tp / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / (1 + z * z / n)


def level(kind):
    """The level of a kind: `weak` of `choice/weak`."""
    return kind.rsplit("/", 1)[-1]


def pooled_by_level(n, tp):
    """The precision of all kinds of each level together: what a rare kind
    of that level is pulled toward (a hint of a new rule is as right as hints
    are, not as names are); itself pulled toward all kinds' when the level
    backs few fields."""
    pooled = sum(tp.values()) / max(1, sum(n.values()))
    by_n, by_tp = defaultdict(int), defaultdict(int)
    for k in n:
        by_n[level(k)] += n[k]
        by_tp[level(k)] += tp[k]
    return {
        lv: (by_tp[lv] + PRIOR_WEIGHT * pooled) / (by_n[lv] + PRIOR_WEIGHT) for lv in by_n
    }


def fit(rows):
    """The fitted precision of each kind, the lower end of its confidence
    interval, and the two cuts, from (basis, personal) rows."""
    n, tp = defaultdict(int), defaultdict(int)
    for basis, personal in rows:
        if basis:
            n[basis] += 1
            tp[basis] += personal
    pooled = pooled_by_level(n, tp)
    precision = {
        k: (tp[k] + PRIOR_WEIGHT * pooled[level(k)]) / (n[k] + PRIOR_WEIGHT) for k in n
    }
    personal = sum(p for _, p in rows)

    def kept(cut):
        return [k for k in n if precision[k] >= cut]

    def f1_at(cut):
        ks = kept(cut)
        return f1(sum(tp[k] for k in ks), sum(n[k] for k in ks), max(1, personal))

    # Ties go to the lower cut: more recall for the same F1.
    cuts = sorted({0.0, *precision.values()})
    report = max(cuts, key=lambda c: (round(f1_at(c), 9), -c))

    kinds = {k: (precision[k], lower_bound(tp[k], n[k]), n[k]) for k in sorted(n)}
    return report, max(report, ERROR_PRECISION), kinds


def write_fit(path, projects, report, strong, kinds):
    lines = [
        "# How much each kind of evidence counts: written by `scripts/fit`, do not edit.",
        "# A kind is the rule behind a field's best evidence and its level; its precision",
        "# is measured on the labelled corpus (pulled toward its level's pooled precision when rare).",
        "# report: the cut for the best F1 on the projects below; strong: clear evidence",
        "# stays an error only from a kind at least this precise (policy, not fitted),",
        "# by `lower`, the lower end of its one-sided 95% confidence interval.",
        "[fit]",
        f"report = {report:.4f}",
        f"strong = {strong:.4f}",
        "projects = [" + ", ".join(f'"{p}"' for p in projects) + "]",
        "",
        "[kinds]",
    ]
    for kind, (precision, lower, count) in kinds.items():
        lines.append(
            f'"{kind}" = {{ precision = {precision:.4f}, lower = {lower:.4f}, fields = {count} }}')
    Path(path).write_text("\n".join(lines) + "\n")


def score_line(score_py, labels, pairs):
    out = subprocess.run([sys.executable, str(score_py), labels, *pairs],
                         check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()


def main(argv):
    if len(argv) < 4 or argv[1] not in ("fit", "lopo") or (argv[1] == "fit") != (len(argv) == 5):
        sys.exit(__doc__)
    mode, snaps, binary = argv[1], argv[2], argv[3]
    labels = os.environ.get("COLLECTS_LABELS", "../shared/corpus/dev-labels.tsv")
    score = load_score_module(labels)
    with tempfile.TemporaryDirectory() as work:
        per_project, commits = features(score, labels, snaps, binary, work)
        if mode == "fit":
            write_fit(argv[4], sorted(per_project),
                      *fit([row for rows in per_project.values() for row in rows]))
            print(f"wrote {argv[4]} from {len(per_project)} projects")
            return
        pairs = []
        for held_out in sorted(per_project):
            train = [row for repo, rows in per_project.items() if repo != held_out for row in rows]
            fold = Path(work) / "fold.toml"
            write_fit(fold, sorted(set(per_project) - {held_out}), *fit(train))
            out = Path(work) / f"{held_out.replace('/', '+')}.json"
            lint(binary, export_tree(snaps, held_out, commits[held_out]), str(fold), out)
            pairs.append(f"{held_out}={out}")
        score_py = corpus_dir(labels) / "score.py"
        lines = score_line(score_py, labels, pairs)
        print("\n".join(lines[:-1]))
        print("LOPO " + lines[-1])


if __name__ == "__main__":
    main(sys.argv)
