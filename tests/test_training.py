"""Pruebas de utils.training: train, evaluate, predict y sus ayudantes."""

from __future__ import annotations

import math

import pytest
import torch
import torchmetrics
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset

import utils
from utils.training import _batches, _split


class Recorder(torch.nn.Module):
    """Modelo lineal que anota qué filas (su primera columna) ve en cada modo."""

    def __init__(self, n_features: int = 1, n_outputs: int = 1) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(n_features, n_outputs)
        self.seen = {True: [], False: []}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen[self.training].append(x[:, 0].long().tolist())
        return self.linear(x)


class Identity(torch.nn.Module):
    """Devuelve su entrada tal cual (con un parámetro para que el optimizador tenga algo)."""

    def __init__(self) -> None:
        super().__init__()
        self.unused = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + 0 * self.unused


class ListDataset(Dataset):
    """Un Dataset que no es de tensores: una lista de pares (x, y)."""

    def __init__(self, n_rows: int) -> None:
        self.rows = [(torch.tensor([float(i)]), torch.tensor([float(i)])) for i in range(n_rows)]

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int):
        return self.rows[index]


def numbered(n_rows: int) -> TensorDataset:
    """Filas numeradas 0..n-1: x = [i], y = [i]."""
    x = torch.arange(n_rows, dtype=torch.float32).reshape(-1, 1)
    return TensorDataset(x, x.clone())


def flat(batches: list[list[int]]) -> list[int]:
    return [i for batch in batches for i in batch]


def sgd(model: torch.nn.Module, lr: float = 0.0) -> torch.optim.Optimizer:
    return torch.optim.SGD(model.parameters(), lr=lr)


# --- partición de validación ------------------------------------------------------------------

@pytest.mark.parametrize("dataset", [numbered(20), ListDataset(20)], ids=["tensores", "lista"])
def test_validation_split_holds_out_the_last_rows_in_order(dataset):
    model = Recorder()
    loader = DataLoader(dataset, batch_size=4, shuffle=True)
    utils.train(model, loader, 2, torch.nn.MSELoss(), sgd(model), validation_split=0.25, verbose=False)
    trained, validated = model.seen[True], model.seen[False]
    assert sorted(flat(trained[:4])) == list(range(15))  # época 1: las 15 primeras, cada una una vez
    assert sorted(flat(trained[4:])) == list(range(15))  # época 2: las mismas
    assert flat(validated) == [15, 16, 17, 18, 19] * 2  # las 5 últimas, en orden, en cada época
    assert flat(trained[:4]) != list(range(15))  # y el entrenamiento sí se baraja


def test_validation_split_rounds_like_keras():
    model = Recorder()
    loader = DataLoader(numbered(10), batch_size=100)
    utils.train(model, loader, 1, torch.nn.MSELoss(), sgd(model), validation_split=0.15, verbose=False)
    # Keras: floor(10 * (1 - 0.15)) = 8 filas de entrenamiento y 2 de validación
    assert model.seen[True] == [list(range(8))]
    assert model.seen[False] == [[8, 9]]


def test_split_keeps_the_loader_settings():
    def collate(batch):
        return torch.utils.data.default_collate(batch)

    generator = torch.Generator().manual_seed(5)
    loader = DataLoader(numbered(100), batch_size=7, shuffle=True, drop_last=True, collate_fn=collate,
                        generator=generator, num_workers=0, pin_memory=False, timeout=3)
    train_part, val_part = _split(loader, 0.2)
    for part in (train_part, val_part):
        assert part.batch_size == 7
        assert part.collate_fn is collate
        assert part.generator is generator
        assert part.timeout == 3
    assert isinstance(train_part.sampler, torch.utils.data.RandomSampler)
    assert train_part.drop_last is True
    assert isinstance(val_part.sampler, torch.utils.data.SequentialSampler)  # validación sin barajar
    assert val_part.drop_last is False  # y con todas sus filas
    assert (len(train_part.dataset), len(val_part.dataset)) == (80, 20)


def test_no_split_trains_on_every_row():
    model = Recorder()
    history = utils.train(model, DataLoader(numbered(9), batch_size=4), 1, torch.nn.MSELoss(), sgd(model),
                          verbose=False)
    assert model.seen[True] == [[0, 1, 2, 3], [4, 5, 6, 7], [8]]
    assert model.seen[False] == []
    assert set(history) == {"train_loss"}


