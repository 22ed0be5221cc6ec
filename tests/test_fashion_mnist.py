"""Pruebas de utils.data.fashion_mnist: de dónde sale Fashion-MNIST, cómo se comprueba y qué devuelve."""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path

import pytest
import torch
import torchvision

import utils
from utils.data import common, fashion_mnist as data

pytestmark = pytest.mark.skipif(
    not data.DEBIAN_DIR.is_dir(),
    reason="falta el paquete de Debian dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist)",
)

NAMES = list(data.SHA256)
DEBIAN = data.DEBIAN_DIR  # antes de que no_sources la sustituya


@pytest.fixture
def no_sources(monkeypatch, tmp_path):
    """Sin ninguna copia local ni red: ni FASHION_MNIST_DIR, ni Debian, ni servidor de descarga."""
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    monkeypatch.setattr(data, "DEBIAN_DIR", tmp_path / "no-existe")
    monkeypatch.setattr(torchvision.datasets.FashionMNIST, "mirrors", ["http://127.0.0.1:9/"])


def raw(root: Path) -> Path:
    return root / "FashionMNIST" / "raw"


def test_loads_real_sets_as_scaled_tensors(fashion):
    train_set, test_set = fashion
    images, labels = train_set.tensors
    assert images.shape == (60_000, 28, 28) and images.dtype == torch.float32
    assert labels.shape == (60_000,) and labels.dtype == torch.int64
    assert test_set.tensors[0].shape == (10_000, 28, 28)
    assert images.min() == -1 and images.max() == 1
    assert torch.bincount(labels).tolist() == [6_000] * 10  # 6 000 por clase
    assert torch.bincount(test_set.tensors[1]).tolist() == [1_000] * 10


def test_matches_torchvision_totensor_and_normalize(fashion):
    transform = torchvision.transforms.Compose([
        torchvision.transforms.ToTensor(), torchvision.transforms.Normalize((0.5,), (0.5,)),
    ])
    reference = torchvision.datasets.FashionMNIST(utils.data_dir(), train=False, transform=transform)
    for i in (0, 1, 9_999):
        image, label = reference[i]
        assert torch.equal(fashion[1][i][0], image.squeeze(0))
        assert fashion[1][i][1].item() == label


def test_class_names_in_spanish_in_label_order():
    assert utils.CLASS_NAMES == ("Camiseta/top", "Pantalón", "Jersey", "Vestido", "Abrigo",
                                 "Sandalia", "Camisa", "Zapatilla", "Bolso", "Botín")


def test_copies_and_checks_the_debian_files(tmp_path, monkeypatch):
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    train_set, test_set = utils.load_fashion_mnist(tmp_path)
    assert sorted(p.name for p in raw(tmp_path).iterdir()) == sorted(NAMES)
    assert (len(train_set), len(test_set)) == (60_000, 10_000)


def test_uses_fashion_mnist_dir_with_plain_or_gz_files(tmp_path, monkeypatch, no_sources):
    source = tmp_path / "mis-datos"
    source.mkdir()
    for name in NAMES[:2]:  # dos sin comprimir y dos comprimidos
        with gzip.open(DEBIAN / f"{name}.gz") as src, open(source / name, "wb") as dst:
            shutil.copyfileobj(src, dst)
    for name in NAMES[2:]:
        shutil.copy(DEBIAN / f"{name}.gz", source)
    monkeypatch.setenv("FASHION_MNIST_DIR", str(source))
    train_set, _ = utils.load_fashion_mnist(tmp_path / "root")
    assert len(train_set) == 60_000


def test_files_already_under_root_are_used_first(tmp_path, monkeypatch, no_sources):
    shutil.copytree(raw(utils.data_dir()), raw(tmp_path))  # ninguna otra fuente existe
    train_set, _ = utils.load_fashion_mnist(tmp_path)
    assert len(train_set) == 60_000


def test_corrupt_file_is_reported_and_replaced(tmp_path, monkeypatch):
    monkeypatch.delenv("FASHION_MNIST_DIR", raising=False)
    raw(tmp_path).mkdir(parents=True)
    truncated = raw(tmp_path) / "train-labels-idx1-ubyte"
    with gzip.open(DEBIAN / "train-labels-idx1-ubyte.gz") as src:
        truncated.write_bytes(src.read()[:-100])
    with pytest.warns(UserWarning, match="train-labels-idx1-ubyte está dañado"):
        train_set, _ = utils.load_fashion_mnist(tmp_path)
    assert common.sha256(truncated) == data.SHA256["train-labels-idx1-ubyte"]
    assert len(train_set.tensors[1]) == 60_000


def test_corrupt_source_is_never_used(tmp_path, monkeypatch, no_sources):
    source = tmp_path / "fuente"
    source.mkdir()
    for name in NAMES:
        shutil.copy(DEBIAN / f"{name}.gz", source)
    (source / "t10k-labels-idx1-ubyte.gz").write_bytes(b"esto no es un gzip")
    monkeypatch.setenv("FASHION_MNIST_DIR", str(source))
    with pytest.warns(UserWarning), pytest.raises(RuntimeError, match="no se ha podido descargar"):
        utils.load_fashion_mnist(tmp_path / "root")
    assert not (raw(tmp_path / "root") / "t10k-labels-idx1-ubyte").exists()


def test_offline_without_copies_explains_how_to_get_the_data(tmp_path, no_sources):
    start = time.perf_counter()
    with pytest.raises(RuntimeError) as raised:
        utils.load_fashion_mnist(tmp_path)
    assert time.perf_counter() - start < 10
    message = str(raised.value)
    for hint in ("Windows, macOS", "internet", "apt-get install dataset-fashion-mnist", "FASHION_MNIST_DIR",
                 str(raw(tmp_path))):
        assert hint in message
