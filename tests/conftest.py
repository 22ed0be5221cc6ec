"""Datos compartidos por las pruebas: unas pocas filas del Fashion-MNIST real."""

from __future__ import annotations

import matplotlib
import pytest
import torch

import utils

matplotlib.use("Agg")  # sin pantalla


@pytest.fixture(scope="session")
def fashion() -> tuple[torch.utils.data.TensorDataset, torch.utils.data.TensorDataset]:
    """Los conjuntos de entrenamiento y prueba completos, cargados una vez por sesión."""
    return utils.load_fashion_mnist()


@pytest.fixture
def small_fashion(fashion) -> torch.utils.data.TensorDataset:
    """Las 300 primeras imágenes reales de entrenamiento."""
    images, labels = fashion[0].tensors
    return torch.utils.data.TensorDataset(images[:300], labels[:300])


#: Segundos que nbval espera cada mensaje de salida de una celda después de que la celda termine.
#: nbval 0.11 fija 5 s en cada celda (issues #136 y #231 de nbval, sin opción para cambiarlo); en un
#: equipo lento o cargado, el último mensaje de una celda larga puede tardar más.
NBVAL_OUTPUT_TIMEOUT = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Da a cada celda de cuaderno más margen para entregar sus salidas.

    No basta por sí solo: si una celda manda miles de mensajes (una barra de progreso que se
    actualiza sin parar), ZeroMQ descarta los que pasan de su límite de 1000 en cola, entre ellos
    el que dice que la celda ha terminado, y nbval espera en vano. Por eso ``utils.train``
    actualiza su barra como mucho una vez por segundo (``utils.training.PROGRESS_INTERVAL``).
    """
    for item in items:
        if hasattr(item, "output_timeout"):
            item.output_timeout = NBVAL_OUTPUT_TIMEOUT
