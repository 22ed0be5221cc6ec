"""Ortografía del texto de los cuadernos, con el diccionario español de hunspell.

Se revisan las celdas de texto (markdown) y los comentarios no cuentan. Se dejan fuera el código
entre comillas invertidas, las fórmulas LaTeX, las direcciones web y las etiquetas HTML. Los términos
técnicos que el diccionario no conoce están en ``tests/spelling_words.txt``, uno por línea.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WORDS = ROOT / "tests" / "spelling_words.txt"
DICTIONARY = "es_ES"

IGNORED = [
    r"```.*?```",  # bloques de código
    r"`[^`]*`",  # código en línea
    r"\$\$.*?\$\$",  # fórmulas en bloque
    r"\$[^$]*\$",  # fórmulas en línea
    r"\]\([^)]*\)",  # destino de los enlaces markdown
    r"https?://\S+",  # direcciones web
    r"<[^>]+>",  # etiquetas HTML
]


def hunspell_ready() -> bool:
    if shutil.which("hunspell") is None:
        return False
    listing = subprocess.run(["hunspell", "-D"], capture_output=True, text=True, input="").stderr
    return any(line.rstrip().endswith(DICTIONARY) for line in listing.splitlines())


def prose(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for pattern in IGNORED:
        text = re.sub(pattern, " ", text, flags=re.DOTALL)
    return text


def unknown_words(text: str) -> list[str]:
    """Palabras que hunspell no reconoce y que no están en la lista del proyecto."""
    allowed = set(WORDS.read_text(encoding="utf-8").split())
    found = subprocess.run(["hunspell", "-d", DICTIONARY, "-l"], input=text, capture_output=True,
                           text=True, check=True).stdout.split()
    return sorted({word for word in found if word not in allowed})


@pytest.mark.skipif(not hunspell_ready(),
                    reason=f"falta hunspell con el diccionario {DICTIONARY} (sudo apt-get install hunspell hunspell-es)")
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_prose_is_correct_spanish(notebook):
    assert unknown_words(prose(notebook)) == []


@pytest.mark.skipif(not hunspell_ready(), reason=f"falta hunspell con el diccionario {DICTIONARY}")
def test_the_checker_catches_misspellings():
    assert unknown_words("La exactitud de la época es buena.") == []
    assert unknown_words("La exactitud de la epoca es buena.") == ["epoca"]
