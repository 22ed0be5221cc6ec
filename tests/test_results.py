"""Pruebas de utils.results: la tabla de resultados que comparten los cuadernos."""

from __future__ import annotations

import torch

import utils


def test_results_round_trip_in_order_and_replace_by_name(tmp_path):
    path = tmp_path / "resultados.json"
    assert utils.load_results(path).empty
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.254, 0.59951, path=path)
    utils.save_result("03", "LSTM", torch.nn.Linear(3, 2), 1.0, 0.9, path=path)
    utils.save_result("02", "RNN 8", torch.nn.RNN(28, 8), 0.3, 0.61, path=path)  # se repite: sustituye
    table = utils.load_results(path)
    assert list(table.index) == ["RNN 8", "LSTM"]
    assert table.loc["RNN 8"].tolist() == ["02", 304, 0.3, 0.61]  # 8·28 + 8·8 + 8 + 8 = 304
    assert table.loc["LSTM", "parámetros"] == 3 * 2 + 2


def test_frozen_parameters_are_not_counted(tmp_path):
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 1))
    model[0].requires_grad_(False)
    utils.save_result("04", "congelado", model, 1.0, 0.5, path=tmp_path / "r.json")
    assert utils.load_results(tmp_path / "r.json").loc["congelado", "parámetros"] == 3