def test_validation_data_is_evaluated_after_each_epoch():
    model = Recorder()
    val_loader = DataLoader(numbered(30), batch_size=8)
    criterion = torch.nn.MSELoss()
    history = utils.train(model, DataLoader(numbered(9), batch_size=4), 2, criterion, sgd(model, lr=1e-3),
                          validation_data=val_loader, verbose=False)
    assert flat(model.seen[True]) == list(range(9)) * 2  # se entrena con todas las filas
    assert flat(model.seen[False]) == list(range(30)) * 2  # y se valida con las del otro conjunto
    assert len(history["val_loss"]) == 2
    assert history["val_loss"][-1] == pytest.approx(utils.evaluate(model, val_loader, criterion)["loss"])


def test_validation_split_and_validation_data_are_exclusive():
    model = Recorder()
    with pytest.raises(ValueError, match="no los dos a la vez"):
        utils.train(model, DataLoader(numbered(9)), 1, torch.nn.MSELoss(), sgd(model), validation_split=0.2,
                    validation_data=DataLoader(numbered(3)), verbose=False)


# --- pérdida y métricas -----------------------------------------------------------------------

def test_loss_is_averaged_per_sample_with_a_ragged_last_batch():
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    x = torch.arange(10, dtype=torch.float32).reshape(-1, 1)
    y = 2 * x + 1
    with torch.no_grad():
        expected = ((model(x) - y) ** 2).mean().item()  # media sobre las 10 filas
        batch_means = [((model(x[i:i + 4]) - y[i:i + 4]) ** 2).mean().item() for i in (0, 4, 8)]
    loader = DataLoader(TensorDataset(x, y), batch_size=4)  # lotes de 4, 4 y 2
    history = utils.train(model, loader, 1, torch.nn.MSELoss(), sgd(model, lr=0.0), verbose=False)
    assert history["train_loss"] == [pytest.approx(expected, rel=1e-6)]
    assert utils.evaluate(model, loader, torch.nn.MSELoss())["loss"] == pytest.approx(expected, rel=1e-6)
    assert expected != pytest.approx(sum(batch_means) / 3, rel=1e-3)  # la media de medias sería otra


def one_hot_logits(labels: list[int], predictions: list[int]) -> TensorDataset:
    logits = torch.nn.functional.one_hot(torch.tensor(predictions), 3).float()
    return TensorDataset(logits, torch.tensor(labels))


def test_metric_values_with_separate_train_and_validation_state():
    # 6 filas de entrenamiento (5 aciertos) y 4 de validación (1 acierto); exactitud por clase
    labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    guesses = [0, 1, 2, 0, 1, 0, 1, 1, 0, 2]
    model = Identity()
    accuracy = torchmetrics.classification.MulticlassAccuracy(num_classes=3, average="micro")
    loader = DataLoader(one_hot_logits(labels, guesses), batch_size=4)
    history = utils.train(model, loader, 2, torch.nn.CrossEntropyLoss(), sgd(model),
                          validation_split=0.4, metric_fn=accuracy, verbose=False)
    assert history["train_metric"] == [pytest.approx(5 / 6)] * 2
    assert history["val_metric"] == [pytest.approx(1 / 4)] * 2
    assert accuracy.update_count == 0  # la métrica del usuario no se toca


def test_evaluate_macro_accuracy_matches_hand_computation():
    labels = [0, 0, 0, 0, 1, 2]
    guesses = [0, 0, 0, 0, 0, 2]  # clase 0: 4/4, clase 1: 0/1, clase 2: 1/1
    loader = DataLoader(one_hot_logits(labels, guesses), batch_size=4)
    result = utils.evaluate(Identity(), loader, torch.nn.CrossEntropyLoss(),
                            torchmetrics.classification.MulticlassAccuracy(num_classes=3))
    assert result["metric"] == pytest.approx((1 + 0 + 1) / 3)
    assert set(result) == {"loss", "metric"}
    assert utils.evaluate(Identity(), loader, torch.nn.CrossEntropyLoss())["metric"] is None


def test_history_is_plain_floats_one_per_epoch(small_fashion):
    model = TinyRNN()
    history = utils.train(model, DataLoader(small_fashion, batch_size=64, shuffle=True), 3,
                          torch.nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters()),
                          validation_split=0.1,
                          metric_fn=torchmetrics.classification.MulticlassAccuracy(num_classes=10),
                          verbose=False)
    assert list(history) == ["train_loss", "train_metric", "val_loss", "val_metric"]
    for values in history.values():
        assert len(values) == 3 and all(type(v) is float for v in values)


