"""Los cuadernos se convierten sin conexión en diapositivas (reveal.js) y en HTML para la web del curso."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IDS = [n.stem for n in NOTEBOOKS]


def convert(notebook: Path, target: str, output_dir: Path) -> str:
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", target, str(notebook),
                    "--output-dir", str(output_dir)], check=True, capture_output=True)
    return next(output_dir.glob(f"{notebook.stem}*.html")).read_text(encoding="utf-8")


def title(notebook: Path) -> str:
    first = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    return first.splitlines()[0].removeprefix("# ").strip()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_slides_follow_the_slide_metadata(notebook, tmp_path):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    kinds = Counter(c["metadata"].get("slideshow", {}).get("slide_type", "-") for c in cells)
    assert cells[0]["metadata"]["slideshow"]["slide_type"] == "slide"  # diapositiva de título
    html = convert(notebook, "slides", tmp_path)
    # cada diapositiva es una <section> que contiene una <section> por subdiapositiva (la primera incluida)
    assert len(re.findall(r"<section[^>]*>\s*<section", html)) == kinds["slide"]
    assert html.count("<section") == 2 * kinds["slide"] + kinds["subslide"]
    assert title(notebook) in html


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_html_for_the_course_page(notebook, tmp_path):
    html = convert(notebook, "html", tmp_path)
    assert title(notebook) in html
    assert "data:image/png;base64" in html  # las gráficas van dentro del propio fichero


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_each_section_starts_a_slide(notebook):
    """Un apartado «## ...» solo empieza diapositiva en RISE si su celda es de tipo «slide»,
    y una celda de texto que empieza con una línea en blanco deja un hueco arriba."""
    for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        source = "".join(cell["source"])
        kind = cell["metadata"].get("slideshow", {}).get("slide_type", "-")
        if cell["cell_type"] == "markdown" and re.search(r"^## ", source, re.M):
            assert kind == "slide", f"celda {index}: un apartado «##» en una celda de tipo {kind!r}"
        assert not source.startswith("\n"), f"celda {index}: empieza con una línea en blanco"
