"""The listing reader's letter models of names and of titles (namegrams.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from converters.formats.listing import evidence, namegrams

CONTEXT = evidence.page_context([])


def test_a_small_fit_tells_its_two_kinds_apart(tmp_path):
    names = ["anna", "hanna", "johanna", "marianna", "svanna", "rosanna", "ivanna"]
    words = ["station", "relation", "nation", "motion", "lotion", "potion", "notion"]
    path = tmp_path / "grams.json.gz"
    namegrams.save(path, namegrams.fit(names), namegrams.fit(words))
    try:
        namegrams.use(path)
        assert namegrams.name_odds("Savanna") > 0 > namegrams.name_odds("Rotation")
    finally:
        namegrams.use(namegrams.DATA)


def test_a_letter_sequence_of_one_word_only_is_not_kept():
    counts = namegrams.fit(["zyxw", "anna", "hanna"])
    assert "zyxw" not in counts and "yxw" not in counts
    assert counts["nna"] == 2


@pytest.mark.parametrize("name", ["Jagadish", "Chennupati", "Poelsema", "Ouattara", "Namsoek"])
def test_names_no_lexicon_knows_are_spelled_like_names(name):
    assert namegrams.name_odds(name) > 0


@pytest.mark.parametrize("word", ["Nanowhiskers", "Photonics", "Semiconductor", "Hadrosauridae",
                                  "Oxaliplatin"])
def test_vocabulary_is_spelled_like_titles(word):
    assert namegrams.name_odds(word) < 0


def test_accents_and_case_do_not_matter():
    assert namegrams.name_odds("Kanté") == namegrams.name_odds("KANTE")
    assert namegrams.name_odds("--") == 0.0


def test_the_models_load_on_first_use_only():
    code = ("import converters.cli, converters.formats.listing as l, sys;"
            "from converters.formats.listing import namegrams;"
            "print(len(namegrams._models))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_the_shipped_models_are_small():
    assert namegrams.DATA.stat().st_size < 1_000_000


@pytest.mark.parametrize("line", ["A Chinese Meta-Font", "A Practical Guide", "A Modern Approach"])
def test_a_before_an_ordinary_word_is_the_article(line):
    assert evidence.features(line, CONTEXT)["function word first"] == 1.0
    assert evidence.name_evidence(line, CONTEXT) < 0


@pytest.mark.parametrize("line", ["A Rojo Rojo", "A Baker Smith", "A Fadavi Roudsari"])
def test_a_before_a_surname_is_an_initial(line):
    assert evidence.features(line, CONTEXT)["function word first"] == 0.0
    assert evidence.name_evidence(line, CONTEXT) > 0
