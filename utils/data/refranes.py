"""Refranes españoles: los 4 995 de ``refranes.fortunes``, que viaja dentro de ``utils``.

El fichero es una copia sin cambios del de ``fortunes-es`` 1.36 (Debian), en
``utils/data/files/``, con su nota de procedencia y licencia (``refranes.copyright``): los textos
se presumen de dominio público y la recopilación es GPL-2+ (``GPL-2``). Viene con el proyecto,
también con ``pip install .``: no hace falta ningún paquete del sistema ni conexión.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from pathlib import Path

#: SHA-256 de ``refranes.fortunes`` (``fortunes-es`` 1.36).
REFRANES_SHA256 = "1249fd663f691cc88e0b155cb2da016fc2eedaa56a5d5a951daf0da3c4f77dec"


def load_refranes(path: str | Path | None = None) -> list[str]:
    """Los refranes, uno por elemento, en el orden del fichero (más o menos alfabético).

    El fichero separa los refranes con líneas que solo tienen ``%``; uno largo ocupa varias
    líneas: aquí queda en una sola, con un único espacio entre palabras y sin espacios al principio
    ni al final. No hay dos iguales, pero sí variantes casi iguales («Zapatero a tus zapatos.» y
    «Zapatero, a tus zapatos.»): se dejan, son variantes reales, y quien parta los refranes en
    entrenamiento y prueba debe mandar cada grupo de variantes a la misma parte.

    Args:
        path: otro fichero con el mismo formato; por defecto, el que viaja con ``utils``
            (comprobado con su SHA-256).
    """
    if path is None:
        resource = importlib.resources.files(__package__) / "files" / "refranes.fortunes"
        try:
            content = resource.read_bytes()
        except FileNotFoundError:
            raise RuntimeError(
                "Falta el fichero de refranes que viaja con utils (utils/data/files/refranes.fortunes): "
                "reinstala el proyecto con pip install -r requirements.txt desde su raíz."
            ) from None
        if hashlib.sha256(content).hexdigest() != REFRANES_SHA256:
            raise RuntimeError(f"{resource} no es el fichero esperado (su SHA-256 no coincide): "
                               "reinstala el proyecto o recupera el fichero con git.")
        text, name = content.decode("utf-8"), str(resource)
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    refranes = _fortunes(text)
    if not refranes:
        raise RuntimeError(f"{name} no tiene ningún refrán: el fichero está vacío o dañado.")
    return refranes


def _fortunes(text: str) -> list[str]:
    """Los textos de un fichero de ``fortune``, separados por líneas ``%``, cada uno en una línea."""
    pieces: list[str] = []
    lines: list[str] = []
    for line in text.splitlines() + ["%"]:
        if line.strip() == "%":
            piece = " ".join(" ".join(lines).split())
            if piece:
                pieces.append(piece)
            lines = []
        else:
            lines.append(line)
    return pieces
