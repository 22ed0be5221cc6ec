"""Pruebas de utils.load_words: listas de palabras de seis idiomas, limpias y sin ambigüedad."""

from __future__ import annotations

import pytest

import utils
from utils import data

pytestmark = pytest.mark.skipif(
    not all((data.DICT_DIR / name).is_file() for name, _ in data.WORD_LISTS.values()),
    reason="faltan las listas de palabras (sudo apt-get install wspanish wcatalan wportuguese witalian "
           "wfrench wamerican)",
)


@pytest.fixture(scope="module")
def words() -> dict[str, list[str]]:
    return utils.load_words()


def test_six_languages_in_order_sorted_and_large(words):
    assert list(words) == ["español", "catalán", "portugués", "italiano", "francés", "inglés"]
    for language_words in words.values():
        assert language_words == sorted(language_words)
        assert len(language_words) > 50_000


def test_only_lowercase_letters(words):
    for language_words in words.values():
        for word in language_words:
            assert word.replace("·", "").isalpha() and word.islower(), word
    assert "col·legi" in words["catalán"]  # la «l·l» catalana se conserva
    assert "the" in words["inglés"] and "niño" in words["español"]


def test_words_of_several_lists_are_left_out(words):
    # «casa» está en cinco listas y «ordenador» en tres (español, catalán y portugués): ninguna se queda
    everywhere = [w for ws in words.values() for w in ws]
    assert len(everywhere) == len(set(everywhere))
    assert all(word not in everywhere for word in ("casa", "piano", "ordenador", "chocolate"))
    # con menos idiomas, hay menos choques: «hola» solo está en español y catalán
    assert "hola" not in everywhere
    assert "hola" in utils.load_words(["español", "inglés"])["español"]


def test_a_local_copy_comes_first(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "dict").mkdir()
    (tmp_path / "dict" / "spanish").write_text("perro\nGato\nl'home\nbien-estar\nárbol\n", encoding="utf-8")
    assert utils.load_words(["español"]) == {"español": ["perro", "árbol"]}


def test_missing_lists_explain_how_to_get_them(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(data, "DICT_DIR", tmp_path / "no-existe")
    with pytest.raises(RuntimeError) as raised:
        utils.load_words(["italiano"])
    message = str(raised.value)
    assert "sudo apt-get install wspanish wcatalan wportuguese witalian wfrench wamerican" in message
    assert str(tmp_path / "dict") in message


def test_unknown_language():
    with pytest.raises(ValueError, match="Disponibles"):
        utils.load_words(["klingon"])
