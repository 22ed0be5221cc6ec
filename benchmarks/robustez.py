"""Robustez: ¿se cumple lo que dicen los cuadernos en otros equipos?

Ejecuta cada cuaderno de principio a fin en varias configuraciones que representan los equipos de
otros estudiantes (otras semillas, las instrucciones de una CPU antigua y, si hay GPU, CUDA),
y guarda, para cada cuaderno y configuración:

- si se ejecutaron todas las celdas (y por tanto se cumplieron todos sus ``assert``);
- las cifras en las que se apoya el texto (exactitudes, errores, cocientes);
- el tiempo de ejecución, en segundos y en épocas del bucle mínimo de ``epoch_speed.py``.

Al final imprime una tabla con el mínimo, la mediana y el máximo de cada cifra y el margen, en el
peor caso, de cada umbral que afirma el texto. Un margen negativo es una afirmación que no se
cumple en algún equipo.

Uso (desde la raíz del proyecto; tarda mucho, mejor en segundo plano):

    python benchmarks/robustez.py                      # todas las configuraciones, una a una
    python benchmarks/robustez.py --configs 1 2 --jobs 2  # dos a la vez, con un hilo cada una
    python benchmarks/robustez.py --report             # solo la tabla, con lo ya medido

Los resultados se guardan en ``tmp/robustez/`` (un JSON por configuración).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
OUT_DIR = ROOT / "tmp" / "robustez"

#: Lo que pide una CPU antigua (sin AVX2 ni AVX-512) a PyTorch, MKL y oneDNN.
OLD_CPU = {"ATEN_CPU_CAPABILITY": "default", "MKL_ENABLE_INSTRUCTIONS": "SSE4_2", "ONEDNN_MAX_CPU_ISA": "SSE41"}


@dataclass
class Config:
    name: str
    seed: int
    env: dict[str, str] = field(default_factory=dict)
    cuda: bool = False  # solo si hay una GPU de NVIDIA


CONFIGS = [
    Config("semilla 0", 0),
    Config("semilla 1", 1),
    Config("semilla 2", 2),
    Config("semilla 3, CPU antigua", 3, OLD_CPU),
    Config("semilla 0, CUDA", 0, cuda=True),
    # más semillas, independientes de las de arriba: tres configuraciones no bastan para medir la
    # dispersión entre ejecuciones (los márgenes se piden de 3 desviaciones típicas)
    Config("semilla 4", 4),
    Config("semilla 5", 5),
    Config("semilla 6, CPU antigua", 6, OLD_CPU),
]

#: Cifras de cada cuaderno: nombre -> expresión que se evalúa en su núcleo al terminar.
FIGURES = {
    "01": {
        "sucesor de 50, modelo original": "answer",
        "RMSE final, modelo original": "history['train_loss'][-1] ** 0.5",
        "unidades saturadas con 40": "saturated[2].item()",
        "unidades saturadas con 90": "saturated[3].item()",
        "error máx. en los valores apartados": "max(errors[v] for v in HELD_OUT)",
        "error máx. de 4 a 99": "max(errors.values())",
        "sucesor de 50 con el 50 solo": "alone",
        "progresiones: error tras 1 valor": "step_error[0].item()",
        "progresiones: error máx. tras 2 o más": "step_error[1:].max().item()",
        "progresiones: error tras 2 o más / tras 1": "(step_error[1:].max() / step_error[0]).item()",
    },
    "02": {
        "RNN 8 (original), prueba": "test_result['metric']",
        "RNN 8: errores entre prendas de arriba o entre calzado": "(within_family.sum() / errors.sum()).item()",
        "rejilla 8/1024, validación": "rows[0]['exactitud en validación']",
        "rejilla 8/128, validación": "rows[1]['exactitud en validación']",
        "rejilla 128/1024, validación": "rows[2]['exactitud en validación']",
        "rejilla 128/128, validación": "rows[3]['exactitud en validación']",
        "RNN 128, prueba": "best_result['metric']",
        "RNN 128: clase más difícil (6 = camisa)": (
            "(lambda t, p: min(range(10), key=lambda c: (p[t == c] == c).float().mean().item()))"
            "(test_set.tensors[1], utils.predict(best_model, test_loader).argmax(dim=1))"),
    },
    "03": {
        "gradiente fila 28: 3 capas / 1 capa": "(row_gradients[3][-1] / row_gradients[1][-1]).item()",
        "gradiente fila 1: 3 capas / 1 capa": "(row_gradients[3][0] / row_gradients[1][0]).item()",
        "gradiente fila 1 / fila 28, 1 capa": "(row_gradients[1][0] / row_gradients[1][-1]).item()",
        "1 RNN de 8, validación: peor semilla": "narrow_table['1 capa, validación'].min()",
        "1 RNN de 8, validación: mejor semilla": "narrow_table['1 capa, validación'].max()",
        "3 RNN de 8, validación: peor semilla": "narrow_table['3 capas, validación'].min()",
        "3 RNN de 8, validación: mejor semilla": "narrow_table['3 capas, validación'].max()",
        "3 RNN de 8: rango entre semillas / el de 1 RNN de 8": (
            "spread['3 capas, validación'] / spread['1 capa, validación']"),
        "3 RNN de 8: máx. |entrenamiento − validación|": (
            "(narrow_table['3 capas, entrenamiento'] - narrow_table['3 capas, validación']).abs().max()"),
        "3 RNN de 8, prueba": "utils.load_results().loc['3 RNN de 8', 'exactitud en prueba']",
        "1 RNN de 32, validación": "histories['1 RNN de 32']['val_metric'][-1]",
        "2 RNN de 32, validación": "histories['2 RNN de 32']['val_metric'][-1]",
        "3 RNN de 32, validación": "histories['3 RNN de 32']['val_metric'][-1]",
        "1 RNN de 64, validación": "histories['1 RNN de 64']['val_metric'][-1]",
        "3 de 32 menos 1 de 32, validación": (
            "histories['3 RNN de 32']['val_metric'][-1] - histories['1 RNN de 32']['val_metric'][-1]"),
        "2 de 32 menos 1 de 32, validación": (
            "histories['2 RNN de 32']['val_metric'][-1] - histories['1 RNN de 32']['val_metric'][-1]"),
        "3 de 32 menos 2 de 32, validación": (
            "histories['3 RNN de 32']['val_metric'][-1] - histories['2 RNN de 32']['val_metric'][-1]"),
        "3 de 32 menos 1 de 64, validación": (
            "histories['3 RNN de 32']['val_metric'][-1] - histories['1 RNN de 64']['val_metric'][-1]"),
        "|3 de 32 menos 1 de 64|, validación": (
            "abs(histories['3 RNN de 32']['val_metric'][-1] - histories['1 RNN de 64']['val_metric'][-1])"),
        "3 RNN de 32, prueba": "utils.load_results().loc['3 RNN de 32', 'exactitud en prueba']",
        "s por época: 3 de 32 / 1 de 32": (
            "utils.load_results().loc['3 RNN de 32', 'segundos por época']"
            " / utils.load_results().loc['1 RNN de 32', 'segundos por época']"),
    },
    "04": {
        "RNN nueva: gradiente fila 1 / fila 28": "(gradients['RNN'][0] / gradients['RNN'][-1]).item()",
        "LSTM nueva: gradiente fila 1 / fila 28": "(gradients['LSTM'][0] / gradients['LSTM'][-1]).item()",
        "2 LSTM de 128, validación (última época)": "lstm_history['val_metric'][-1]",
        "2 LSTM de 128, prueba": "results.loc['2 LSTM de 128', 'exactitud en prueba']",
        "LSTM entrenada: gradiente fila 1 / fila 28": "(trained_gradients[0] / trained_gradients[-1]).item()",
        "LSTM entrenada / nueva: cociente fila 1 / fila 28": (
            "((trained_gradients[0] / trained_gradients[-1]) "
            "/ (untrained_gradients[0] / untrained_gradients[-1])).item()"),
        "f_t medio, LSTM nueva": "forget_untrained.mean().item()",
        "f_t medio, LSTM entrenada": "forget_trained.mean().item()",
        "unidades con f_t medio > 0.9, entrenada": "(forget_trained.mean(dim=(0, 1)) > 0.9).float().mean().item()",
        "2 LSTM: clase más difícil (6 = camisa)": (
            "(lambda t, p: min(range(10), key=lambda c: (p[t == c] == c).float().mean().item()))"
            "(test_set.tensors[1], utils.predict(lstm_model, test_loader).argmax(dim=1))"),
        "GRU 128, prueba": "results.loc['GRU 128', 'exactitud en prueba']",
        "CNN pequeña, prueba": "results.loc['CNN pequeña', 'exactitud en prueba']",
        "2 LSTM menos CNN, prueba": (
            "results.loc['2 LSTM de 128', 'exactitud en prueba'] - results.loc['CNN pequeña', 'exactitud en prueba']"),
        "s por época: GRU / 2 LSTM": (
            "results.loc['GRU 128', 'segundos por época'] / results.loc['2 LSTM de 128', 'segundos por época']"),
        "s por época: CNN / 2 LSTM": (
            "results.loc['CNN pequeña', 'segundos por época'] / results.loc['2 LSTM de 128', 'segundos por época']"),
    },
    "05": {
        "persistencia, MAE a 1 h (°C)": "errors['persistencia'][0].item()",
        "validación: persistencia (°C)": "persistence_validation.item()",
        "validación: GRU con temperatura y hora (°C)": "validation['temperatura y hora']",
        "validación: GRU con todas las variables (°C)": "validation['todas las variables']",
        "validación: temperatura y hora menos todas (°C)": (
            "validation['temperatura y hora'] - validation['todas las variables']"),
        "validación: peor GRU / persistencia": "max(validation.values()) / persistence_validation.item()",
        "GRU de 1 h, MAE a 1 h (°C)": "errors['GRU, 1 hora'][0].item()",
        "GRU de 1 h / persistencia, a 1 h": "(errors['GRU, 1 hora'][0] / errors['persistencia'][0]).item()",
        "GRU directa, MAE a 24 h (°C)": "errors['GRU directa'][-1].item()",
        "GRU recursiva, MAE a 24 h (°C)": "errors['GRU recursiva'][-1].item()",
        "GRU directa / mejor línea base, a 24 h": "(errors['GRU directa'][-1] / baseline_24h).item()",
        "GRU recursiva menos directa, a 24 h (°C)": "(errors['GRU recursiva'][-1] - errors['GRU directa'][-1]).item()",
        "GRU directa, MAE a 6 h (°C)": "errors['GRU directa'][5].item()",
        "GRU recursiva, MAE a 6 h (°C)": "errors['GRU recursiva'][5].item()",
        "norma del gradiente: ventana de 48 h / de 6 h": "gradient_norms[48] / gradient_norms[6]",
        "sin recorte: épocas completadas": "len(history_unclipped['train_loss'])",
        "con recorte: pérdida de la última época": "history_clipped['train_loss'][-1]",
    },
    "06": {
        "bolsa de letras, validación": "accuracy(bag, 'validación')",
        "bolsa de n-gramas, validación": "accuracy(ngram_bag, 'validación', ngram_datasets)",
        "GRU, validación": "accuracy(model, 'validación')",
        "GRU entrenada empaquetando, usada sin empaquetar, validación": "mismatched_accuracy",
        "GRU empaquetando menos la misma usada sin empaquetar, validación": "packed_accuracy - mismatched_accuracy",
        "GRU entrenada sin empaquetar, validación": "accuracy(padded_model, 'validación')",
        "GRU empaquetando menos entrenada sin empaquetar, validación": (
            "accuracy(model, 'validación') - accuracy(padded_model, 'validación')"),
        "respuestas que cambian con el lote, empaquetando": "changed['empaquetando']",
        "respuestas que cambian con el lote, sin empaquetar": "changed['sin empaquetar']",
        "bolsa de letras, prueba": "test_accuracy['bolsa']",
        "bolsa de n-gramas, prueba": "test_accuracy['n-gramas']",
        "GRU, prueba": "test_accuracy['GRU']",
        "GRU menos bolsa de letras, prueba": "test_accuracy['GRU'] - test_accuracy['bolsa']",
        "GRU menos bolsa de n-gramas, prueba": "test_accuracy['GRU'] - test_accuracy['n-gramas']",
        "GRU menos bolsa de n-gramas en valor absoluto, prueba": "abs(test_accuracy['GRU'] - test_accuracy['n-gramas'])",
        "GRU: peor idioma, prueba": (
            "min((predictions['GRU'][targets == k] == k).float().mean().item() for k in range(len(LANGUAGES)))"),
        "n-gramas: peor idioma, prueba": (
            "min((predictions['n-gramas'][targets == k] == k).float().mean().item() for k in range(len(LANGUAGES)))"),
        "GRU: par más confundido (6 × real + predicho)": (
            "(lambda m: int(m.argmax()))(torch.zeros(6, 6).index_put_((targets, predictions['GRU']), "
            "torch.ones(len(targets)), accumulate=True).fill_diagonal_(0))"),
        "aciertos solo de la GRU / solo de los n-gramas": "len(gru_only) / len(ngram_only)",
        "similitud entre vocales": "vowel_vowel",
        "similitud vocal-consonante": "vowel_consonant",
        "similitud: vocales menos vocal-consonante": "vowel_vowel - vowel_consonant",
    },
    "07": {
        "n-grama: mejor orden": "BEST_N",
        "mejor n-grama, perplejidad en prueba": "baseline_perplexity",
        "GRU, perplejidad en prueba": "gru_perplexity",
        "GRU, perplejidad en entrenamiento": "perplexity(model, train_refranes)",
        "mejor n-grama menos GRU, prueba": "baseline_perplexity - gru_perplexity",
        "GRU pequeña llevando el estado, prueba": "small_perplexity[True]",
        "GRU pequeña reiniciando el estado, prueba": "small_perplexity[False]",
        "GRU pequeña: reiniciando menos llevando el estado, prueba": "small_perplexity[False] - small_perplexity[True]",
        "palabras que existen, temperatura 0.3": "word_share[0.3]",
        "palabras que existen, temperatura 0.8": "word_share[0.8]",
        "palabras que existen, temperatura 1.2": "word_share[1.2]",
        "palabras que existen: 0.3 menos 0.8": "word_share[0.3] - word_share[0.8]",
        "palabras que existen: 0.8 menos 1.2": "word_share[0.8] - word_share[1.2]",
        "refranes distintos, temperatura 0.3": "figures[0.3]['refranes distintos']",
        "nuevos, temperatura 0.3": "1 - sum(text in corpus for text in samples[0.3]) / N_SAMPLES",
        "nuevos, temperatura 0.8": "new_share",
        "segundos por época": "seconds_per_epoch",
    },
}

#: Umbrales que afirma el texto de los cuadernos: (cuaderno, cifra, ">" o "<", valor).
CHECKS = [
    ("01", "sucesor de 50, modelo original", "<", 41.0),
    ("01", "RMSE final, modelo original", ">", 10.0),
    ("01", "error máx. en los valores apartados", "<", 0.5),
    ("01", "progresiones: error tras 1 valor", ">", 1.0),
    ("01", "progresiones: error tras 2 o más / tras 1", "<", 0.5),
    ("02", "RNN 8 (original), prueba", "<", 0.65),
    ("02", "RNN 8: errores entre prendas de arriba o entre calzado", ">", 0.5),
    ("02", "RNN 128, prueba", ">", 0.83),
    ("03", "3 RNN de 8: rango entre semillas / el de 1 RNN de 8", ">", 2.0),
    ("03", "3 RNN de 8: máx. |entrenamiento − validación|", "<", 0.05),
    ("03", "gradiente fila 28: 3 capas / 1 capa", "<", 1.0),
    ("03", "gradiente fila 1: 3 capas / 1 capa", ">", 1.0),
    ("03", "gradiente fila 1 / fila 28, 1 capa", "<", 1e-4),
    ("03", "3 de 32 menos 1 de 32, validación", ">", 0.02),
    ("03", "|3 de 32 menos 1 de 64|, validación", "<", 0.04),
    ("04", "2 LSTM de 128, prueba", ">", 0.89),
    ("04", "LSTM entrenada / nueva: cociente fila 1 / fila 28", ">", 1000.0),
    ("04", "f_t medio, LSTM entrenada", "<", 0.6),
    ("04", "unidades con f_t medio > 0.9, entrenada", "<", 0.05),
    ("05", "validación: temperatura y hora menos todas (°C)", ">", 0.01),
    ("05", "validación: peor GRU / persistencia", "<", 0.9),
    ("05", "GRU de 1 h / persistencia, a 1 h", "<", 0.97),
    ("05", "GRU directa / mejor línea base, a 24 h", "<", 0.95),
    ("05", "GRU recursiva menos directa, a 24 h (°C)", ">", 0.0),
    ("05", "norma del gradiente: ventana de 48 h / de 6 h", ">", 100.0),
    ("05", "sin recorte: épocas completadas", "<", 8.0),
    ("05", "con recorte: pérdida de la última época", "<", 0.02),
    ("06", "GRU empaquetando menos la misma usada sin empaquetar, validación", ">", 0.2),
    ("06", "GRU empaquetando menos entrenada sin empaquetar, validación", "<", 0.06),
    ("06", "respuestas que cambian con el lote, empaquetando", "<", 0.005),
    ("06", "respuestas que cambian con el lote, sin empaquetar", ">", 0.15),
    ("06", "GRU menos bolsa de letras, prueba", ">", 0.15),
    ("06", "GRU menos bolsa de n-gramas en valor absoluto, prueba", "<", 0.08),
    ("07", "mejor n-grama menos GRU, prueba", ">", 0.1),
    ("07", "GRU pequeña: reiniciando menos llevando el estado, prueba", ">", 0.1),
    ("07", "palabras que existen: 0.3 menos 0.8", ">", 0.0),
    ("07", "palabras que existen: 0.8 menos 1.2", ">", 0.0),
    ("07", "nuevos, temperatura 0.8", ">", 0.9),
]

PROBE = """
import json as _json, torch as _torch
_figures = {}
for _name, _expression in %r.items():
    try:
        _figures[_name] = float(eval(_expression))
    except Exception as _error:
        _figures[_name] = None
