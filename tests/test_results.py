"""Pruebas de utils.results: la tabla de resultados que comparten los cuadernos."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import torch

import utils
from utils import results


def test_results_round_trip_in_order_and_replace_by_name(tmp_path):
    path = tmp_path / "resultados.json"
    assert utils.load_results(path).empty
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.254, 0.59951, path=path)
    utils.save_result("03", "LSTM", torch.nn.Linear(3, 2), 1.0, 0.9, path=path)
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.3, 0.61, epochs=25, path=path)  # sustituye
    table = utils.load_results(path)
    assert list(table.index) == ["RNN 8", "LSTM"]
    assert table.loc["RNN 8"].tolist() == ["02", 304, 25, 0.3, 0.61]  # 8·28 + 8·8 + 8 + 8 = 304
    assert pd.isna(table.loc["LSTM", "épocas"])  # sin épocas: celda vacía, no un cero inventado
    assert table.loc["LSTM", "parámetros"] == 3 * 2 + 2


def test_frozen_parameters_are_not_counted(tmp_path):
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
    model[0].requires_grad_(False)
    utils.save_result("04", "congelado", model, 1.0, 0.5, path=tmp_path / "r.json")
    assert utils.load_results(tmp_path / "r.json").loc["congelado", "parámetros"] == 3


def test_interrupted_write_leaves_the_previous_table_intact(tmp_path, monkeypatch):
    path = tmp_path / "resultados.json"
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.3, 0.6, path=path)

    def half_then_interrupt(*args, **kwargs):  # se corta a mitad de escribir, escriba como escriba
        file = args[1] if len(args) > 1 and hasattr(args[1], "write") else None
        if file is None:
            with open(args[0], "w", encoding="utf-8") as file:
                file.write('{"RNN 8": {"cuad')
        else:
            file.write('{"RNN 8": {"cuad')
        raise KeyboardInterrupt

    monkeypatch.setattr(results.json, "dump", half_then_interrupt)
    monkeypatch.setattr(Path, "write_text", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        utils.save_result("03", "LSTM", torch.nn.Linear(3, 2), 1.0, 0.9, path=path)
    monkeypatch.undo()
    assert list(utils.load_results(path).index) == ["RNN 8"]
    assert [p.name for p in tmp_path.iterdir()] == ["resultados.json"]  # ningún temporal olvidado


def test_corrupt_file_gives_a_clear_message_naming_it(tmp_path):
    path = tmp_path / "resultados.json"
    path.write_text('{"RNN 8": {"cuad', encoding="utf-8")
    with pytest.raises(ValueError, match="resultados.json está dañado.*Bórralo"):
        utils.load_results(path)
    path.write_text(json.dumps([1, 2]), encoding="utf-8")  # JSON válido pero no es una tabla
    with pytest.raises(ValueError, match="dañado"):
        utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.3, 0.6, path=path)


def test_default_file_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("REDES_RECURRENTES_DATOS", str(tmp_path))
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.3, 0.6)
    assert (tmp_path / "resultados.json").is_file()
    assert list(utils.load_results().index) == ["RNN 8"]
