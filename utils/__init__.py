"""Utilidades compartidas por los cuadernos del curso «Redes recurrentes».

Datos (``utils.data``), entrenamiento (``utils.training``), gráficas (``utils.plots``), tabla
de resultados de los modelos (``utils.results``) y comprobación de ejercicios (``utils.exercises``).
"""

from .data import CLASS_NAMES, data_dir, load_fashion_mnist, load_refranes, load_weather, load_words
from .exercises import check_exercise
from .plots import plot_confusion_matrix, plot_history, plot_predictions, set_plot_style
from .results import load_results, save_result
from .training import evaluate, get_device, predict, set_seed, train

__all__ = [
    "CLASS_NAMES",
    "check_exercise",
    "data_dir",
    "evaluate",
    "get_device",
    "load_fashion_mnist",
    "load_refranes",
    "load_weather",
    "load_words",
    "load_results",
    "plot_confusion_matrix",
    "plot_history",
    "plot_predictions",
    "predict",
    "save_result",
    "set_plot_style",
    "set_seed",
    "train",
]
