"""Lo que comparten los módulos de datos: la carpeta de datos y la huella SHA-256 de un fichero."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

#: Variable de entorno que, si tiene valor, indica la carpeta de datos.
DATA_DIR_VARIABLE = "REDES_RECURRENTES_DATOS"

#: Raíz del proyecto cuando ``utils`` se usa desde una copia del repositorio (o instalado con ``-e``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Carpeta donde se guardan los datos descargados o copiados y la tabla de resultados.

    Por orden:

    1. la que indique la variable de entorno ``REDES_RECURRENTES_DATOS``;
    2. ``tmp/`` en la raíz del proyecto, si ``utils`` se usa desde una copia del repositorio
       (lo normal: ``pip install -e .`` o ejecutar desde la raíz);
    3. si ``utils`` está instalado como paquete (``pip install .``), una carpeta del usuario:
       ``%LOCALAPPDATA%\\redes-recurrentes`` en Windows, ``~/Library/Application Support/redes-recurrentes``
       en macOS y ``$XDG_DATA_HOME/redes-recurrentes`` (por defecto ``~/.local/share/redes-recurrentes``)
       en Linux. Nunca dentro del propio paquete instalado.
    """
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE]).expanduser()
    if (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "notebooks").is_dir():
        return PROJECT_ROOT / "tmp"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "redes-recurrentes"


def sha256(path: Path) -> str:
    """Huella SHA-256 del contenido de ``path``, en hexadecimal."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
