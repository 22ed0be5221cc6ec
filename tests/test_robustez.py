"""Pruebas de benchmarks/robustez.py: los assert y las cifras se leen del propio cuaderno."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("robustez", ROOT / "benchmarks" / "robustez.py")
robustez = importlib.util.module_from_spec(_spec)
sys.modules["robustez"] = robustez
_spec.loader.exec_module(robustez)


def run_cell(source: str, index: int = 7) -> dict:
    """Ejecuta ``source`` anotado, como lo haría el núcleo de un cuaderno; devuelve lo anotado."""
    namespace: dict = {}
    exec(robustez.RECORDER, namespace)
    exec(robustez.instrument(source, index), namespace)
    return namespace["_robustez"]["asserts"]


def test_an_assert_records_both_sides_and_its_margin():
    asserts = run_cell("x = 3\nassert x > 1, 'x debería pasar de 1'\nassert abs(x - 3) < 0.5")
    assert asserts["celda 7: x > 1"] == {"value": 3.0, "op": ">", "threshold": 1.0, "margin": 2.0, "ok": True}
    assert asserts["celda 7: abs(x - 3) < 0.5"] == {"value": 0.0, "op": "<", "threshold": 0.5, "margin": 0.5,
                                                   "ok": True}


def test_a_failing_assert_still_fails_and_is_recorded():
    namespace: dict = {}
    exec(robustez.RECORDER, namespace)
    with pytest.raises(AssertionError, match="x debería ser menor que 2"):
        exec(robustez.instrument("x = 3\nassert x < 2, 'x debería ser menor que 2'", 4), namespace)
    assert namespace["_robustez"]["asserts"]["celda 4: x < 2"] == {
        "value": 3.0, "op": "<", "threshold": 2.0, "margin": -1.0, "ok": False}


def test_inside_a_loop_the_worst_case_is_kept_and_plain_asserts_only_pass_or_fail():
    asserts = run_cell("def check(i):\n    assert i < 5\nfor i in range(4):\n    check(i)\nflag = True\nassert flag")
    assert asserts["celda 7: i < 5"]["margin"] == 2.0  # el peor, con i = 3
    assert asserts["celda 7: flag"] == {"value": 1.0, "op": None, "threshold": None, "margin": None, "ok": True}


def test_a_plain_assert_that_fails_late_in_a_loop_is_recorded_as_failed():
    namespace: dict = {}
    exec(robustez.RECORDER, namespace)
    with pytest.raises(AssertionError):
        exec(robustez.instrument("for i in range(3):\n    assert i != 2", 5), namespace)
    assert namespace["_robustez"]["asserts"]["celda 5: i != 2"]["ok"] is False


def test_cells_without_asserts_or_with_magics_are_left_as_they_are():
    assert robustez.instrument("y = 1  # sin assert", 0) == "y = 1  # sin assert"
    assert robustez.instrument("%timeit assert 1 < 2", 0) == "%timeit assert 1 < 2"


def test_a_small_notebook_gives_its_asserts_figures_and_errors(tmp_path):
    nb = nbformat.v4.new_notebook()
    setup = nbformat.v4.new_code_cell("SEED = 0  # la cambia la prueba de robustez\nx = SEED + 3")
    setup.metadata["robustez"] = {"x al cuadrado": "x ** 2"}
    nb.cells = [
        setup,
        nbformat.v4.new_markdown_cell("Texto: x pasa de 1."),
        nbformat.v4.new_code_cell("assert x > 1, 'x debería pasar de 1'"),
        nbformat.v4.new_code_cell("assert x < 2, 'x debería ser menor que 2'"),
        nbformat.v4.new_code_cell("x = 100  # después de la cifra: no la cambia"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "99_prueba.ipynb"
    nbformat.write(nb, path)
    result = robustez.run_notebook(path, seed=1)  # con la semilla 1, x = 4
    assert result["figures"] == {"x al cuadrado": 16.0}
    assert result["asserts"]["celda 2: x > 1"] == {"value": 4.0, "op": ">", "threshold": 1.0, "margin": 3.0,
                                                   "ok": True}
    assert result["asserts"]["celda 3: x < 2"]["ok"] is False
    assert result["errors"] == ["celda 3: AssertionError: x debería ser menor que 2"]


def test_the_report_gives_the_worst_margin_and_its_spread(tmp_path, monkeypatch):
    notebook = tmp_path / "99_prueba.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("assert x > 1")]), notebook)

    def run(config: str, x: float) -> dict:
        check = {"value": x, "op": ">", "threshold": 1.0, "margin": x - 1, "ok": x > 1}
        return {"config": config, "bare_loop_s": 0.5, "notebooks": {"99": {
            "errors": [], "seconds": 50.0, "figures": {"x al cuadrado": x * x}, "asserts": {"celda 2: x > 1": check},
            "fingerprint": robustez.fingerprint(notebook)}}}

    for index, x in enumerate([4.0, 3.0, 5.0]):
        (tmp_path / f"{index}.json").write_text(json.dumps(run(f"semilla {index}", x)), encoding="utf-8")
    monkeypatch.setattr(robustez, "OUT_DIR", tmp_path)
    monkeypatch.setattr(robustez, "NOTEBOOKS", [notebook])
    table = robustez.report()
    assert "| 99 | x al cuadrado | 3 | 9 | 16 | 25 |" in table
    # peor margen 2 (x = 3); desviación típica de los márgenes 1: 2.0 desviaciones
    assert "| 99 | `celda 2: x > 1` | 3 | 3 de 3 | 3 a 5 | 1 | +2 | 2.0 |" in table
    assert "| semilla 0 | ? | ? | 0.50 s | 1 de 1 | 100 |" in table


def test_write_section_replaces_only_what_lies_between_its_marks(tmp_path):
    report = tmp_path / "informe.md"
    report.write_text("antes\n<!-- a: inicio -->\nviejo\n<!-- a: fin -->\ndespués\n", encoding="utf-8")
    robustez.write_section(report, "a", "nuevo\n")
    assert report.read_text(encoding="utf-8") == "antes\n<!-- a: inicio -->\nnuevo\n<!-- a: fin -->\ndespués\n"
    with pytest.raises(ValueError, match="no tiene las marcas"):
        robustez.write_section(report, "b", "x")


def test_the_course_map_gets_the_minutes_of_the_measured_notebooks_rounded_up():
    readme = ("texto | 9 |\n<!-- mapa: inicio -->\n| Lección | Qué | Minutos | Clases |\n"
              "| [01 · Uno](notebooks/01.ipynb) | algo | 7 | 1 |\n| [02 · Dos](notebooks/02.ipynb) | más | 7 | 2 |\n"
              "<!-- mapa: fin -->\n| 03 | 7 |\n")
    updated = robustez.update_course_map(readme, {"01": 2.1, "03": 0.2})
    assert updated == readme.replace("| algo | 7 |", "| algo | 3 |")  # el 02 no se midió; fuera del mapa, nada


def test_the_report_counts_only_what_was_measured_with_the_current_code(tmp_path, monkeypatch):
    notebook = tmp_path / "07_prueba.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1\nassert x > 0")]
    nbformat.write(nb, notebook)
    current = robustez.fingerprint(notebook)
    measured = {"errors": [], "seconds": 46.0, "bare_loop_s": 0.5, "figures": {}, "capability": "AVX2", "threads": 1,
                "asserts": {"celda 0: x > 0": {"value": 1.0, "op": ">", "threshold": 0.0, "margin": 1.0, "ok": True}}}
    results = tmp_path / "resultados"
    results.mkdir()
    for index, fingerprint in enumerate([current, current, "de-otra-version"]):
        run = {"config": f"semilla {index}", "env": {}, "bare_loop_s": 0.5,
               "notebooks": {"07": {**measured, "fingerprint": fingerprint}}}
        (results / f"{index}.json").write_text(json.dumps(run), encoding="utf-8")
    monkeypatch.setattr(robustez, "NOTEBOOKS", [notebook])
    monkeypatch.setattr(robustez, "OUT_DIR", results)
    runs, stale = robustez.current_runs()
    assert [run["config"] for run in runs] == ["semilla 0", "semilla 1"] and stale == {"07"}
    assert robustez.laptop_minutes(runs) == {"07": pytest.approx(92 * robustez.LAPTOP_EPOCH_S / 60)}
    slow = {**runs[0], "env": robustez.OLD_CPU, "notebooks": {"07": {**measured, "seconds": 460.0}}}
    assert robustez.laptop_minutes([*runs, slow]) == robustez.laptop_minutes(runs)  # la CPU antigua no cuenta
    assert robustez.laptop_minutes([slow]) == {"07": pytest.approx(920 * robustez.LAPTOP_EPOCH_S / 60)}  # salvo sola
    text = robustez.report()
    assert "| 07 | 2 | 92 | 92-92 | 0.7 |" in text and "| `celda 0: x > 0` | 2 | 2 de 2 |" in text
    nb.cells[0].source = "x = 2\nassert x > 0"  # el cuaderno cambia: lo medido deja de contar
    nbformat.write(nb, notebook)
    assert robustez.current_runs()[0] == [] and "**Pendientes de medir** con su código actual: 07" in robustez.report()
