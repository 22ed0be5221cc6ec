"""Cuánto cuesta una época de entrenamiento con ``utils.train``, comparada con dos referencias.

Configuración del cuaderno original: ``nn.RNN(28 -> 8)`` + ``Linear(8 -> 10)``, lotes de 1024,
Adam, entropía cruzada. Una época es, en los tres casos, el mismo trabajo de la red: entrenar con
54 000 filas barajadas y pasar hacia delante las 6 000 últimas (la validación, sin gradientes).

1. bucle mínimo: lotes cortados a mano de los tensores en memoria (la cota inferior);
2. ``utils.train`` con ``validation_split=0.1`` y exactitud como métrica: además lleva la pérdida
   por ejemplo, la métrica de las dos partes, el historial y comprueba que la pérdida sea finita;
3. ``utils.train`` igual que en 2, pero con los datos dentro de un ``Subset`` (lo que da una
   partición por fechas o ``random_split``): también debe cortar los lotes de los tensores;
4. tubería original: ``torchvision.datasets.FashionMNIST`` con ``ToTensor() + Normalize`` por
   imagen a través de un ``DataLoader``, con el mismo bucle mínimo.

Uso (desde la raíz del proyecto):  python benchmarks/epoch_speed.py [--repeats 5] [--report]
(con ``--report`` escribe además el resultado en su sección de ``benchmarks/README.md``)
Imprime la mediana de cada caso y los cocientes que se comparan con los objetivos:
``utils.train / bucle mínimo <= 1.15`` (con tensores y con un ``Subset``) y
``tubería original / utils.train >= 10``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import torch
import torchmetrics
import torchvision

import utils

BATCH_SIZE = 1024
N_TRAIN = 54_000


class RowRNN(torch.nn.Module):
    """La red del cuaderno original: una RNN de 8 unidades que lee las 28 filas y una capa lineal."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = torch.nn.RNN(input_size=28, hidden_size=8, batch_first=True)
        self.fc = torch.nn.Linear(8, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x.reshape(-1, 28, 28))
        return self.fc(out[:, -1, :])


def bare_epoch(model, optimizer, criterion, train_batches, val_batches) -> None:
    model.train()
    for x, y in train_batches:
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        for x, y in val_batches:
            criterion(model(x), y)


def sliced_batches(images: torch.Tensor, labels: torch.Tensor, shuffle: bool):
    order = torch.randperm(len(images)) if shuffle else torch.arange(len(images))
    for start in range(0, len(images), BATCH_SIZE):
        rows = order[start:start + BATCH_SIZE]
        yield images.index_select(0, rows), labels.index_select(0, rows)


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="épocas medidas por caso (se da la mediana)")
    parser.add_argument("--report", action="store_true", help="escribe el resultado en benchmarks/README.md")
    args = parser.parse_args()

    utils.set_seed(0)
    train_set, _ = utils.load_fashion_mnist()
    images, labels = train_set.tensors
    transform = torchvision.transforms.Compose([
        torchvision.transforms.ToTensor(), torchvision.transforms.Normalize((0.5,), (0.5,)),
    ])
    original_set = torchvision.datasets.FashionMNIST(utils.data_dir(), train=True, transform=transform)
    original_train = torch.utils.data.DataLoader(
        torch.utils.data.Subset(original_set, range(N_TRAIN)), batch_size=BATCH_SIZE, shuffle=True,
    )
    original_val = torch.utils.data.DataLoader(
        torch.utils.data.Subset(original_set, range(N_TRAIN, len(original_set))), batch_size=BATCH_SIZE,
    )
    loader = torch.utils.data.DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True)
    subset_loader = torch.utils.data.DataLoader(
        torch.utils.data.Subset(train_set, range(len(train_set))), batch_size=BATCH_SIZE, shuffle=True,
    )
    criterion = torch.nn.CrossEntropyLoss()
    model = RowRNN()
    optimizer = torch.optim.Adam(model.parameters())
    accuracy = torchmetrics.classification.MulticlassAccuracy(num_classes=10)

    cases = {
        "bucle mínimo (tensores en memoria)": lambda: bare_epoch(
            model, optimizer, criterion, sliced_batches(images[:N_TRAIN], labels[:N_TRAIN], shuffle=True),
            sliced_batches(images[N_TRAIN:], labels[N_TRAIN:], shuffle=False)),
        "utils.train (validación 0.1 y métrica)": lambda: utils.train(
            model, loader, 1, criterion, optimizer, validation_split=0.1, metric_fn=accuracy,
            device="cpu", verbose=False),
        "utils.train sobre un Subset": lambda: utils.train(
            model, subset_loader, 1, criterion, optimizer, validation_split=0.1, metric_fn=accuracy,
            device="cpu", verbose=False),
        "tubería original (torchvision + ToTensor)": lambda: bare_epoch(
            model, optimizer, criterion, original_train, original_val),
    }
    for function in cases.values():  # una época de calentamiento por caso
        function()
    times = {name: [] for name in cases}
    for _ in range(args.repeats):  # intercalados, para que el ruido de la máquina afecte a todos igual
        for name, function in cases.items():
            times[name].append(timed(function))

    medians = {name: statistics.median(values) for name, values in times.items()}
    bare, ours, subset, original = medians.values()
    lines = [f"{cpu_name()}, torch {torch.__version__} ({torch.backends.cpu.get_cpu_capability()}), "
             f"{torch.get_num_threads()} hilos, mediana de {args.repeats} épocas.", "",
             "| caso | segundos por época |", "|---|---|"]
    lines += [f"| {name} | {seconds:.3f} |" for name, seconds in medians.items()]
    lines += ["", "| cociente | valor | objetivo |", "|---|---|---|",
              f"| utils.train / bucle mínimo | {ours / bare:.2f} | <= 1.15 |",
              f"| utils.train sobre un Subset / bucle mínimo | {subset / bare:.2f} | <= 1.15 |",
              f"| tubería original / utils.train | {original / ours:.2f} | >= 10 |"]
    print("\n".join(lines))
    if args.report:
        from robustez import REPORT, write_section  # noqa: PLC0415 (el script vive junto a este)

        write_section(REPORT, "velocidad", "\n".join(lines))
        print(f"Escrito en {REPORT}")


def cpu_name() -> str:
    """El nombre de la CPU (en Linux, el de /proc/cpuinfo) o, si no se sabe, la arquitectura."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            return next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
