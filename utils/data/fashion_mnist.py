"""Fashion-MNIST: 70 000 imágenes de prendas de 28 × 28 píxeles, en memoria y comprobadas.

``load_fashion_mnist`` busca los cuatro ficheros originales, por este orden:

1. en ``root`` (por defecto, la carpeta de datos de ``data_dir()``), en ``FashionMNIST/raw/``;
2. en la carpeta que indique la variable de entorno ``FASHION_MNIST_DIR``;
3. en la del paquete de Debian ``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist``);
4. descargándolos con torchvision (necesita internet una sola vez; después se leen de ``root``).

Los ficheros se guardan descomprimidos en ``root/FashionMNIST/raw/`` y se comparan con su SHA-256
conocido: uno dañado o incompleto se avisa y se sustituye, nunca se usa.
"""

from __future__ import annotations

import gzip
import os
import shutil
import warnings
from pathlib import Path

import torchvision
from torch.utils.data import TensorDataset

from .common import data_dir, sha256

#: Nombres de las clases en español, en el orden de las etiquetas (0 a 9).
CLASS_NAMES = (
    "Camiseta/top", "Pantalón", "Jersey", "Vestido", "Abrigo",
    "Sandalia", "Camisa", "Zapatilla", "Bolso", "Botín",
)

#: Carpeta donde deja los ficheros el paquete de Debian ``dataset-fashion-mnist``.
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

#: SHA-256 de los ficheros descomprimidos (los ``.gz`` de Debian están recomprimidos y difieren).
SHA256 = {
    "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}


def load_fashion_mnist(root: str | Path | None = None) -> tuple[TensorDataset, TensorDataset]:
    """Devuelve los conjuntos de entrenamiento (60 000) y de prueba (10 000) de Fashion-MNIST.

    Cada conjunto es un ``TensorDataset`` en memoria con dos tensores:

    - imágenes ``float32`` de forma ``(N, 28, 28)`` escaladas a ``[-1, 1]`` (lo mismo que
      ``ToTensor()`` seguido de ``Normalize(0.5, 0.5)``, sin la dimensión del canal);
    - etiquetas ``int64`` de forma ``(N,)``, de 0 a 9 (sus nombres en ``CLASS_NAMES``).

    Args:
        root: carpeta de datos; por defecto la de ``data_dir()`` (``tmp/`` en la raíz del proyecto).
    """
    root = Path(root) if root is not None else data_dir()
    raw = root / "FashionMNIST" / "raw"
    missing = [name for name in SHA256 if not _is_valid(raw / name)]
    for source in _local_sources():
        missing = [name for name in missing if not _copy(source, name, raw)]
    if missing:
        _download(root)
    return _tensors(root, train=True), _tensors(root, train=False)


def _local_sources() -> list[Path]:
    """Carpetas locales donde buscar los ficheros: ``FASHION_MNIST_DIR`` y la de Debian."""
    sources = [Path(os.environ["FASHION_MNIST_DIR"])] if os.environ.get("FASHION_MNIST_DIR") else []
    return [*sources, DEBIAN_DIR]


def _is_valid(path: Path) -> bool:
    """``True`` si ``path`` existe y su SHA-256 es el esperado; si existe y no lo es, lo borra y avisa."""
    if not path.is_file():
        return False
    if sha256(path) == SHA256[path.name]:
        return True
    warnings.warn(f"{path.name} está dañado o incompleto (su SHA-256 no coincide): se descarta.", stacklevel=3)
    path.unlink()
    return False


def _copy(source: Path, name: str, raw: Path) -> bool:
    """Copia (descomprimiendo si hace falta) ``name`` desde ``source`` a ``raw``; ``True`` si queda válido."""
    for candidate, opener in ((source / name, open), (source / f"{name}.gz", gzip.open)):
        if not candidate.is_file():
            continue
        raw.mkdir(parents=True, exist_ok=True)
        partial = raw / f"{name}.part"
        try:
            with opener(candidate, "rb") as src, open(partial, "wb") as dst:
                shutil.copyfileobj(src, dst)
        except (OSError, EOFError):  # .gz truncado o ilegible
            partial.unlink(missing_ok=True)
            warnings.warn(f"No se puede leer {candidate}: se ignora.", stacklevel=3)
            continue
        partial.replace(raw / name)
        if _is_valid(raw / name):
            return True
    return False


def _download(root: Path) -> None:
    """Descarga los ficheros con torchvision; sin conexión, explica cómo conseguirlos."""
    raw = root / "FashionMNIST" / "raw"
    try:
        torchvision.datasets.FashionMNIST(root, train=True, download=True)
    except Exception as error:  # sin red, servidor caído...
        raise RuntimeError(
            "No se encuentra Fashion-MNIST en este equipo y no se ha podido descargar "
            f"({type(error).__name__}). Formas de conseguirlo:\n"
            "  1. En cualquier sistema (Windows, macOS, Linux): conectarse a internet y volver a "
            f"ejecutar. Se descargan solos una vez (unos 30 MB) en {raw} y después funcionan sin conexión.\n"
            f"  2. Copiar en {raw} los cuatro ficheros (.gz o descomprimidos) desde otro equipo que los tenga.\n"
            "  3. Dejarlos en otra carpeta y poner su ruta en la variable de entorno FASHION_MNIST_DIR.\n"
            "  4. Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
        ) from None
    bad = [name for name in SHA256 if not _is_valid(raw / name)]
    if bad:
        raise RuntimeError(f"Los ficheros descargados no son los esperados: {', '.join(bad)}.")


def _tensors(root: Path, train: bool) -> TensorDataset:
    """Lee con torchvision un conjunto ya comprobado y lo convierte a tensores en memoria."""
    dataset = torchvision.datasets.FashionMNIST(root, train=train, download=False)
    images = dataset.data.float().div(255).sub(0.5).div(0.5)  # = ToTensor() + Normalize(0.5, 0.5)
    return TensorDataset(images, dataset.targets.long())
