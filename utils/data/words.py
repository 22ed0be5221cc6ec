"""Palabras de seis idiomas tal como se escriben, de las listas de frecuencias de ``wordfreq``.

``wordfreq`` (PyPI, de Robyn Speer) trae dentro sus listas, hechas con textos reales de cada idioma
(Wikipedia, subtítulos, libros, noticias, webs...): ``pip install`` basta, y después se leen sin
conexión en cualquier sistema. Código con licencia Apache-2.0; datos con licencia CC BY-SA 4.0, que
pide citar la fuente: Robyn Speer (2022), *rspeer/wordfreq: v3.0*, Zenodo,
https://doi.org/10.5281/zenodo.7199437. Las listas se leen al ejecutar, no se copian a otro fichero
(lo pide la propia biblioteca).
"""

from __future__ import annotations

import importlib.metadata
import itertools
import unicodedata
import warnings
from types import ModuleType

#: Versión de ``wordfreq`` con la que se prepararon las cifras de los cuadernos.
WORDFREQ_VERSION = "3.1.1"

#: Idiomas disponibles y su código en ``wordfreq``.
LANGUAGES = {"español": "es", "catalán": "ca", "portugués": "pt", "italiano": "it", "francés": "fr", "inglés": "en"}

#: Una palabra es de un idioma si allí es al menos este número de veces más frecuente que en los demás.
MIN_RATIO = 10


def load_words(languages: tuple[str, ...] | list[str] = tuple(LANGUAGES), n_words: int = 50_000,
               ) -> dict[str, list[str]]:
    """Las palabras más frecuentes de cada idioma, limpias y con una única respuesta.

    Para cada idioma se toman sus ``n_words`` palabras más frecuentes que estén hechas solo de
    letras latinas, al menos dos (fuera cifras, símbolos, palabras con apóstrofo o guion y los
    fragmentos sueltos como la ``l`` de «l'home»; el punto volado de la «l·l» catalana cuenta como
    letra). Después se quitan las que no son claramente de ese idioma: una palabra se queda solo si
    en él es al menos ``MIN_RATIO`` (10) veces más frecuente que en cada uno de los otros idiomas
    pedidos. *casa* (español, portugués e italiano) y *chocolate* se van; *perros* se queda en
    español, aunque aparezca alguna vez en textos de los otros cinco.

    Son palabras de textos reales, con todas sus formas (plurales, verbos conjugados). También hay
    nombres propios (en minúsculas: ``wordfreq`` no distingue mayúsculas), erratas y préstamos.

    Args:
        languages: idiomas, entre ``"español"``, ``"catalán"``, ``"portugués"``, ``"italiano"``,
            ``"francés"`` e ``"inglés"``.
        n_words: cuántas palabras limpias de cada idioma se miran, de la más frecuente a la menos.

    Returns:
        ``{idioma: palabras, de la más frecuente a la menos}``, en el orden de ``languages``.
    """
    unknown = [language for language in languages if language not in LANGUAGES]
    if unknown:
        raise ValueError(f"Idiomas desconocidos: {', '.join(unknown)}. Disponibles: {', '.join(LANGUAGES)}.")
    wordfreq = _wordfreq()
    frequency = {language: wordfreq.get_frequency_dict(LANGUAGES[language], "large") for language in languages}
    words = {}
    for language in languages:
        candidates = (word for word in wordfreq.iter_wordlist(LANGUAGES[language], "large") if _is_plain_word(word))
        most_frequent = list(itertools.islice(candidates, n_words))
        words[language] = [
            word for word in most_frequent
            if all(frequency[language][word] >= MIN_RATIO * frequency[other].get(word, 0.0)
                   for other in languages if other != language)
        ]
    return words


def _is_plain_word(word: str) -> bool:
    """``True`` si ``word`` tiene al menos dos letras y solo letras latinas (y el punto volado de «l·l»)."""
    letters = word.replace("·", "")
    return len(letters) >= 2 and all(letter.isalpha() and unicodedata.name(letter, "").startswith("LATIN")
                                     for letter in letters)


def _wordfreq() -> ModuleType:
    """El módulo ``wordfreq``; si falta, un error que dice cómo instalarlo."""
    try:
        import wordfreq
    except ImportError:
        raise RuntimeError(
            f"Falta el paquete wordfreq, que trae las listas de palabras: pip install wordfreq=={WORDFREQ_VERSION} "
            "(o pip install -r requirements.txt desde la raíz del proyecto). Funciona igual en Windows, macOS "
            "y Linux, y después ya no hace falta conexión."
        ) from None
    installed = importlib.metadata.version("wordfreq")
    if installed != WORDFREQ_VERSION:
        warnings.warn(f"wordfreq {installed} instalado; las cifras de los cuadernos salieron con la versión "
                      f"{WORDFREQ_VERSION} y pueden cambiar (pip install wordfreq=={WORDFREQ_VERSION}).", stacklevel=3)
    return wordfreq
