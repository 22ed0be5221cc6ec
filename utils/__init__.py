"""Utilidades compartidas por los cuadernos del curso «Redes recurrentes».

Datos (``utils.data``), entrenamiento (``utils.training``) y gráficas (``utils.plots``).
"""

from .data import CLASS_NAMES, load_fashion_mnist
from .plots import plot_history, plot_predictions, set_plot_style
from .training import evaluate, get_device, predict, set_seed, train

__all__ = [
    "CLASS_NAMES",
    "evaluate",
    "get_device",
    "load_fashion_mnist",
    "plot_history",
    "plot_predictions",
    "predict",
    "set_plot_style",
    "set_seed",
    "train",
]
