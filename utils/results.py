"""Tabla de resultados compartida por los cuadernos: cada modelo entrenado deja una fila.

Los cuadernos 02 a 04 guardan aquí lo que mide cada modelo (parámetros, segundos por época y
exactitud en prueba) para poder compararlos todos al final. El fichero vive en la carpeta de datos
(``tmp/``), fuera del control de versiones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import torch

from .data import DEFAULT_ROOT

#: Fichero de resultados por defecto.
RESULTS_FILE = DEFAULT_ROOT / "resultados.json"

COLUMNS = ["cuaderno", "modelo", "parámetros", "segundos por época", "exactitud en prueba"]


def save_result(
    notebook: str,
    name: str,
    model: torch.nn.Module,
    seconds_per_epoch: float,
    test_accuracy: float,
    *,
    path: str | Path | None = None,
) -> None:
    """Guarda (o sustituye, si ya había uno con el mismo ``name``) el resultado de un modelo.

    El número de parámetros entrenables se cuenta en ``model``.
    """
    path = Path(path) if path is not None else RESULTS_FILE
    rows = _read(path)
    rows[name] = {
        "cuaderno": notebook,
        "parámetros": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "segundos por época": round(float(seconds_per_epoch), 2),
        "exactitud en prueba": round(float(test_accuracy), 4),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def load_results(path: str | Path | None = None) -> pd.DataFrame:
    """Todos los resultados guardados, en el orden en que se guardaron (vacía si no hay ninguno)."""
    rows = _read(Path(path) if path is not None else RESULTS_FILE)
    table = pd.DataFrame([{"modelo": name, **row} for name, row in rows.items()], columns=COLUMNS)
    return table.set_index("modelo")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
