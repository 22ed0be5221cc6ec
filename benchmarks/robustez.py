"""Robustez: ¿se cumple lo que dicen los cuadernos en otros equipos?

Ejecuta cada cuaderno de principio a fin en varias configuraciones que representan los equipos de
otros estudiantes (otras semillas, las instrucciones de una CPU antigua y, si hay GPU, CUDA),
y guarda, para cada cuaderno y configuración:

- si se ejecutaron todas las celdas sin error;
- cada ``assert`` del cuaderno, tal como está escrito: al ejecutarlo se anotan los dos lados de su
  comparación (``assert A < B`` anota A, B y el margen B - A) y falla igual que siempre;
- las cifras que el cuaderno declara en los metadatos de la celda que las calcula, en la clave
  ``"robustez"`` (``{"nombre de la cifra": "expresión"}``; en JupyterLab, en el inspector de
  propiedades de la celda): se evalúan justo después de esa celda;
- el tiempo de ejecución, en segundos y en épocas del bucle mínimo de ``epoch_speed.py``.

Las afirmaciones viven solo en los cuadernos: este script no tiene ninguna lista de umbrales ni de
variables, y un cuaderno nuevo queda cubierto sin tocarlo. Al final imprime el mínimo, la mediana y
el máximo de cada cifra y, para cada ``assert``, el margen en el peor caso y cuántas desviaciones
típicas entre ejecuciones supone (el curso pide al menos 3). Un margen negativo es una afirmación
que no se cumple en algún equipo.

Uso (desde la raíz del proyecto; tarda mucho, mejor en segundo plano):

    python benchmarks/robustez.py                      # todas las configuraciones, una a una
    python benchmarks/robustez.py --configs 1 2 --jobs 2  # dos a la vez, con un hilo cada una
    python benchmarks/robustez.py --report             # solo el informe, con lo ya medido

Los resultados se guardan en ``benchmarks/resultados/`` (un JSON por configuración, con la huella de
cada cuaderno medido) y se versionan con el proyecto: el informe ``benchmarks/README.md`` lo escribe
este script a partir de ellos, nunca se copia a mano. Un cuaderno que ha cambiado desde que se midió
aparece en el informe como pendiente de medir.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import math
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
OUT_DIR = ROOT / "benchmarks" / "resultados"
REPORT = ROOT / "benchmarks" / "README.md"
README = ROOT / "README.md"
#: Segundos de una época del bucle mínimo en un portátil de 2 núcleos: el presupuesto del curso da
#: 650 épocas del bucle para 5 minutos (los equipos de CI, de 0.30 a 0.60 s según la CPU).
LAPTOP_EPOCH_S = 5 * 60 / 650

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

#: Celda que se ejecuta antes que el cuaderno: anota cada ``assert`` y cada cifra declarada.
RECORDER = """
import json as _robustez_json, operator as _robustez_op
_robustez = {"asserts": {}, "figures": {}}


def _robustez_check(name, left, op, right):
    compare = {"<": _robustez_op.lt, "<=": _robustez_op.le, ">": _robustez_op.gt, ">=": _robustez_op.ge,
               "==": _robustez_op.eq, "!=": _robustez_op.ne, None: lambda value, _: value}[op]
    ok = bool(compare(left, right))
    try:
        left, right = float(left), (None if right is None else float(right))
        margin = right - left if op in ("<", "<=") else left - right if op in (">", ">=") else None
    except (TypeError, ValueError):
        left = right = margin = None
    seen = _robustez["asserts"].get(name)  # un assert dentro de un bucle: se queda el peor caso
    if seen is None or not ok or (margin is not None and (seen["margin"] is None or margin < seen["margin"])):
        _robustez["asserts"][name] = {"value": left, "op": op, "threshold": right, "margin": margin, "ok": ok}
    return ok


def _robustez_figures(figures):
    for name, expression in figures.items():
        try:
            _robustez["figures"][name] = float(eval(expression))
        except Exception:
            _robustez["figures"][name] = None
"""

#: Celda que se ejecuta al final: imprime lo anotado y con qué CPU y dispositivo se ejecutó.
REPORTER = """
import torch as _robustez_torch
print("ROBUSTEZ " + _robustez_json.dumps({**_robustez, "capability": _robustez_torch.backends.cpu.get_cpu_capability(),
                                          "threads": _robustez_torch.get_num_threads(),
                                          "device": str(__import__("utils").get_device())}))
