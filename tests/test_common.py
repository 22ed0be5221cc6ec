"""Pruebas de utils.data.common: la carpeta de datos y la huella SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import utils
from utils.data import common as data


def test_data_dir_is_the_project_tmp_folder_from_a_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv(data.DATA_DIR_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)  # da igual desde dónde se ejecute
    assert utils.data_dir() == Path(__file__).resolve().parent.parent / "tmp"


def test_data_dir_variable_comes_first(monkeypatch, tmp_path):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path / "datos"))
    assert utils.data_dir() == tmp_path / "datos"


@pytest.mark.parametrize("platform, expected", [
    ("linux", "xdg/redes-recurrentes"),
    ("darwin", "home/Library/Application Support/redes-recurrentes"),
    ("win32", "local/redes-recurrentes"),
])
def test_data_dir_of_an_installed_package_is_a_user_folder(monkeypatch, tmp_path, platform, expected):
    """Con ``pip install .`` el paquete vive en site-packages: los datos nunca van ahí."""
    site_packages = tmp_path / "site-packages"
    (site_packages / "utils").mkdir(parents=True)
    monkeypatch.setattr(data, "PROJECT_ROOT", site_packages)
    monkeypatch.delenv(data.DATA_DIR_VARIABLE, raising=False)
    monkeypatch.setattr(data.sys, "platform", platform)
    monkeypatch.setattr(data.Path, "home", lambda: tmp_path / "home")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert utils.data_dir() == tmp_path / expected
    assert site_packages not in utils.data_dir().parents


def test_sha256_of_a_file(tmp_path):
    path = tmp_path / "datos.bin"
    path.write_bytes(b"refranes" * 300_000)  # más de un bloque de lectura
    assert data.sha256(path) == hashlib.sha256(b"refranes" * 300_000).hexdigest()
