"""La edición para estudiantes: el comando de la guía docente quita las soluciones y deja cuadernos que funcionan."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def guide_command() -> list[str]:
    """El comando que documenta la guía docente, tal cual."""
    guide = (ROOT / "notebooks" / "GUIA_DOCENTE.md").read_text(encoding="utf-8")
    line = next(line.strip() for line in guide.splitlines()
                if line.strip().startswith("jupyter nbconvert") and "remove_cell_tags" in line)
    return shlex.split(line)


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("alumnos")
    command = guide_command()
    assert command[command.index("--output-dir") + 1] == "../curso-alumnos/notebooks"
    command[command.index("--output-dir") + 1] = str(output)
    subprocess.run([sys.executable, "-m", *command], cwd=ROOT, check=True, capture_output=True)
    return output


def solution_cells(path: Path) -> list[dict]:
    return [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if "solution" in c["metadata"].get("tags", [])]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_notebook_has_its_solutions_in_tagged_cells(notebook):
    solutions = solution_cells(notebook)
    assert len(solutions) == 1 and "<summary>Soluciones</summary>" in "".join(solutions[0]["source"])
    others = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c not in solutions]
    assert not any("Soluciones" in "".join(c["source"]) for c in others)  # ninguna solución fuera de su celda


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_student_edition_has_no_trace_of_the_solutions(edition, notebook):
    student = edition / notebook.name
    nb = nbformat.read(student, as_version=4)
    nbformat.validate(nb)  # un cuaderno válido, que JupyterLab abre
    original = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    assert len(nb.cells) == len(original) - 1
    text = student.read_text(encoding="utf-8")  # todo: celdas, salidas y metadatos
    assert "<details>" not in text and "Soluciones" not in text and '"solution"' not in text
    solution = "".join(solution_cells(notebook)[0]["source"])
    # ninguna frase larga de las soluciones aparece en la edición, ni siquiera en los metadatos
    for sentence in re.split(r"(?<=[.:;])\s", solution):
        sentence = " ".join(sentence.split())
        if len(sentence) > 60:
            assert sentence not in " ".join(text.replace("\\n", " ").split())
    # el resto del cuaderno, igual: mismas celdas, en el mismo orden, con sus salidas
    kept = [c for c in original if "solution" not in c["metadata"].get("tags", [])]
    assert ["".join(c["source"]) for c in kept] == [c.source for c in nb.cells]
    assert [len(c.get("outputs", [])) for c in kept] == [len(c.get("outputs", [])) for c in nb.cells]


def test_student_edition_of_01_runs_from_top_to_bottom(edition):
    nb = nbformat.read(edition / "01_rnn_serie_numerica.ipynb", as_version=4)
    ExecutePreprocessor(timeout=900, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(edition)}})
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    check = next(c for c in nb.cells if "check_exercise" in c.source)
    assert "escribe tu respuesta en lugar de None" in check.outputs[0]["text"]