print("ROBUSTEZ " + _json.dumps({"figures": _figures, "capability": _torch.backends.cpu.get_cpu_capability(),
                                 "threads": _torch.get_num_threads(),
                                 "device": str(__import__("utils").get_device())}))
"""


def bare_loop_epoch() -> float:
    """Segundos de una época del bucle mínimo de ``epoch_speed.py`` (mediana de 3), en este proceso."""
    sys.path.insert(0, str(ROOT))
    import torch  # noqa: PLC0415 (solo en el proceso que mide)

    import utils  # noqa: PLC0415
    from benchmarks.epoch_speed import N_TRAIN, RowRNN, bare_epoch, sliced_batches, timed  # noqa: PLC0415

    utils.set_seed(0)
    images, labels = utils.load_fashion_mnist()[0].tensors
    model = RowRNN()
    optimizer = torch.optim.Adam(model.parameters())
    criterion = torch.nn.CrossEntropyLoss()

    def epoch() -> None:
        bare_epoch(model, optimizer, criterion, sliced_batches(images[:N_TRAIN], labels[:N_TRAIN], True),
                   sliced_batches(images[N_TRAIN:], labels[N_TRAIN:], False))

    epoch()
    return statistics.median(timed(epoch) for _ in range(3))


def run_notebook(path: Path, seed: int) -> dict:
    """Ejecuta ``path`` con la semilla ``seed`` y devuelve celdas con error, cifras y segundos."""
    import nbformat  # noqa: PLC0415
    from nbclient import NotebookClient  # noqa: PLC0415

    nb = nbformat.read(path, as_version=4)
    setup = next(cell for cell in nb.cells if cell.cell_type == "code" and re.search(r"^SEED = 0\b", cell.source, re.M))
    setup.source = re.sub(r"^SEED = 0\b", f"SEED = {seed}", setup.source, flags=re.M)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE % FIGURES.get(path.name[:2], {})))
    client = NotebookClient(nb, timeout=3600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    errors, probe = [], {}
    for index, cell in enumerate(nb.cells[:-1]):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                errors.append(f"celda {index}: {output.ename}: {output.evalue}"[:200])
    for output in nb.cells[-1].get("outputs", []):
        if output.output_type == "stream" and "ROBUSTEZ " in output.text:
            probe = json.loads(output.text.split("ROBUSTEZ ", 1)[1])
    return {"errors": errors, "seconds": round(seconds, 1), **probe}


def worker(index: int, only: list[str] | None) -> None:
    """Una configuración: los cuadernos (todos u ``only``), en orden, con una carpeta de datos propia.

    Con ``only``, lo medido se añade a lo que ya hubiera de esa configuración.
    """
    config = CONFIGS[index]
    saved = OUT_DIR / f"{index}.json"
    bare_loop_s = round(bare_loop_epoch(), 3)
    result = {"config": config.name, "env": config.env, "bare_loop_s": bare_loop_s, "notebooks": {}}
    if only and saved.is_file():
        result = json.loads(saved.read_text(encoding="utf-8"))
        for earlier in result["notebooks"].values():  # su tiempo se midió con el bucle de entonces
            earlier.setdefault("bare_loop_s", result["bare_loop_s"])
    for path in NOTEBOOKS:
        if only and path.name[:2] not in only:
            continue
        # cada cuaderno guarda la época del bucle mínimo medida en la misma sesión que su tiempo
        result["notebooks"][path.name[:2]] = {**run_notebook(path, config.seed), "bare_loop_s": bare_loop_s}
        print(f"[{config.name}] {path.name}: {result['notebooks'][path.name[:2]]['seconds']} s, "
              f"errores: {result['notebooks'][path.name[:2]]['errors'] or 'ninguno'}", flush=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


def launch(index: int, threads: int | None, only: list[str] | None) -> subprocess.Popen:
    """Arranca un proceso ``--worker`` con el entorno de la configuración y su propia carpeta de datos."""
    config = CONFIGS[index]
    env = {**os.environ, **config.env, "REDES_RECURRENTES_DATOS": tempfile.mkdtemp(prefix="robustez-")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    if not config.cuda:
        env["CUDA_VISIBLE_DEVICES"] = ""  # las configuraciones de CPU no usan la GPU aunque la haya
    if threads:
        env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(threads)
    return subprocess.Popen([sys.executable, __file__, "--worker", str(index), *(["--notebooks", *only] if only else [])],
                            env=env)


def report() -> None:
    """Imprime la tabla de todo lo medido en ``tmp/robustez/``."""
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(OUT_DIR.glob("*.json"))]
    if not runs:
        sys.exit("No hay resultados en tmp/robustez/: ejecuta antes el script sin --report.")
    print("## Configuraciones\n")
    print("| configuración | CPU (ATen) | hilos | 1 época del bucle mínimo | cuadernos sin errores | "
          + " | ".join(f"{nb} (épocas del bucle)" for nb in FIGURES) + " |")
    print("|---|---|---|---|---|" + "---|" * len(FIGURES))
    for run in runs:
        nbs = run["notebooks"]
        first = next(iter(nbs.values()), {})
        clean = [nb for nb, r in nbs.items() if not r["errors"]]
        times = [f"{nbs[nb]['seconds'] / nbs[nb].get('bare_loop_s', run['bare_loop_s']):.0f}" if nb in nbs else "–"
                 for nb in FIGURES]
        print(f"| {run['config']} | {first.get('capability', '?')} | {first.get('threads', '?')} | "
              f"{run['bare_loop_s']:.2f} s | {len(clean)} de {len(nbs)} | " + " | ".join(times) + " |")
    errors = [(run["config"], nb, e) for run in runs for nb, r in run["notebooks"].items() for e in r["errors"]]
    for config, nb, error in errors:
        print(f"\n**Error** en {nb} ({config}): {error}")
    limits = {(nb, name): (op, value) for nb, name, op, value in CHECKS}
    print("\n## Cifras (mínimo, mediana y máximo de todas las configuraciones)\n")
    print("| cuaderno | cifra | configuraciones | mín. | mediana | máx. | umbral del texto | margen en el peor caso "
          "| margen / desviación típica |")
    print("|---|---|---|---|---|---|---|---|---|")
    for nb, figures in FIGURES.items():
        for name in figures:
            values = [run["notebooks"][nb]["figures"].get(name) for run in runs
                      if nb in run["notebooks"] and "figures" in run["notebooks"][nb]]
            values = [v for v in values if v is not None]
            if not values:
                continue
            low, mid, high = min(values), statistics.median(values), max(values)
            limit, margin, sigmas = "", "", ""
            if (nb, name) in limits:
                op, value = limits[nb, name]
                limit = f"{op} {value:g}"
                worst = (low - value) if op == ">" else (value - high)
                margin = f"{worst:+.3g}"
                # la regla del curso: el margen debe ser de al menos 3 desviaciones típicas entre ejecuciones
                spread = statistics.stdev(values) if len(values) > 1 else 0.0
                sigmas = f"{worst / spread:.1f}" if spread > 0 else "sin dispersión"
            print(f"| {nb} | {name} | {len(values)} | {low:.4g} | {mid:.4g} | {high:.4g} | {limit} | {margin} "
                  f"| {sigmas} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", type=int, nargs="*", help="índices de CONFIGS (por defecto, todas)")
    parser.add_argument("--notebooks", nargs="*", help="solo estos cuadernos (p. ej. 01 03); se añaden a lo ya medido")
    parser.add_argument("--jobs", type=int, default=1, help="configuraciones a la vez (con --jobs 2, un hilo cada una)")
    parser.add_argument("--report", action="store_true", help="solo imprime la tabla de lo ya medido")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        return worker(args.worker, args.notebooks)
    if not args.report:
        import torch  # noqa: PLC0415

        chosen = args.configs if args.configs is not None else range(len(CONFIGS))
        chosen = [i for i in chosen if not CONFIGS[i].cuda or torch.cuda.is_available()]
        threads = 1 if args.jobs > 1 else None
        running: list[subprocess.Popen] = []
        for index in chosen:
            while len(running) >= args.jobs:
                time.sleep(5)
                running = [p for p in running if p.poll() is None]
            running.append(launch(index, threads, args.notebooks))
        for process in running:
            process.wait()
    report()


if __name__ == "__main__":
    main()
