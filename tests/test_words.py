"""Pruebas de utils.load_words: palabras de seis idiomas de wordfreq, limpias y con una única respuesta."""

from __future__ import annotations

import sys

import pytest

import utils
from utils.data import words as data


@pytest.fixture(scope="module")
def words() -> dict[str, list[str]]:
    return utils.load_words()


def test_six_languages_in_order_and_large(words):
    assert list(words) == ["español", "catalán", "portugués", "italiano", "francés", "inglés"]
    for language_words in words.values():
        assert 20_000 < len(language_words) < 50_000  # de las 50 000 más frecuentes, sin las ambiguas


def test_most_frequent_first(words):
    assert words["español"][:3] == ["los", "las", "más"]  # «de», «la» y «que» están en varios idiomas
    assert words["español"].index("tenemos") < words["español"].index("tendríamos")
    assert words["inglés"][0] == "the"


def test_only_latin_letters_at_least_two(words):
    for language_words in words.values():
        for word in language_words:
            assert len(word.replace("·", "")) >= 2 and data._is_plain_word(word), word
    assert "col·legi" in words["catalán"]  # la «l·l» catalana se conserva
    assert data._is_plain_word("niño") and data._is_plain_word("col·legi")
    for not_a_word in ("l", "d", "n'est", "i'm", "2013", "nº", "ω", "в", "bien-estar"):
        assert not data._is_plain_word(not_a_word), not_a_word


def test_every_language_has_its_inflected_forms(words):
    # la trampa de las listas de Debian: la española solo traía lemas (ni plurales ni verbos conjugados)
    for form in ("perros", "hablamos", "tendríamos", "cantaban"):
        assert form in words["español"], form
    for language in ("español", "catalán", "portugués", "francés", "inglés"):  # el plural italiano no lleva -s
        plural = sum(word.endswith("s") for word in words[language]) / len(words[language])
        assert plural > 0.15, (language, plural)


def test_words_without_a_single_answer_are_left_out(words):
    everywhere = [w for ws in words.values() for w in ws]
    assert len(everywhere) == len(set(everywhere))
    for shared in ("casa", "chocolate", "de", "la"):  # igual de frecuentes en varios idiomas
        assert shared not in everywhere, shared
    assert "piano" in words["italiano"]  # también es español, pero 10 veces más frecuente en italiano
    # con menos idiomas, menos choques: «casa» solo compite con «casa» inglesa, mucho menos frecuente
    two = utils.load_words(["español", "inglés"])
    assert "casa" in two["español"] and "chocolate" not in two["español"]


def test_n_words_limits_the_candidates():
    assert len(utils.load_words(["español"], n_words=100)["español"]) == 100  # un solo idioma: ningún choque
    assert utils.load_words(["español"], n_words=3) == {"español": ["de", "la", "que"]}


def test_unknown_language():
    with pytest.raises(ValueError, match="Disponibles"):
        utils.load_words(["klingon"])


def test_missing_wordfreq_explains_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # «import wordfreq» falla
    with pytest.raises(RuntimeError, match=r"pip install wordfreq==3\.1\.1"):
        utils.load_words()


def test_another_wordfreq_version_is_warned(monkeypatch):
    monkeypatch.setattr(data.importlib.metadata, "version", lambda name: "9.9")
    with pytest.warns(UserWarning, match="wordfreq 9.9"):
        utils.load_words(["español"], n_words=10)
