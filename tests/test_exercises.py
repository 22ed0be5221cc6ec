"""Las comprobaciones de los ejercicios aceptan la respuesta de referencia y rechazan las equivocadas típicas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import utils
from utils.exercises import EXERCISES

ROOT = Path(__file__).resolve().parent.parent


def n_parameters(*modules: nn.Module) -> int:
    return sum(p.numel() for module in modules for p in module.parameters())


#: Respuesta de referencia de cada ejercicio, calculada como en su solución, y errores típicos.
REFERENCE = {
    "01.3": (sum(abs(step - 5) for step in range(1, 10)) / 9, [2.0, 2.5, 5.0]),  # apostar por 5; y errores
    "02.1": (n_parameters(nn.RNN(28, 128), nn.Linear(128, 10)), [21514 - 128, 20224, 21514 - 10]),
    "03.1": (n_parameters(nn.RNN(28, 32, num_layers=2), nn.Linear(32, 10)), [2 * 1984 + 330, 4426 - 32]),
    "04.1": (n_parameters(nn.LSTM(28, 64, bidirectional=True), nn.Linear(128, 10)), [24064 + 650, 24064 + 1290]),
}


def test_every_exercise_has_a_reference():
    assert set(REFERENCE) == set(EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_reference_is_accepted_and_typical_mistakes_are_not(exercise_id, capsys):
    reference, mistakes = REFERENCE[exercise_id]
    utils.check_exercise(exercise_id, reference)
    assert capsys.readouterr().out == f"Ejercicio {exercise_id}: ¡correcto!\n"
    for wrong in mistakes:
        utils.check_exercise(exercise_id, wrong)
        out = capsys.readouterr().out
        assert "no es la respuesta. Pista:" in out
        assert EXERCISES[exercise_id].hint in out


def test_messages_never_contain_the_answer(capsys):
    for exercise_id, (reference, mistakes) in REFERENCE.items():
        for answer in [None, *mistakes]:
            utils.check_exercise(exercise_id, answer)
        shown = capsys.readouterr().out.replace(" ", "")
        answer = f"{reference:.1f}" if isinstance(reference, float) else str(reference)
        assert answer not in shown


def test_rounding_none_and_wrong_types(capsys):
    utils.check_exercise("01.3", 2.2)  # se pide un decimal: 2.22 y 2.2 valen igual
    utils.check_exercise("02.1", 21514.0)  # un entero escrito como float
    assert capsys.readouterr().out.count("¡correcto!") == 2
    utils.check_exercise("02.1", None)
    assert "escribe tu respuesta en lugar de None" in capsys.readouterr().out
    utils.check_exercise("02.1", 21514.5)
    assert "no es un número entero" in capsys.readouterr().out
    with pytest.raises(TypeError, match="tiene que ser un número .* se ha recibido un str"):
        utils.check_exercise("02.1", "21514")
    with pytest.raises(TypeError, match="se ha recibido un Tensor"):  # varios números no son una respuesta
        utils.check_exercise("02.1", torch.tensor([21514, 1]))


def test_a_tensor_or_numpy_scalar_is_read_as_its_number(capsys):
    parameters, step_error = REFERENCE["02.1"][0], REFERENCE["01.3"][0]
    answers = [("02.1", torch.tensor(parameters)), ("02.1", torch.tensor([parameters]).sum()),
               ("02.1", np.int64(parameters)), ("02.1", np.float32(parameters)),
               ("01.3", torch.tensor(step_error)), ("01.3", np.float64(step_error))]
    for exercise_id, answer in answers:
        utils.check_exercise(exercise_id, answer)
    assert capsys.readouterr().out.count("¡correcto!") == len(answers)
    with pytest.raises(ValueError, match="No hay comprobación para el ejercicio '09.9'"):
        utils.check_exercise("09.9", 1)


def test_each_check_in_the_notebooks_exists_and_is_announced():
    used = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            for exercise_id in re.findall(r'check_exercise\("([\d.]+)", None\)', "".join(cell["source"])):
                assert exercise_id in EXERCISES and exercise_id.startswith(path.name[:2])
                # la celda de antes (los enunciados) dice qué ejercicio se comprueba
                assert f"El ejercicio {exercise_id.split('.')[1]} tiene una comprobación" in "".join(cells[i - 1]["source"])
                used.add(exercise_id)
    assert used == set(EXERCISES)
