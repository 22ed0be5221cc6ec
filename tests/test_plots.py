"""Pruebas de utils.plots: historial, rejilla de predicciones y estilo."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pytest
import torch

import utils
from utils.plots import RIGHT_COLOR, WRONG_COLOR

HISTORY = {
    "train_loss": [1.0, 0.5, 0.25],
    "train_metric": [0.5, 0.7, 0.8],
    "val_loss": [1.1, 0.6, 0.4],
    "val_metric": [0.45, 0.65, 0.7],
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_history_pairs_train_and_validation_on_two_axes():
    fig = utils.plot_history(HISTORY, metric_name="exactitud")
    loss_ax, metric_ax = fig.axes
    assert loss_ax.get_yscale() == "log" and metric_ax.get_yscale() == "linear"
    assert metric_ax.get_title() == "Exactitud"
    for ax, key in ((loss_ax, "loss"), (metric_ax, "metric")):
        train_line, val_line = ax.get_lines()
        assert list(train_line.get_xdata()) == [1, 2, 3]  # épocas desde 1
        assert list(train_line.get_ydata()) == HISTORY[f"train_{key}"]
        assert list(val_line.get_ydata()) == HISTORY[f"val_{key}"]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["entrenamiento", "validación"]
        assert ax.get_xlabel() == "Época"
    assert utils.plot_history(HISTORY, metric_name="MAE (°C)").axes[1].get_title() == "MAE (°C)"  # siglas intactas


def test_history_without_metric_or_validation_has_one_axis():
    fig = utils.plot_history({"train_loss": [3.0, 2.0]})
    assert len(fig.axes) == 1 and len(fig.axes[0].get_lines()) == 1


@pytest.mark.parametrize("history, error", [
    ([1.0, 0.5], TypeError), ("train_loss", TypeError), ({"train_loss": []}, ValueError),
])
def test_history_rejects_what_train_does_not_return(history, error):
    with pytest.raises(error, match="history"):
        utils.plot_history(history)


class AlwaysClass(torch.nn.Module):
    """Predice siempre la misma clase."""

    def __init__(self, label: int) -> None:
        super().__init__()
        self.logits = torch.nn.Parameter(torch.nn.functional.one_hot(torch.tensor(label), 10).float())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits.expand(len(x), 10)


def test_prediction_grid_colours_hits_green_and_misses_red(fashion):
    test_set = fashion[1]
    fig = utils.plot_predictions(AlwaysClass(9), test_set)  # 9: Botín
    assert len(fig.axes) == 25
    labels = test_set.tensors[1][:25].tolist()
    for ax, label in zip(fig.axes, labels):
        title = ax.get_title()
        assert title.splitlines() == [
            f"{'✓' if label == 9 else '✗'} real: {utils.CLASS_NAMES[label]}", "predicha: Botín"]
        expected = RIGHT_COLOR if label == 9 else WRONG_COLOR
        assert mcolors.same_color(ax.title.get_color(), expected)
    assert 0 < labels.count(9) < 25  # la prueba ve aciertos y fallos


def test_prediction_grid_size_and_model_mode(fashion):
    model = AlwaysClass(0)
    fig = utils.plot_predictions(model, fashion[1], rows=2, cols=3)
    assert len(fig.axes) == 6
    assert model.training  # el modo del modelo no cambia


def test_plot_style_is_legible_from_the_back_row():
    utils.set_plot_style()
    assert plt.rcParams["font.size"] >= 14
    assert plt.rcParams["lines.linewidth"] >= 2.5


def test_confusion_matrix_rows_are_fractions_of_each_true_class():
    targets = torch.tensor([0, 0, 0, 0, 1, 1, 2])
    predictions = torch.tensor([0, 0, 0, 1, 1, 1, 0])  # clase 0: 3/4 bien, 1/4 como 1; clase 2: toda como 0
    fig = utils.plot_confusion_matrix(targets, predictions, class_names=["a", "b", "c"])
    ax = fig.axes[0]
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert cells == {(0, 0): "0.75", (0, 1): "0.25", (1, 1): "1.00", (2, 0): "1.00"}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert ax.get_xlabel() == "Clase predicha" and ax.get_ylabel() == "Clase real"
