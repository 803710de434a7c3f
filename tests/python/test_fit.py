"""scripts/fit.py: the cuts it fits from (basis, personal) rows."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("fit", ROOT / "scripts" / "fit.py")
fit_py = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fit_py)


def rows(basis, right, wrong):
    return [(basis, True)] * right + [(basis, False)] * wrong


def test_a_kind_mostly_wrong_is_cut_and_a_precise_one_kept():
    data = rows("name/strong", 90, 2) + rows("name/weak", 2, 40) + [(None, True)] * 10
    report, strong, kinds = fit_py.fit(data)
    assert kinds["name/weak"][0] < report <= kinds["name/strong"][0]
    assert kinds["name/strong"][2] == 92
    assert strong == max(report, fit_py.ERROR_PRECISION)


def test_a_kind_that_adds_recall_at_fair_precision_is_kept():
    data = rows("name/strong", 50, 0) + rows("container/inherited", 30, 10) + [(None, True)] * 20
    report, _, kinds = fit_py.fit(data)
    assert report <= kinds["container/inherited"][0]


def test_a_rare_kind_is_pulled_toward_the_pooled_precision():
    data = rows("name/strong", 100, 0) + rows("handle/contextual", 0, 1)
    _, _, kinds = fit_py.fit(data)
    assert 0.5 < kinds["handle/contextual"][0] < 1.0


def test_a_rare_kind_is_pulled_toward_its_levels_precision():
    data = rows("name/strong", 100, 0) + rows("name/weak", 6, 4) + rows("choice/weak", 1, 2)
    _, _, kinds = fit_py.fit(data)
    assert kinds["choice/weak"][0] < 0.6


def test_few_fields_all_right_do_not_prove_an_error_level_kind():
    data = rows("name/strong", 400, 4) + rows("type/strong", 20, 0)
    _, strong, kinds = fit_py.fit(data)
    assert kinds["type/strong"][0] > strong > kinds["type/strong"][1]
    assert kinds["name/strong"][1] >= strong


def test_the_lower_bound_is_wilsons():
    assert fit_py.lower_bound(0, 0) == 0.0
    assert abs(fit_py.lower_bound(20, 20) - 0.8808) < 1e-3
    assert fit_py.lower_bound(95, 100) < 0.95 < fit_py.lower_bound(990, 1000)


def test_the_written_file_is_what_the_linter_reads(tmp_path):
    out = tmp_path / "fitted.toml"
    fit_py.write_fit(out, ["a/b"], 0.5, 0.95, {"name/strong": (0.9, 0.8, 12)})
    text = out.read_text()
    assert "[fit]" in text and 'projects = ["a/b"]' in text
    assert '"name/strong" = { precision = 0.9000, lower = 0.8000, fields = 12 }' in text