# --- aprende con datos reales, y lo hace igual con la misma semilla --------------------------

class TinyRNN(torch.nn.Module):
    def __init__(self, hidden: int = 16) -> None:
        super().__init__()
        self.rnn = torch.nn.RNN(28, hidden, batch_first=True)
        self.fc = torch.nn.Linear(hidden, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


def fit_tiny(dataset, seed: int, epochs: int = 3) -> tuple[dict, TinyRNN]:
    utils.set_seed(seed)
    model = TinyRNN()
    history = utils.train(model, DataLoader(dataset, batch_size=32, shuffle=True), epochs,
                          torch.nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=0.01),
                          validation_split=0.2,
                          metric_fn=torchmetrics.classification.MulticlassAccuracy(num_classes=10),
                          verbose=False)
    return history, model


def test_training_learns_real_fashion_mnist(small_fashion):
    history, _ = fit_tiny(small_fashion, seed=0, epochs=8)
    assert history["train_loss"][-1] < 0.75 * history["train_loss"][0]
    assert history["val_metric"][-1] > 0.3  # al azar sería 0.1


def test_same_seed_gives_identical_history(small_fashion):
    first, model_a = fit_tiny(small_fashion, seed=1)
    second, model_b = fit_tiny(small_fashion, seed=1)
    other, _ = fit_tiny(small_fashion, seed=2)
    assert first == second
    assert all(torch.equal(a, b) for a, b in zip(model_a.parameters(), model_b.parameters()))
    assert first != other


# --- lotes en memoria -------------------------------------------------------------------------

@pytest.mark.parametrize("settings", [
    {"shuffle": False},
    {"shuffle": True},
    {"shuffle": True, "drop_last": True},
    {"shuffle": True, "generator": "own"},
    {"sampler": "weighted"},
])
def test_in_memory_batches_equal_the_dataloader_batches(settings):
    dataset = TensorDataset(torch.randn(100, 3), torch.arange(100))
    settings = dict(settings)

    def make_loader() -> DataLoader:
        kwargs = dict(settings)
        if kwargs.get("generator") == "own":
            kwargs["generator"] = torch.Generator().manual_seed(7)
        if kwargs.get("sampler") == "weighted":
            kwargs["sampler"] = torch.utils.data.WeightedRandomSampler(torch.ones(100), 50)
        return DataLoader(dataset, batch_size=16, **kwargs)

    torch.manual_seed(3)
    expected = list(make_loader())
    after_expected = torch.rand(1)
    torch.manual_seed(3)
    got = list(_batches(make_loader()))
    after_got = torch.rand(1)
    assert len(got) == len(expected)
    for (x1, y1), (x2, y2) in zip(got, expected):
        assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert torch.equal(after_got, after_expected)  # mismo consumo del generador global


class NoGetItem(TensorDataset):
    """Un ``TensorDataset`` que no deja leer ejemplos sueltos: solo el camino rápido puede recorrerlo."""

    def __getitem__(self, index):
        raise AssertionError("se ha leído un ejemplo suelto: no se usó el camino rápido")


def subsets(base: TensorDataset) -> dict[str, Dataset]:
    """Formas habituales de tomar parte de un conjunto de tensores."""
    generator = torch.Generator().manual_seed(0)
    part, _ = torch.utils.data.random_split(base, [70, 30], generator=generator)
    return {
        "range": Subset(base, range(10, 90)),
        "random_split": part,
        "tensor": Subset(base, torch.tensor([5, 3, 99, 0, 42] * 8)),
        "negativos": Subset(base, [-1, -2, 0, 1] * 10),
        "anidado": Subset(Subset(base, range(20, 100)), list(range(70, 0, -3))),
    }


