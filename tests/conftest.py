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
