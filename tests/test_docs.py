"""La documentación: un README breve con una fila por cuaderno, y enlaces que llevan a algún sitio."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DOCUMENTS = [ROOT / "README.md", ROOT / "notebooks" / "GUIA_DOCENTE.md", ROOT / "tests" / "README.md",
             ROOT / "utils" / "README.md", ROOT / "utils" / "data" / "README.md", ROOT / "benchmarks" / "README.md"]


def course_map() -> list[str]:
    """Las filas del mapa del curso del README que enlazan a un cuaderno, en orden."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- mapa: inicio -->", 1)[1].split("<!-- mapa: fin -->", 1)[0]
    return [row for row in table.splitlines() if re.match(r"\| \[\d\d ·", row)]


def test_the_readme_is_a_front_door_not_a_manual():
    words = len((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert words <= 1200, f"el README tiene {words} palabras: lo que no es para estudiantes va a su carpeta"


def test_the_course_map_has_one_row_per_notebook_in_order_with_minutes_and_classes():
    rows = course_map()
    linked = [re.search(r"\]\(notebooks/([^)]+)\)", row).group(1) for row in rows]
    assert linked == [path.name for path in NOTEBOOKS]
    for row in rows:
        minutes, classes = (cell.strip() for cell in row.strip("| ").split(" | ")[-2:])
        assert minutes.isdigit() and classes in {"1", "2"}, row


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(d.relative_to(ROOT)) for d in DOCUMENTS])
def test_every_relative_link_points_to_a_file_that_exists(document):
    text = document.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text) if not re.match(r"[a-z]+:", t)]
    missing = [t for t in targets if not (document.parent / t).exists()]
    assert not missing, f"{document.name} enlaza a ficheros que no existen: {missing}"
