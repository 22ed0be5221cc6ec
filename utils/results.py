"""Tabla de resultados compartida por los cuadernos: cada modelo entrenado deja una fila.

Los cuadernos 02 a 04 guardan aquí lo que mide cada modelo (parámetros, épocas, segundos por época
y exactitud en prueba) para poder compararlos todos al final. El fichero vive en la carpeta de datos
(``data_dir()``, normalmente ``tmp/``), fuera del control de versiones.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import torch

from .data import data_dir

#: Nombre del fichero de resultados dentro de la carpeta de datos.
RESULTS_NAME = "resultados.json"

COLUMNS = ["cuaderno", "modelo", "parámetros", "épocas", "segundos por época", "exactitud en prueba"]


def results_file() -> Path:
    """Ruta del fichero de resultados por defecto: ``resultados.json`` en la carpeta de datos."""
    return data_dir() / RESULTS_NAME


def save_result(
    notebook: str,
    name: str,
    model: torch.nn.Module,
    seconds_per_epoch: float,
    test_accuracy: float,
    *,
    epochs: int | None = None,
    path: str | Path | None = None,
) -> None:
    """Guarda (o sustituye, si ya había uno con el mismo ``name``) el resultado de un modelo.

    El número de parámetros entrenables se cuenta en ``model``. ``epochs`` (las épocas entrenadas)
    permite calcular el tiempo total, segundos por época × épocas. El fichero se escribe de forma
    atómica: si la escritura se interrumpe, queda el fichero anterior entero, nunca uno a medias.
    """
    path = Path(path) if path is not None else results_file()
    rows = _read(path)
    rows[name] = {
        "cuaderno": notebook,
        "parámetros": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "épocas": epochs,
        "segundos por época": round(float(seconds_per_epoch), 2),
        "exactitud en prueba": round(float(test_accuracy), 4),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # Se escribe en un fichero temporal de la misma carpeta y luego se sustituye el original.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(rows, file, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_results(path: str | Path | None = None) -> pd.DataFrame:
    """Todos los resultados guardados, en el orden en que se guardaron (vacía si no hay ninguno)."""
    rows = _read(Path(path) if path is not None else results_file())
    table = pd.DataFrame([{"modelo": name, **row} for name, row in rows.items()], columns=COLUMNS)
    return table.set_index("modelo")


def _read(path: Path) -> dict:
    """Las filas guardadas en ``path``; un fichero dañado da un error que dice cuál y qué hacer."""
    if not path.is_file():
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        rows = None
    if not isinstance(rows, dict):
        raise ValueError(
            f"El fichero de resultados {path} está dañado (no es una tabla JSON válida). "
            "Bórralo y vuelve a ejecutar los cuadernos: se creará de nuevo."
        )
    return rows
