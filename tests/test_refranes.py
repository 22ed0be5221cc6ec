"""Pruebas de utils.load_refranes: los refranes de fortunes-es, uno por elemento y en una línea."""

from __future__ import annotations

import pytest

import utils
from utils import data

DEBIAN_FILE = data.FORTUNES_DIR / data.REFRANES_FILE


@pytest.mark.skipif(not DEBIAN_FILE.is_file(), reason="falta fortunes-es (sudo apt-get install fortunes-es)")
def test_the_debian_refranes(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))  # sin copia local: se lee el de Debian
    refranes = utils.load_refranes()
    assert len(refranes) == 4995
    assert refranes[0] == "A año tuerto, el huerto."
    assert "A quien madruga, Dios le ayuda." in refranes
    assert len(set(refranes)) == len(refranes)
    for refran in refranes:
        assert refran == refran.strip() and "\n" not in refran and "  " not in refran, refran
    # uno de los dos que ocupan dos líneas en el fichero
    assert "La luz apagada y la boca callada, la hija de picio no se distingue de la diosa Diana." in refranes


def test_a_local_copy_comes_first_and_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "fortunes").mkdir()
    (tmp_path / "fortunes" / data.REFRANES_FILE).write_text(
        "A buen hambre, no hay pan duro. \n%\nDe tal palo,\n  tal astilla.\n%\n\n%\nÚltimo sin % final\n",
        encoding="utf-8",
    )
    assert utils.load_refranes() == ["A buen hambre, no hay pan duro.", "De tal palo, tal astilla.", "Último sin % final"]


def test_an_empty_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "fortunes").mkdir()
    (tmp_path / "fortunes" / data.REFRANES_FILE).write_text("%\n%\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="vacío o dañado"):
        utils.load_refranes()


def test_missing_file_explains_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(data, "FORTUNES_DIR", tmp_path / "no-existe")
    with pytest.raises(RuntimeError) as raised:
        utils.load_refranes()
    message = str(raised.value)
    assert "sudo apt-get install fortunes-es" in message
    assert str(tmp_path / "fortunes") in message
