"""Entrenamiento y evaluación de modelos: el ``fit`` del curso.

- ``train``: entrena durante varias épocas, con partición de validación al estilo de Keras,
  y devuelve el historial (un diccionario de listas, una entrada por época).
- ``evaluate``: pérdida media y métrica de un modelo sobre un conjunto de datos.
- ``predict``: salidas del modelo para todos los ejemplos de un conjunto de datos.

Las tres comparten el mismo bucle (``_run_epoch``) y la misma forma de recorrer los lotes
(``_batches``), que corta los lotes directamente de los tensores cuando los datos ya están en
memoria (un ``TensorDataset`` o un ``Subset`` de uno), sin copiarlos muestra a muestra.
"""

from __future__ import annotations

import math
import random
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset, default_collate
from torch.utils.data.sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler
from torchmetrics import Metric
from tqdm.auto import tqdm

History = dict[str, list[float]]

#: Segundos mínimos entre dos actualizaciones de la barra de progreso. En un cuaderno, cada
#: actualización es un mensaje del núcleo al navegador; con muchas por segundo, un entrenamiento
#: largo inunda el canal de mensajes (y nbval, que los lee al final de la celda, puede perderlos).
PROGRESS_INTERVAL = 1.0


def set_seed(seed: int) -> None:
    """Fija la semilla de ``random``, NumPy y PyTorch para que cada ejecución dé los mismos números."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # también fija la de todas las GPU


def get_device() -> torch.device:
    """Devuelve el dispositivo en el que se entrena por defecto: ``cuda`` si hay una GPU de NVIDIA
    y si no ``cpu``.

    La GPU de los Mac (``mps``) no se elige sola: con las redes recurrentes de este curso tiene
    errores conocidos de PyTorch (LSTM apiladas con *dropout*, GRU) y con modelos tan pequeños no
    es más rápida que la CPU. Se puede pedir a mano con ``device="mps"``.
    """
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def train(
    model: torch.nn.Module,
    train_loader: DataLoader,
    n_epochs: int,
    criterion: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    optimizer: torch.optim.Optimizer,
    validation_split: float | None = None,
    metric_fn: Metric | None = None,
    *,
    validation_data: DataLoader | None = None,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    device: str | torch.device | None = None,
    clip_grad_norm: float | None = None,
    metric_name: str = "métrica",
    verbose: bool = True,
) -> History:
    """Entrena ``model`` durante ``n_epochs`` épocas y devuelve su historial.

    Args:
        model: la red que se entrena (se mueve a ``device``).
        train_loader: ``DataLoader`` de los datos de entrenamiento, lotes ``(x, y)``.
        n_epochs: número de épocas (pasadas completas por los datos), al menos 1.
        criterion: función de pérdida con reducción ``"mean"`` (p. ej. ``CrossEntropyLoss()``).
        optimizer: optimizador creado con ``model.parameters()``.
        validation_split: fracción en ``[0, 1)`` que se reserva para validación, como en Keras:
            las **últimas** filas de ``train_loader.dataset``, en su orden y antes de barajar.
            Nunca se entrena con ellas y son siempre las mismas.
        metric_fn: métrica de ``torchmetrics`` (p. ej. ``MulticlassAccuracy``); se usan copias
            independientes para entrenamiento y validación.
        validation_data: en lugar de ``validation_split``, un ``DataLoader`` de validación propio
            (como ``validation_data`` en Keras), que se evalúa al final de cada época.
        scheduler: planificador de la tasa de aprendizaje (p. ej. ``CosineAnnealingLR``) creado
            con ``optimizer``; se llama a su ``step()`` al final de cada época.
        device: dónde se entrena: ``"cuda"``, ``"mps"``, ``"cpu"``... Por defecto, el de
            ``get_device()``. Al terminar, el modelo vuelve al dispositivo en el que estaba.
        clip_grad_norm: si se da, recorte del gradiente (como ``global_clipnorm`` en Keras o
            ``gradient_clip_val`` en Lightning): antes de cada paso, si la norma de todo el
            gradiente supera este valor, se escala para que valga exactamente eso
            (``torch.nn.utils.clip_grad_norm_``). Evita que un gradiente que explota dé un paso
            enorme; la dirección del paso no cambia.
        metric_name: cómo se llama la métrica en el resumen de cada época (p. ej. ``"exactitud"``).
        verbose: si es ``False`` no se muestra nada (ni barra de progreso ni resumen por época).

    Returns:
        Un diccionario con una lista de ``float`` por clave y un valor por época completada:
        ``train_loss``; ``train_metric`` si hay métrica; ``val_loss`` y ``val_metric`` si hay
        validación. La pérdida es la media por ejemplo (un último lote más pequeño pesa menos).

    Si se interrumpe el núcleo (botón de parar o Ctrl+C), el entrenamiento acaba limpiamente: el
    modelo conserva sus pesos y se devuelve el historial de las épocas completadas. Si la pérdida
    o el gradiente de un lote dejan de ser números finitos (NaN o infinito), el entrenamiento se
    detiene con un aviso **antes** de aplicar ese paso: el modelo conserva los pesos del último
    paso bueno.
    """
    _check_loader(train_loader)
    _check_metric(metric_fn)
    if clip_grad_norm is not None and not (isinstance(clip_grad_norm, (int, float)) and clip_grad_norm > 0):
        raise ValueError(f"clip_grad_norm debe ser un número positivo (se recibió {clip_grad_norm!r}).")
    if isinstance(n_epochs, bool) or not isinstance(n_epochs, int):
        raise TypeError(f"n_epochs debe ser un número entero, no {type(n_epochs).__name__}.")
    if n_epochs < 1:
        raise ValueError(f"n_epochs debe ser al menos 1 (se recibió {n_epochs}).")
    train_loader, val_loader = _split(train_loader, validation_split)
    if validation_data is not None:
        if val_loader is not None:
            raise ValueError("Usa validation_split o validation_data, no los dos a la vez.")
        _check_loader(validation_data)
        val_loader = validation_data

    history: History = {"train_loss": []}
    if metric_fn is not None:
        history["train_metric"] = []
    if val_loader is not None:
        history["val_loss"] = []
        if metric_fn is not None:
            history["val_metric"] = []

    with _working_on(model, device) as device:
        train_metric = metric_fn.clone().to(device) if metric_fn is not None else None
        val_metric = metric_fn.clone().to(device) if metric_fn is not None else None
        try:
            for epoch in range(1, n_epochs + 1):
                start = time.perf_counter()
                bar = tqdm(
                    _batches(train_loader), total=len(train_loader), desc=f"Época {epoch}/{n_epochs}",
                    unit="lote", leave=False, disable=not verbose, mininterval=PROGRESS_INTERVAL,
                )
                results = {
                    "train": _run_epoch(model, bar, criterion, train_metric, device, optimizer, clip_grad_norm)
                }
                if not math.isfinite(results["train"][0]):
                    warnings.warn(
                        f"La pérdida o el gradiente dejaron de ser números finitos en la época {epoch}: "
                        "entrenamiento detenido sin aplicar ese paso (el modelo conserva los pesos del "
                        "último paso bueno). Prueba con una tasa de aprendizaje menor o revisa los datos.",
                        RuntimeWarning, stacklevel=2,
                    )
                    break
                if scheduler is not None:
                    scheduler.step()
                if val_loader is not None:
                    results["val"] = _run_epoch(model, _batches(val_loader), criterion, val_metric, device)
                for prefix, (loss, metric) in results.items():
                    history[f"{prefix}_loss"].append(loss)
                    if metric is not None:
                        history[f"{prefix}_metric"].append(metric)
                if verbose:
                    print(_epoch_summary(epoch, n_epochs, time.perf_counter() - start, results, metric_name))
        except KeyboardInterrupt:
            if verbose:
                print(f"Entrenamiento interrumpido: se devuelve el historial de {len(history['train_loss'])} "
                      "épocas completadas.")
    return history


def evaluate(
    model: torch.nn.Module,
    data_loader: DataLoader,
    criterion: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    metric_fn: Metric | None = None,
    *,
    device: str | torch.device | None = None,
) -> dict[str, float | None]:
    """Evalúa ``model`` sobre todos los lotes de ``data_loader`` (modo evaluación, sin gradientes).

    Returns:
        ``{"loss": pérdida media por ejemplo, "metric": valor de la métrica o None}``.
    """
    _check_loader(data_loader)
    _check_metric(metric_fn)
    with _working_on(model, device) as device:
        metric = metric_fn.clone().to(device) if metric_fn is not None else None
        loss, value = _run_epoch(model, _batches(data_loader), criterion, metric, device)
    return {"loss": loss, "metric": value}


def predict(
    model: torch.nn.Module, data_loader: DataLoader, *, device: str | torch.device | None = None
) -> torch.Tensor:
    """Salidas de ``model`` para todos los ejemplos de ``data_loader``, en su orden, en la CPU.

    Para un clasificador, ``predict(...).argmax(dim=1)`` da la clase predicha de cada ejemplo.
    """
    _check_loader(data_loader)
    with _working_on(model, device) as device, torch.no_grad():
        model.eval()
        outputs = [model(x.to(device)).cpu() for x, *_ in _batches(data_loader)]
    return torch.cat(outputs)


def _run_epoch(
    model: torch.nn.Module,
    batches: Iterator,
    criterion: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    metric: Metric | None,
    device: torch.device,
    optimizer: torch.optim.Optimizer | None = None,
    clip_grad_norm: float | None = None,
) -> tuple[float, float | None]:
    """Una pasada por ``batches``: entrena si se da ``optimizer``; si no, solo evalúa.

    Devuelve la pérdida media por ejemplo y el valor de la métrica (o ``None``). Si la pérdida o
    el gradiente de un lote no son finitos, se para en ese lote **sin** actualizar los pesos y
    devuelve ``(nan, None)`` (o la pérdida no finita).
    """
    training = optimizer is not None
    model.train(training)
    if metric is not None:
        metric.reset()
    total_loss, n_seen = 0.0, 0
    with torch.set_grad_enabled(training):
        for x, y in batches:
            x, y = x.to(device), y.to(device)
            output = model(x)
            loss = criterion(output, y)
            batch_loss = loss.item()
            if not math.isfinite(batch_loss):
                return batch_loss, None
            if training:
                optimizer.zero_grad()
                loss.backward()
                if not _gradients_are_finite(model):
                    return math.nan, None
                if clip_grad_norm is not None:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm)
                optimizer.step()
            total_loss += batch_loss * len(y)
            n_seen += len(y)
            if metric is not None:
                metric.update(output.detach(), y)
    value = float(metric.compute()) if metric is not None else None
    return total_loss / n_seen, value


def _gradients_are_finite(model: torch.nn.Module) -> bool:
    """``True`` si todos los gradientes de ``model`` son números finitos (sin NaN ni infinitos)."""
    norms = [p.grad.detach().norm() for p in model.parameters() if p.grad is not None]
    return not norms or bool(torch.stack(norms).isfinite().all())


@contextmanager
def _working_on(model: torch.nn.Module, device: str | torch.device | None) -> Iterator[torch.device]:
    """Lleva ``model`` a ``device`` (por defecto, el de ``get_device()``) mientras dura el bloque.

    Al salir, pase lo que pase, el modelo vuelve al dispositivo en el que estaban sus parámetros y
    al modo (entrenamiento o evaluación) en el que estaba.
    """
    parameter = next(model.parameters(), None)
    home = parameter.device if parameter is not None else torch.device("cpu")
    was_training = model.training
    device = torch.device(device) if device is not None else get_device()
    model.to(device)
    try:
        yield device
    finally:
        model.train(was_training)
        model.to(home)


def _batches(loader: DataLoader) -> Iterator:
    """Recorre los lotes de ``loader``, igual que ``for batch in loader``.

    Si los datos ya están en memoria como tensores (un ``TensorDataset``, o un ``Subset`` de uno,
    como los que da ``random_split``, con el ``collate_fn`` por defecto), los lotes se cortan de
    una vez de los tensores en lugar de reunir los ejemplos uno a uno: salen exactamente los mismos
    lotes, en el mismo orden (los índices los sigue dando el ``sampler`` del propio ``loader``),
    pero mucho más deprisa.
    """
    in_memory = _in_memory(loader.dataset)
    if in_memory is None or loader.collate_fn is not default_collate or type(loader.batch_sampler) is not BatchSampler:
        yield from loader
        return
    tensors, rows_of = in_memory
    # Mismos números aleatorios que el iterador del DataLoader: la semilla de sus workers y el orden.
    torch.empty((), dtype=torch.int64).random_(generator=loader.generator)
    order = _order(loader.sampler, len(loader.dataset))
    if rows_of is not None:  # posiciones en el Subset -> filas de los tensores
        order = rows_of[order]
    size = loader.batch_size
    stop = len(order) - len(order) % size if loader.drop_last else len(order)
    for start in range(0, stop, size):
        rows = order[start:start + size]
        yield [tensor.index_select(0, rows) for tensor in tensors]


def _in_memory(dataset: Dataset) -> tuple[tuple[torch.Tensor, ...], torch.Tensor | None] | None:
    """Los tensores de ``dataset`` y qué filas suyas forman el conjunto, si está en memoria.

    Un ``TensorDataset`` da ``(tensores, None)`` (todas sus filas, en orden); un ``Subset`` de uno
    (o un ``Subset`` de un ``Subset``...) da ``(tensores, filas)``. Cualquier otro, ``None``.
    """
    rows = None
    while isinstance(dataset, Subset):
        indices = dataset.indices
        if isinstance(indices, range):  # lo habitual (p. ej. validation_split): sin recorrerlo en Python
            indices = torch.arange(indices.start, indices.stop, indices.step)
        else:
            indices = torch.as_tensor(indices, dtype=torch.long)
        indices = torch.where(indices < 0, indices + len(dataset.dataset), indices)  # como en una lista
        rows = indices if rows is None else indices[rows]
        dataset = dataset.dataset
    if not isinstance(dataset, TensorDataset):
        return None
    return dataset.tensors, rows


def _order(sampler: Sampler, n_rows: int) -> torch.Tensor:
    """Los índices que daría ``sampler``, como tensor.

    Para los dos casos habituales (``shuffle=False`` y ``shuffle=True``) se calculan de una vez,
    igual que lo hace el propio sampler; para cualquier otro, se le piden uno a uno.
    """
    if type(sampler) is SequentialSampler:
        return torch.arange(n_rows)
    if type(sampler) is RandomSampler and not sampler.replacement and sampler.num_samples == n_rows:
        generator = sampler.generator
        if generator is None:  # RandomSampler crea uno nuevo con una semilla del generador global
            generator = torch.Generator()
            generator.manual_seed(int(torch.empty((), dtype=torch.int64).random_().item()))
        return torch.randperm(n_rows, generator=generator)
    return torch.as_tensor(list(sampler), dtype=torch.long)


def _split(loader: DataLoader, validation_split: float | None) -> tuple[DataLoader, DataLoader | None]:
    """Separa las últimas filas del conjunto de ``loader`` para validación, como Keras.

    Devuelve un ``DataLoader`` para cada parte con los ajustes del original; el de validación
    no baraja y usa todas sus filas (``drop_last=False``).
    """
    if validation_split is None or validation_split == 0:
        return loader, None
    if isinstance(validation_split, bool) or not isinstance(validation_split, (int, float)):
        raise TypeError(f"validation_split debe ser un número, no {type(validation_split).__name__}.")
    if not 0 <= validation_split < 1:
        raise ValueError(f"validation_split debe estar en [0, 1) (se recibió {validation_split}).")
    if type(loader.sampler) not in (RandomSampler, SequentialSampler) or type(loader.batch_sampler) is not BatchSampler:
        raise ValueError(
            "validation_split solo admite DataLoader con shuffle=True o shuffle=False, sin sampler "
            "ni batch_sampler propios: separa tú la validación en ese caso."
        )
    n_rows = len(loader.dataset)
    n_train = math.floor(n_rows * (1 - validation_split))
    if n_train in (0, n_rows):
        raise ValueError(
            f"Con {n_rows} ejemplos, validation_split={validation_split} deja vacía una de las dos "
            f"partes ({n_train} de entrenamiento y {n_rows - n_train} de validación)."
        )
    shuffle = isinstance(loader.sampler, RandomSampler)
    train_part = _loader_like(loader, _rows(loader.dataset, slice(0, n_train)), shuffle, loader.drop_last)
    val_part = _loader_like(loader, _rows(loader.dataset, slice(n_train, n_rows)), False, False)
    return train_part, val_part


def _rows(dataset: Dataset, rows: slice) -> Dataset:
    """Las filas ``rows`` de ``dataset``, sin copiar datos (vistas de los tensores o un ``Subset``)."""
    if isinstance(dataset, TensorDataset):
        return TensorDataset(*(tensor[rows] for tensor in dataset.tensors))
    return Subset(dataset, range(len(dataset))[rows])


def _loader_like(loader: DataLoader, dataset: Dataset, shuffle: bool, drop_last: bool) -> DataLoader:
    """Un ``DataLoader`` sobre ``dataset`` con los mismos ajustes que ``loader``."""
    return DataLoader(
        dataset,
        batch_size=loader.batch_size,
        shuffle=shuffle,
        num_workers=loader.num_workers,
        collate_fn=loader.collate_fn,
        pin_memory=loader.pin_memory,
        drop_last=drop_last,
        timeout=loader.timeout,
        worker_init_fn=loader.worker_init_fn,
        multiprocessing_context=loader.multiprocessing_context,
        generator=loader.generator,
        prefetch_factor=loader.prefetch_factor,
        persistent_workers=loader.persistent_workers,
        pin_memory_device=loader.pin_memory_device,
    )


def _check_loader(loader: Any) -> None:
    """Comprueba que ``loader`` es un ``DataLoader`` sobre un conjunto con tamaño y no vacío."""
    if not isinstance(loader, DataLoader):
        raise TypeError(f"Se esperaba un torch.utils.data.DataLoader, no {type(loader).__name__}.")
    try:
        n_rows = len(loader.dataset)
    except TypeError:
        raise TypeError(
            "El conjunto de datos del DataLoader no tiene tamaño (len): hace falta un Dataset "
            "indexable, como TensorDataset."
        ) from None
    if n_rows == 0:
        raise ValueError("El conjunto de datos del DataLoader está vacío.")


def _check_metric(metric_fn: Any) -> None:
    if metric_fn is not None and not isinstance(metric_fn, Metric):
        raise TypeError(
            "metric_fn debe ser una métrica de torchmetrics (p. ej. "
            f"torchmetrics.classification.MulticlassAccuracy(num_classes=10)), no {type(metric_fn).__name__}."
        )


def _epoch_summary(epoch: int, n_epochs: int, seconds: float, results: dict, metric_name: str) -> str:
    """Una línea por época: ``Época 3/25 (1.2 s) · pérdida 0.5012, exactitud 0.8123 · validación: ...``."""
    parts = [f"Época {epoch:>{len(str(n_epochs))}}/{n_epochs} ({seconds:.1f} s)"]
    for prefix, (loss, metric) in results.items():
        label = "entrenamiento" if prefix == "train" else "validación"
        text = f"{label}: pérdida {loss:.4f}"
        if metric is not None:
            text += f", {metric_name} {metric:.4f}"
        parts.append(text)
    return " · ".join(parts)
