"""Gráficas del curso: estilo para proyector, historial, rejilla de predicciones y matriz de confusión.

Cada función devuelve su ``Figure`` de matplotlib; en un cuaderno se muestra con ``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torch.utils.data import Dataset
from torchmetrics.functional.classification import multiclass_confusion_matrix

from .data import CLASS_NAMES

RIGHT_COLOR = "tab:green"
WRONG_COLOR = "tab:red"


def set_plot_style() -> None:
    """Estilo legible en un proyector: letra grande, líneas gruesas, rejilla suave."""
    plt.rcParams.update({
        "figure.figsize": (11, 5),
        "figure.dpi": 80,
        "font.size": 14,
        "axes.titlesize": 16,
        "axes.labelsize": 15,
        "xtick.labelsize": 13,
        "ytick.labelsize": 13,
        "legend.fontsize": 13,
        "lines.linewidth": 2.5,
        "lines.markersize": 7,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })


def plot_history(history: dict[str, Sequence[float]], metric_name: str = "métrica") -> Figure:
    """Dibuja el historial que devuelve ``train``: pérdida (escala logarítmica) y métrica.

    Entrenamiento y validación van en la misma gráfica (línea continua y discontinua) y las
    épocas se numeran desde 1. Si el historial no tiene métrica, solo se dibuja la pérdida.
    """
    if not isinstance(history, dict):
        raise TypeError(f"history debe ser el diccionario que devuelve train, no {type(history).__name__}.")
    if not history.get("train_loss"):
        raise ValueError("history no tiene ninguna época en 'train_loss'.")
    panels = [("loss", "Pérdida (escala log.)")]
    if "train_metric" in history:
        panels.append(("metric", metric_name[:1].upper() + metric_name[1:]))
    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.5), squeeze=False)
    for ax, (key, title) in zip(axes[0], panels):
        for prefix, label, style in (("train", "entrenamiento", "-"), ("val", "validación", "--")):
            values = history.get(f"{prefix}_{key}")
            if values:
                epochs = range(1, len(values) + 1)
                ax.plot(epochs, values, style, marker="o" if len(values) <= 30 else None, label=label)
        if key == "loss":
            ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel("Época")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend()
    fig.tight_layout()
    return fig


def plot_predictions(
    model: torch.nn.Module,
    dataset: Dataset,
    class_names: Sequence[str] = CLASS_NAMES,
    rows: int = 5,
    cols: int = 5,
) -> Figure:
    """Rejilla con las ``rows * cols`` primeras imágenes de ``dataset`` y lo que predice ``model``.

    Cada imagen lleva de título la clase real y la predicha; en verde (✓) si acierta y en
    rojo (✗) si falla. El modelo se usa en modo evaluación y en su propio dispositivo.
    """
    samples = [dataset[i] for i in range(rows * cols)]
    images = torch.stack([torch.as_tensor(image) for image, _ in samples])
    labels = [int(label) for _, label in samples]
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    with torch.no_grad():
        predicted = model(images.to(device)).argmax(dim=1).tolist()
    model.train(was_training)

    fig, axes = plt.subplots(rows, cols, figsize=(2.6 * cols, 2.9 * rows), squeeze=False)
    for ax, image, label, guess in zip(axes.flat, images, labels, predicted):
        right = label == guess
        color = RIGHT_COLOR if right else WRONG_COLOR
        ax.imshow(image.squeeze().cpu().numpy(), cmap="gray")
        ax.set_title(
            f"{'✓' if right else '✗'} real: {class_names[label]}\npredicha: {class_names[guess]}",
            color=color, fontsize=12,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color(color)
            spine.set_linewidth(4)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(
    targets: torch.Tensor, predictions: torch.Tensor, class_names: Sequence[str] = CLASS_NAMES
) -> Figure:
    """Matriz de confusión normalizada por filas.

    La casilla (fila ``i``, columna ``j``) es la fracción de los ejemplos de la clase real ``i``
    que el modelo asigna a la clase ``j``: la diagonal es la exactitud de cada clase.

    Args:
        targets: clases reales, enteros de forma ``(N,)``.
        predictions: clases predichas, enteros de forma ``(N,)``.
    """
    n_classes = len(class_names)
    matrix = multiclass_confusion_matrix(predictions, targets, n_classes, normalize="true").numpy()
    fig, ax = plt.subplots(figsize=(9.5, 8.5))
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    for row in range(n_classes):
        for col in range(n_classes):
            text = f"{matrix[row, col]:.2f}"
            if text != "0.00":  # las casillas a cero se dejan en blanco
                ax.text(col, row, text, ha="center", va="center", fontsize=11,
                        color="white" if matrix[row, col] > 0.5 else "black")
    ax.set_xticks(range(n_classes), class_names, rotation=45, ha="right")
    ax.set_yticks(range(n_classes), class_names)
    ax.set_xlabel("Clase predicha")
    ax.set_ylabel("Clase real")
    ax.grid(False)
    fig.tight_layout()
    return fig
