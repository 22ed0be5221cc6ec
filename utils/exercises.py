"""Comprobar un ejercicio sin ver la solución.

Cada ejercicio con una respuesta exacta (un número de parámetros, un valor calculado a mano) tiene
aquí una comprobación: ``check_exercise("02.1", 21000)`` dice si la respuesta es correcta y, si no,
da una pista. La respuesta no está escrita en este fichero, solo su huella SHA-256: leer el código
no la revela a simple vista.

Los números con decimales se comparan redondeados a los decimales que pide el enunciado, así que
vale cualquier forma de calcularlos que dé lo mismo con esa precisión.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    question: str  # lo que se pide, en pocas palabras
    digits: int | None  # None: un número entero; si no, los decimales con que se compara
    answers: tuple[str, ...]  # huellas de las respuestas correctas (ver ``fingerprint``)
    hint: str  # pista para una respuesta equivocada, sin dar la solución


def fingerprint(exercise_id: str, answer: int | float, digits: int | None) -> str:
    """La huella de una respuesta: SHA-256 de ``"id:valor"``, con el valor escrito como lo compara ``check_exercise``."""
    value = str(int(answer)) if digits is None else f"{round(float(answer), digits):.{digits}f}"
    return hashlib.sha256(f"{exercise_id}:{value}".encode()).hexdigest()


EXERCISES: dict[str, Exercise] = {
    "01.3": Exercise(
        "error medio tras ver un valor, con saltos de 1 a 9 (un decimal)",
        1,
        ("6a4bbc7f6a946974165d54f9a98b1520b3862c200c8643fb90ecaa7f99227ec2",),
        "la red no sabe el salto: ¿qué valor le conviene apostar, y cuánto se equivoca en promedio "
        "con cada uno de los nueve saltos posibles?",
    ),
    "02.1": Exercise(
        "parámetros del modelo final (RNN de 128 unidades y capa lineal)",
        None,
        ("859c16b242e46766ccfb05aab6c6faba3a3334147455da5fde296b6eab730060",),
        "cuenta, en la RNN, los pesos de la entrada, los recurrentes y los dos vectores de sesgo; "
        "después los pesos y sesgos de la capa lineal.",
    ),
    "03.1": Exercise(
        "parámetros de dos capas RNN de 32 unidades y la capa lineal",
        None,
        ("fdd48917ff7a12d5b7ab77175ceac4bdab07094782daa0fad15701401572f55b",),
        "la segunda capa no recibe 28 valores por paso, sino la salida de la primera.",
    ),
    "04.1": Exercise(
        "parámetros de una LSTM bidireccional de 64 unidades y su capa lineal",
        None,
        ("b56e75a4e6e864f3ddcd7e8268ac21db73ea88a860965199b074a970fb13bac9",),
        "una LSTM tiene cuatro veces los pesos de una RNN simple (una por puerta y la candidata), "
        "hay dos direcciones, y la capa lineal recibe las dos.",
    ),
}


def check_exercise(exercise_id: str, answer: int | float | None) -> None:
    """Escribe si ``answer`` es la respuesta del ejercicio ``exercise_id`` (p. ej. ``"02.1"``) y, si no, una pista.

    ``answer`` es un número; también vale un tensor de un solo elemento o un escalar de NumPy.
    """
    if exercise_id not in EXERCISES:
        raise ValueError(f"No hay comprobación para el ejercicio {exercise_id!r}; las hay para: {', '.join(EXERCISES)}.")
    exercise = EXERCISES[exercise_id]
    if answer is None:
        print(f"Ejercicio {exercise_id}, {exercise.question}: escribe tu respuesta en lugar de None.")
        return
    if hasattr(answer, "item") and getattr(answer, "ndim", 0) == 0:  # un tensor o un escalar de NumPy
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise TypeError(f"La respuesta del ejercicio {exercise_id} tiene que ser un número (como 21514 o 2.2), "
                        f"y se ha recibido un {type(answer).__name__}.")
    if exercise.digits is None and answer != int(answer):
        print(f"Ejercicio {exercise_id}: {answer} no es un número entero, y aquí se pide uno.")
        return
    if fingerprint(exercise_id, answer, exercise.digits) in exercise.answers:
        print(f"Ejercicio {exercise_id}: ¡correcto!")
    else:
        print(f"Ejercicio {exercise_id}: {answer} no es la respuesta. Pista: {exercise.hint}")
