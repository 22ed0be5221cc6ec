"""Pruebas de utils.load_refranes: los refranes que viajan con utils, uno por elemento y en una línea."""

from __future__ import annotations

import importlib.resources
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import utils
from utils.data import refranes as data

FILES = importlib.resources.files("utils.data") / "files"


def test_the_packaged_refranes():
    refranes = utils.load_refranes()
    assert len(refranes) == 4995
    assert refranes[0] == "A año tuerto, el huerto."
    assert "A quien madruga, Dios le ayuda." in refranes
    assert len(set(refranes)) == len(refranes)  # ningún duplicado exacto
    for refran in refranes:
        assert refran == refran.strip() and "\n" not in refran and "  " not in refran, refran
    # uno de los dos que ocupan dos líneas en el fichero
    assert "La luz apagada y la boca callada, la hija de picio no se distingue de la diosa Diana." in refranes
    # las variantes casi iguales se conservan: agruparlas es cosa de la partición
    assert {"Zapatero a tus zapatos.", "Zapatero, a tus zapatos."} <= set(refranes)


def test_provenance_and_licence_travel_with_the_file():
    copyright_note = (FILES / "refranes.copyright").read_text(encoding="utf-8")
    assert "presumed to be in the public domain" in copyright_note and "GPL-2+" in copyright_note
    assert "GNU GENERAL PUBLIC LICENSE" in (FILES / "GPL-2").read_text(encoding="utf-8")


def test_an_altered_packaged_file_is_never_used(monkeypatch, tmp_path):
    package = tmp_path / "utils_copia"
    (package / "files").mkdir(parents=True)
    (package / "files" / "refranes.fortunes").write_text("A buen hambre, no hay pan duro.\n", encoding="utf-8")
    monkeypatch.setattr(data.importlib.resources, "files", lambda name: package)
    with pytest.raises(RuntimeError, match="SHA-256"):
        utils.load_refranes()
    (package / "files" / "refranes.fortunes").unlink()
    with pytest.raises(RuntimeError, match="reinstala el proyecto"):
        utils.load_refranes()


def test_another_file_is_parsed(tmp_path):
    path = tmp_path / "mios.fortunes"
    path.write_text("A buen hambre, no hay pan duro. \n%\nDe tal palo,\n  tal astilla.\n%\n\n%\nÚltimo sin % final\n",
                    encoding="utf-8")
    assert utils.load_refranes(path) == ["A buen hambre, no hay pan duro.", "De tal palo, tal astilla.",
                                         "Último sin % final"]


def test_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "vacio.fortunes"
    path.write_text("%\n%\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="vacío o dañado"):
        utils.load_refranes(path)


def test_a_non_editable_install_carries_the_data(tmp_path):
    """``pip install .`` (no editable) también lleva los refranes y su licencia: se mira dentro de la rueda."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--wheel-dir", str(tmp_path), str(root)], check=True, cwd=tmp_path)
    wheel, = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("refranes.fortunes", "refranes.copyright", "GPL-2"):
        assert f"utils/data/files/{name}" in names, name
    assert {"utils/data/refranes.py", "utils/data/words.py", "utils/__init__.py"} <= names