@pytest.mark.parametrize("name", ["range", "random_split", "tensor", "negativos", "anidado"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_subsets_of_tensors_give_the_dataloader_batches(name, shuffle):
    base = TensorDataset(torch.randn(100, 3), torch.arange(100))
    fast = subsets(NoGetItem(*base.tensors))[name]
    reference = subsets(base)[name]
    torch.manual_seed(3)
    expected = list(DataLoader(reference, batch_size=16, shuffle=shuffle))
    after_expected = torch.rand(1)
    torch.manual_seed(3)
    got = list(_batches(DataLoader(fast, batch_size=16, shuffle=shuffle)))  # NoGetItem: sin camino lento
    after_got = torch.rand(1)
    assert len(got) == len(expected)
    for (x1, y1), (x2, y2) in zip(got, expected):
        assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert torch.equal(after_got, after_expected)


def test_validation_split_of_a_subset_holds_out_its_last_rows():
    base = numbered(100)
    model = Recorder()
    utils.train(model, DataLoader(Subset(base, range(50, 100)), batch_size=8), 1, torch.nn.MSELoss(), sgd(model),
                validation_split=0.2, verbose=False)
    assert sorted(flat(model.seen[True])) == list(range(50, 90))
    assert flat(model.seen[False]) == list(range(90, 100))


# --- recorte del gradiente --------------------------------------------------------------------

def one_sgd_step(clip: float | None) -> tuple[torch.Tensor, torch.Tensor]:
    """Un paso de SGD (lr=1) con un gradiente grande; devuelve el paso dado y el gradiente."""
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(8, 3), torch.full((8, 1), 100.0)
    before = torch.cat([p.detach().flatten() for p in model.parameters()])
    gradient = torch.autograd.grad(torch.nn.MSELoss()(model(x), y), list(model.parameters()))
    gradient = torch.cat([g.flatten() for g in gradient])
    utils.train(model, DataLoader(TensorDataset(x, y), batch_size=8), 1, torch.nn.MSELoss(),
                torch.optim.SGD(model.parameters(), lr=1.0), clip_grad_norm=clip, verbose=False)
    step = torch.cat([p.detach().flatten() for p in model.parameters()]) - before
    return step, gradient


def test_clip_grad_norm_limits_the_step_and_keeps_its_direction():
    step, gradient = one_sgd_step(clip=0.5)
    assert gradient.norm() > 100  # sin recorte, el paso sería de más de 100
    assert step.norm().item() == pytest.approx(0.5, rel=1e-4)
    assert torch.allclose(step / step.norm(), -gradient / gradient.norm(), atol=1e-5)


def test_without_clipping_the_step_is_the_whole_gradient():
    step, gradient = one_sgd_step(clip=None)
    assert torch.allclose(step, -gradient, rtol=1e-4)
    big, _ = one_sgd_step(clip=1e6)  # un límite que no se alcanza no cambia nada
    assert torch.allclose(big, step)


@pytest.mark.parametrize("clip", [0, -1.0, "1"])
def test_clip_grad_norm_must_be_positive(clip):
    model = torch.nn.Linear(1, 1)
    with pytest.raises(ValueError, match="clip_grad_norm"):
        utils.train(model, DataLoader(numbered(4), batch_size=2), 1, torch.nn.MSELoss(), sgd(model),
                    clip_grad_norm=clip, verbose=False)


# --- progreso, interrupción y pérdidas no finitas ---------------------------------------------

def test_verbose_prints_one_summary_line_per_epoch(capsys):
    model = Recorder()
    loader = DataLoader(numbered(20), batch_size=5)
    utils.train(model, loader, 2, torch.nn.MSELoss(), sgd(model), validation_split=0.2)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Época")]
    assert len(lines) == 2
    assert lines[0].startswith("Época 1/2") and "pérdida" in lines[0] and "validación" in lines[0]


def test_not_verbose_prints_nothing(capsys):
    model = Recorder()
    utils.train(model, DataLoader(numbered(20), batch_size=5), 2, torch.nn.MSELoss(), sgd(model),
                validation_split=0.2, verbose=False)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


class InterruptAt(torch.nn.Linear):
    """Lanza KeyboardInterrupt (como el botón de parar) en su llamada número ``at``."""

    def __init__(self, at: int) -> None:
        super().__init__(1, 1)
        self.calls, self.at = 0, at

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        if self.calls == self.at:
            raise KeyboardInterrupt
        return super().forward(x)


def test_interrupt_returns_the_completed_epochs(capsys):
    model = InterruptAt(at=2 * 5 + 3)  # 5 llamadas por época (4 de entrenamiento, 1 de validación)
    before = [p.detach().clone() for p in model.parameters()]
    history = utils.train(model, DataLoader(numbered(20), batch_size=4), 10, torch.nn.MSELoss(),
                          sgd(model, lr=1e-3), validation_split=0.2)
    assert len(history["train_loss"]) == len(history["val_loss"]) == 2
    assert "interrumpido" in capsys.readouterr().out
    assert any(not torch.equal(a, b) for a, b in zip(before, model.parameters()))  # conserva lo aprendido
    assert model.training  # el modo del modelo vuelve a ser el de antes


def test_non_finite_loss_stops_training_with_a_warning():
    class ExplodesInEpoch2(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.calls = 0

        def forward(self, output, target):
            self.calls += 1
            loss = torch.nn.functional.mse_loss(output, target)
            return loss * float("nan") if self.calls > 4 else loss

    model = Recorder()
    with pytest.warns(RuntimeWarning, match="época 2"):
        history = utils.train(model, DataLoader(numbered(16), batch_size=4), 5, ExplodesInEpoch2(),
                              sgd(model), verbose=False)
    assert len(history["train_loss"]) == 1
    assert all(math.isfinite(v) for v in history["train_loss"])
    assert len(model.seen[True]) == 4 + 1  # se para en el primer lote que da NaN


def test_non_finite_loss_keeps_the_weights_of_the_last_good_step():
    x = torch.arange(8, dtype=torch.float32).reshape(-1, 1)
    y = x * 2
    y[4:] = float("nan")  # el segundo lote da una pérdida NaN
    loader = DataLoader(TensorDataset(x, y), batch_size=4)
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    reference = torch.nn.Linear(1, 1)
    reference.load_state_dict(model.state_dict())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    with pytest.warns(RuntimeWarning, match="último paso bueno"):
        history = utils.train(model, loader, 3, torch.nn.MSELoss(), optimizer, verbose=False)
    assert history["train_loss"] == []
    # el modelo tiene exactamente los pesos tras el primer lote, el último bueno
    reference_optimizer = torch.optim.SGD(reference.parameters(), lr=0.01)
    torch.nn.MSELoss()(reference(x[:4]), y[:4]).backward()
    reference_optimizer.step()
    for trained, expected in zip(model.parameters(), reference.parameters()):
        assert torch.isfinite(trained).all()
        assert torch.equal(trained, expected)


def test_non_finite_gradient_is_not_applied():
    class SqrtOfZero(torch.nn.Module):
        """Pérdida finita (0) cuyo gradiente no lo es: la derivada de sqrt en 0 es infinita."""

        def forward(self, output, target):
            return torch.sqrt((output * 0).sum())

    model = torch.nn.Linear(1, 1)
    before = [p.detach().clone() for p in model.parameters()]
    loader = DataLoader(TensorDataset(torch.ones(4, 1), torch.ones(4, 1)), batch_size=2)
    with pytest.warns(RuntimeWarning, match="no finitos|números finitos"):
        utils.train(model, loader, 1, SqrtOfZero(), sgd(model), verbose=False)
    assert all(torch.equal(p, b) for p, b in zip(model.parameters(), before))


def test_metric_name_reaches_the_epoch_summary(capsys):
    x = torch.arange(20, dtype=torch.float32).reshape(-1, 1)
    model = torch.nn.Linear(1, 2)
    utils.train(model, DataLoader(TensorDataset(x, (x[:, 0] > 9).long()), batch_size=5), 1,
                torch.nn.CrossEntropyLoss(), sgd(model), validation_split=0.2,
                metric_fn=torchmetrics.classification.MulticlassAccuracy(num_classes=2),
                metric_name="exactitud")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.count("exactitud") == 2 and "métrica" not in line


# --- dispositivo ------------------------------------------------------------------------------

def test_get_device_is_cuda_or_cpu_never_mps_by_itself(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert utils.get_device() == torch.device("cpu")  # MPS solo si se pide con device="mps"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert utils.get_device() == torch.device("cuda")


class Traveller(torch.nn.Linear):
    """Capa lineal que anota a qué dispositivo se la mueve cada vez que se llama a ``to``."""

    def __init__(self) -> None:
        super().__init__(1, 1)
        self.moves: list[torch.device] = []

    def to(self, *args, **kwargs):
        self.moves.append(torch.device(args[0]))
        return super().to(*args, **kwargs)


@pytest.mark.parametrize("call", ["train", "evaluate", "predict"])
def test_model_goes_back_to_its_device(call):
    """Contrato de dispositivo: se trabaja en ``device`` y el modelo vuelve a donde estaba.

    En una máquina sin GPU los dos dispositivos son la CPU, así que se comprueba el último
    movimiento; con una GPU, la prueba de abajo lo comprueba de verdad.
    """
    model = Traveller()
    loader = DataLoader(TensorDataset(torch.ones(4, 1), torch.ones(4, 1)), batch_size=2)
    if call == "train":
        utils.train(model, loader, 1, torch.nn.MSELoss(), sgd(model), device="cpu", verbose=False)
    elif call == "evaluate":
        utils.evaluate(model, loader, torch.nn.MSELoss(), device="cpu")
    else:
        utils.predict(model, loader, device="cpu")
    assert model.moves == [torch.device("cpu"), torch.device("cpu")]  # al dispositivo de trabajo y de vuelta


@pytest.mark.skipif(not torch.cuda.is_available(), reason="necesita una GPU de NVIDIA")
def test_model_trained_on_cuda_answers_cpu_tensors_afterwards():
    model = torch.nn.Linear(1, 1)
    loader = DataLoader(TensorDataset(torch.ones(4, 1), torch.ones(4, 1)), batch_size=2)
    utils.train(model, loader, 2, torch.nn.MSELoss(), sgd(model), device="cuda", verbose=False)
    assert next(model.parameters()).device.type == "cpu"
    model(torch.tensor([[50.0]]))  # como en el cuaderno 01: tensores de la CPU tras entrenar


def test_predict_returns_outputs_in_loader_order():
    model = torch.nn.Linear(1, 2)
    x = torch.arange(10, dtype=torch.float32).reshape(-1, 1)
    outputs = utils.predict(model, DataLoader(TensorDataset(x, torch.zeros(10)), batch_size=3))
    with torch.no_grad():
        assert torch.allclose(outputs, model(x))
    assert model.training  # sigue en el modo en que estaba


# --- entradas incorrectas: error claro antes de entrenar, sin tocar nada -----------------------

def bad_calls():
    loader = DataLoader(numbered(10), batch_size=4)

    class Unsized(torch.utils.data.IterableDataset):
        def __iter__(self):
            yield from numbered(10)

    accuracy = torchmetrics.classification.MulticlassAccuracy(num_classes=3)
    return [
        (ValueError, "en \\[0, 1\\)", dict(train_loader=loader, validation_split=1.0)),
        (ValueError, "en \\[0, 1\\)", dict(train_loader=loader, validation_split=-0.1)),
        (ValueError, "deja vacía", dict(train_loader=loader, validation_split=1e-17)),  # 0 de validación
        (ValueError, "deja vacía", dict(train_loader=DataLoader(numbered(1), batch_size=4), validation_split=0.5)),
        (TypeError, "debe ser un número", dict(train_loader=loader, validation_split="0.1")),
        (ValueError, "al menos 1", dict(train_loader=loader, n_epochs=0)),
        (TypeError, "número entero", dict(train_loader=loader, n_epochs=2.5)),
        (TypeError, "Se esperaba un", dict(train_loader=numbered(10))),  # un Dataset, no un DataLoader
        (TypeError, "no tiene tamaño", dict(train_loader=DataLoader(Unsized(), batch_size=4))),
        (ValueError, "vacío", dict(train_loader=DataLoader(numbered(0), batch_size=4))),
        (TypeError, "torchmetrics", dict(train_loader=loader, metric_fn=lambda out, y: 0.0)),
        (ValueError, "shuffle=True o shuffle=False", dict(train_loader=DataLoader(numbered(10), batch_size=4,
                                                  sampler=torch.utils.data.WeightedRandomSampler(
                                                      torch.ones(10), 10)), validation_split=0.2)),
        (TypeError, "torchmetrics", dict(train_loader=loader, metric_fn=accuracy.compute)),
    ]


@pytest.mark.parametrize("error, message, arguments", bad_calls())
def test_bad_input_raises_before_training(error, message, arguments):
    model = torch.nn.Linear(1, 1)
    optimizer = torch.optim.Adam(model.parameters())
    before = [p.detach().clone() for p in model.parameters()]
    call = {"n_epochs": 1, "criterion": torch.nn.MSELoss(), "optimizer": optimizer, "verbose": False,
            **arguments}
    with pytest.raises(error, match=message):
        utils.train(model=model, **call)
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    assert optimizer.state_dict()["state"] == {}


@pytest.mark.parametrize("loader", [numbered(5), DataLoader(numbered(0), batch_size=2)])
def test_evaluate_rejects_bad_loaders(loader):
    with pytest.raises((TypeError, ValueError)):
        utils.evaluate(torch.nn.Linear(1, 1), loader, torch.nn.MSELoss())


def test_scheduler_steps_once_per_epoch():
    model = torch.nn.Linear(1, 1)
    optimizer = sgd(model, lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    utils.train(model, DataLoader(numbered(8), batch_size=4), 3, torch.nn.MSELoss(), optimizer,
                scheduler=scheduler, verbose=False)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**3)