"""


class _RecordAsserts(ast.NodeTransformer):
    """Cambia ``assert A op B, mensaje`` por ``assert _robustez_check(nombre, A, "op", B), mensaje``."""

    OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}

    def __init__(self, cell: int) -> None:
        self.cell = cell

    def visit_Assert(self, node: ast.Assert) -> ast.Assert:
        test = node.test
        name = ast.Constant(f"celda {self.cell}: {ast.unparse(test)}")
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in self.OPS:
            args = [name, test.left, ast.Constant(self.OPS[type(test.ops[0])]), test.comparators[0]]
        else:  # sin comparación (assert x, assert a and b): solo si se cumple
            args = [name, test, ast.Constant(None), ast.Constant(None)]
        node.test = ast.Call(ast.Name("_robustez_check", ast.Load()), args, [])
        return node


def instrument(source: str, cell: int) -> str:
    """El código de una celda con sus ``assert`` anotados (igual si no es Python puro, p. ej. con magias)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    if not any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
        return source
    return ast.unparse(ast.fix_missing_locations(_RecordAsserts(cell).visit(tree)))


def write_section(path: Path, name: str, text: str) -> None:
    """Sustituye en ``path`` lo que hay entre ``<!-- name: inicio -->`` y ``<!-- name: fin -->``."""
    begin, end = f"<!-- {name}: inicio -->", f"<!-- {name}: fin -->"
    document = path.read_text(encoding="utf-8")
    if begin not in document or end not in document:
        raise ValueError(f"{path} no tiene las marcas {begin} y {end}")
    head, rest = document.split(begin, 1)
    path.write_text(f"{head}{begin}\n{text.strip()}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")


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


def fingerprint(path: Path) -> str:
    """Huella del código del cuaderno (sus celdas de código): cambia si cambia lo que se ejecuta."""
    import nbformat  # noqa: PLC0415

    code = "\n\x00".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:12]


def run_notebook(path: Path, seed: int) -> dict:
    """Ejecuta ``path`` con la semilla ``seed``; devuelve celdas con error, asserts, cifras y segundos."""
    import nbformat  # noqa: PLC0415
    from nbclient import NotebookClient  # noqa: PLC0415

    nb = nbformat.read(path, as_version=4)
    cells = [nbformat.v4.new_code_cell(RECORDER)]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.source = re.sub(r"^SEED = 0\b", f"SEED = {seed}", cell.source, flags=re.M)
            cell.source = instrument(cell.source, index)
        cell.metadata["robustez_index"] = index
        cells.append(cell)
        if cell.cell_type == "code" and cell.metadata.get("robustez"):
            cells.append(nbformat.v4.new_code_cell(f"_robustez_figures({dict(cell.metadata['robustez'])!r})"))
    nb.cells = [*cells, nbformat.v4.new_code_cell(REPORTER)]
    client = NotebookClient(nb, timeout=3600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    errors, probe = [], {}
    for cell in nb.cells[:-1]:
        for output in cell.get("outputs", []):
            if output.output_type == "error" and "robustez_index" in cell.metadata:
                errors.append(f"celda {cell.metadata['robustez_index']}: {output.ename}: {output.evalue}"[:200])
    for output in nb.cells[-1].get("outputs", []):
        if output.output_type == "stream" and "ROBUSTEZ " in output.text:
            probe = json.loads(output.text.split("ROBUSTEZ ", 1)[1])
    return {"errors": errors, "seconds": round(seconds, 1), "fingerprint": fingerprint(path), **probe}


def worker(index: int, only: list[str] | None) -> None:
    """Una configuración: los cuadernos (todos u ``only``), en orden, con una carpeta de datos propia.

    Con ``only``, lo medido se añade a lo que ya hubiera de esa configuración (leído al final, para no
    perder lo que otro proceso haya guardado mientras tanto).
    """
    config = CONFIGS[index]
    saved = OUT_DIR / f"{index}.json"
    bare_loop_s = round(bare_loop_epoch(), 3)
    measured = {}
    for path in NOTEBOOKS:
        if only and path.name[:2] not in only:
            continue
        # cada cuaderno guarda la época del bucle mínimo medida en la misma sesión que su tiempo
        measured[path.name[:2]] = {**run_notebook(path, config.seed), "bare_loop_s": bare_loop_s}
        print(f"[{config.name}] {path.name}: {measured[path.name[:2]]['seconds']} s, "
              f"errores: {measured[path.name[:2]]['errors'] or 'ninguno'}", flush=True)
    result = {"config": config.name, "env": config.env, "bare_loop_s": bare_loop_s, "notebooks": {}}
    if only and saved.is_file():
        result = json.loads(saved.read_text(encoding="utf-8"))
        for earlier in result["notebooks"].values():  # su tiempo se midió con el bucle de entonces
            earlier.setdefault("bare_loop_s", result["bare_loop_s"])
    result["notebooks"].update(measured)
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


def current_runs() -> tuple[list[dict], set[str]]:
    """Lo medido con el código actual de cada cuaderno (su huella), y qué cuadernos tienen medidas viejas."""
    current = {path.name[:2]: fingerprint(path) for path in NOTEBOOKS}
    runs, stale = [], set()
    for saved in sorted(OUT_DIR.glob("*.json")):
        run = json.loads(saved.read_text(encoding="utf-8"))
        fresh = {nb: r for nb, r in run["notebooks"].items() if r.get("fingerprint") == current.get(nb)}
        stale |= set(run["notebooks"]) - set(fresh)
        if fresh:
            runs.append({**run, "notebooks": fresh})
    return runs, stale


def loop_epochs(run: dict, nb: str) -> float:
    """Tiempo del cuaderno ``nb`` en la configuración ``run``, en épocas del bucle mínimo medidas con él."""
    result = run["notebooks"][nb]
    return result["seconds"] / result.get("bare_loop_s", run["bare_loop_s"])


def laptop_minutes(runs: list[dict]) -> dict[str, float]:
    """Minutos de cada cuaderno medido en un portátil de 2 núcleos: el mínimo de sus épocas del bucle.

    El mínimo y no la mediana: otro proceso en la misma máquina solo puede alargar una ejecución. Las
    configuraciones que imitan una CPU antigua solo cuentan para un cuaderno que no tenga otras.
    """
    epochs: dict[str, dict[bool, list[float]]] = {}
    for run in runs:
        for nb in run["notebooks"]:
            epochs.setdefault(nb, {False: [], True: []})[bool(run.get("env"))].append(loop_epochs(run, nb))
    return {nb: min(values[False] or values[True]) * LAPTOP_EPOCH_S / 60 for nb, values in epochs.items()}


def update_course_map(text: str, minutes: dict[str, float]) -> str:
    """El mapa del curso del README con la columna «Minutos» de cada cuaderno medido (redondeada hacia arriba).

    Solo toca las filas de la tabla entre ``<!-- mapa: inicio -->`` y ``<!-- mapa: fin -->`` que
    enlazan a un cuaderno (``| [NN · ...``); la columna es la penúltima.
    """
    head, rest = text.split("<!-- mapa: inicio -->", 1)
    table, tail = rest.split("<!-- mapa: fin -->", 1)
    rows = []
    for row in table.split("\n"):
        found = re.match(r"\| \[(\d\d) ·", row)
        if found and found.group(1) in minutes:
            cells = row.split(" | ")
            cells[-2] = str(max(1, math.ceil(minutes[found.group(1)])))
            row = " | ".join(cells)
        rows.append(row)
    body = "\n".join(rows)
    return f"{head}<!-- mapa: inicio -->{body}<!-- mapa: fin -->{tail}"


def report() -> str:
    """El informe en markdown de todo lo medido en ``benchmarks/resultados/`` que sigue vigente.

    Solo cuenta lo medido con el código actual de cada cuaderno (su huella): lo medido con una
    versión anterior se lista como pendiente, nunca se mezcla con lo nuevo.
    """
    runs, stale = current_runs()
    current = {path.name[:2] for path in NOTEBOOKS}
    notebooks = sorted({nb for run in runs for nb in run["notebooks"]})
    lines = []
    out = lines.append
    out("## Tiempo de cada cuaderno\n")
    out("De principio a fin, sin GPU, en épocas del bucle mínimo (una época del modelo original de "
        "`epoch_speed.py`, medida en la misma sesión) y en minutos de un portátil de 2 núcleos "
        f"({LAPTOP_EPOCH_S:.2f} s por época del bucle: el presupuesto de una lección, 650 épocas en 5 minutos).\n")
    out("| cuaderno | configuraciones | épocas del bucle (mediana) | mín.-máx. | minutos en un portátil (del mínimo) |")
    out("|---|---|---|---|---|")
    minutes = laptop_minutes(runs)
    for nb in notebooks:
        epochs = [loop_epochs(run, nb) for run in runs if nb in run["notebooks"]]
        out(f"| {nb} | {len(epochs)} | {statistics.median(epochs):.0f} | {min(epochs):.0f}-{max(epochs):.0f} "
            f"| {minutes[nb]:.1f} |")
    missing = sorted(current - set(notebooks))
    if missing:
        out(f"\n**Pendientes de medir** con su código actual: {', '.join(missing)}"
            + (f" (hay medidas de una versión anterior de {', '.join(sorted(stale & set(missing)))}, que no cuentan)"
               if stale & set(missing) else "") + ".")
    out("\n## Configuraciones\n")
    out("| configuración | CPU (ATen) | hilos | 1 época del bucle mínimo | cuadernos sin errores | "
        + " | ".join(f"{nb} (épocas del bucle)" for nb in notebooks) + " |")
    out("|---|---|---|---|---|" + "---|" * len(notebooks))
    for run in runs:
        nbs = run["notebooks"]
        first = next(iter(nbs.values()), {})
        clean = [nb for nb, r in nbs.items() if not r["errors"]]
        times = [f"{loop_epochs(run, nb):.0f}" if nb in nbs else "–" for nb in notebooks]
        out(f"| {run['config']} | {first.get('capability', '?')} | {first.get('threads', '?')} | "
            f"{run['bare_loop_s']:.2f} s | {len(clean)} de {len(nbs)} | " + " | ".join(times) + " |")
    for run in runs:
        for nb, result in run["notebooks"].items():
            for error in result["errors"]:
                out(f"\n**Error** en {nb} ({run['config']}): {error}")
    out("\n## Cifras declaradas (mínimo, mediana y máximo de todas las configuraciones)\n")
    out("| cuaderno | cifra | configuraciones | mín. | mediana | máx. |")
    out("|---|---|---|---|---|---|")
    for nb, name, values in _collect(runs, notebooks, "figures"):
        values = [v for v in values if v is not None]
        if values:
            out(f"| {nb} | {name} | {len(values)} | {min(values):.4g} | {statistics.median(values):.4g} "
                f"| {max(values):.4g} |")
    out("\n## Los assert de los cuadernos\n")
    out("| cuaderno | assert | configuraciones | se cumple | valor (mín.-máx.) | umbral (mín.-máx.) "
        "| margen en el peor caso | margen / desviación típica |")
    out("|---|---|---|---|---|---|---|---|")
    for nb, name, records in _collect(runs, notebooks, "asserts"):
        records = [r for r in records if r is not None]
        passed = sum(r["ok"] for r in records)
        margins = [r["margin"] for r in records if r["margin"] is not None]
        worst = min(margins) if margins else None
        spread = statistics.stdev(margins) if len(margins) > 1 else 0.0
        sigmas = "" if worst is None else f"{worst / spread:.1f}" if spread > 0 else "sin dispersión"
        out(f"| {nb} | `{name.replace('|', '∣')}` | {len(records)} | {passed} de {len(records)} "
            f"| {_span(records, 'value')} | {_span(records, 'threshold')} "
            f"| {'' if worst is None else f'{worst:+.3g}'} | {sigmas} |")
    return "\n".join(lines) + "\n"


def _collect(runs: list[dict], notebooks: list[str], kind: str) -> list[tuple[str, str, list]]:
    """``(cuaderno, nombre, [lo de cada configuración])`` de cada cifra o assert, en orden de aparición."""
    rows = []
    for nb in notebooks:
        results = [run["notebooks"][nb].get(kind, {}) for run in runs if nb in run["notebooks"]]
        names = list(dict.fromkeys(name for result in results for name in result))
        rows += [(nb, name, [result.get(name) for result in results]) for name in names]
    return rows


def _span(records: list[dict], key: str) -> str:
    """Mínimo y máximo de ``key`` en ``records`` (uno solo si son iguales)."""
    values = [record[key] for record in records if record[key] is not None]
    if not values:
        return ""
    low, high = min(values), max(values)
    return f"{low:.4g}" if low == high else f"{low:.4g} a {high:.4g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", type=int, nargs="*", help="índices de CONFIGS (por defecto, todas)")
    parser.add_argument("--notebooks", nargs="*", help="solo estos cuadernos (p. ej. 01 03); se añaden a lo ya medido")
    parser.add_argument("--jobs", type=int, default=1, help="configuraciones a la vez (con --jobs 2, un hilo cada una)")
    parser.add_argument("--report", action="store_true", help="solo escribe el informe con lo ya medido")
    parser.add_argument("--threads", type=int, help="hilos de cada configuración (con --jobs 2, uno)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        return worker(args.worker, args.notebooks)
    if not args.report:
        import torch  # noqa: PLC0415

        chosen = args.configs if args.configs is not None else range(len(CONFIGS))
        chosen = [i for i in chosen if not CONFIGS[i].cuda or torch.cuda.is_available()]
        threads = args.threads or (1 if args.jobs > 1 else None)
        running: list[subprocess.Popen] = []
        for index in chosen:
            while len(running) >= args.jobs:
                time.sleep(5)
                running = [p for p in running if p.poll() is None]
            running.append(launch(index, threads, args.notebooks))
        for process in running:
            process.wait()
    write_section(REPORT, "robustez", report())
    README.write_text(update_course_map(README.read_text(encoding="utf-8"), laptop_minutes(current_runs()[0])),
                      encoding="utf-8")
    print(f"Informe escrito en {REPORT.relative_to(ROOT)}, y los minutos de cada cuaderno en el README")


if __name__ == "__main__":
    main()
