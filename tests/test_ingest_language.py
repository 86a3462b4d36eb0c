"""Language identification: English is processed, other languages are skipped with their code, and an
uncertain identification (too little text) never causes a skip."""

from __future__ import annotations

from eventwire.model import Article
from eventwire.readers.language import SUPPORTED, assign, identify


def test_identify() -> None:
    language, confidence = identify("Police fired tear gas at protesters in the capital on Sunday, witnesses said.")
    assert language == "en" and confidence > 0.9
    assert identify("Die Polizei setzte am Sonntag Tränengas gegen Demonstranten in der Hauptstadt ein.")[0] == "de"
    assert identify("  12 345 ... ") == ("und", 0.0)
    assert {"en"} == SUPPORTED


def test_assign_sets_the_language_and_says_when_to_skip() -> None:
    english = Article(id="en", paragraphs=["Thousands of dock workers walked off the job at the port on Tuesday, "
                                           "halting container traffic in a dispute over pay."], language="de")
    assert assign(english) is None
    assert english.language == "en" and english.metadata["language_declared"] == "de"

    french = Article(id="fr", paragraphs=["Des milliers de dockers ont cessé le travail mardi dans le port, "
                                          "bloquant le trafic des conteneurs dans un conflit sur les salaires."])
    assert assign(french) == "language fr"
    assert french.language == "fr"


def test_uncertain_identification_does_not_skip() -> None:
    short = Article(id="s", paragraphs=["NATO"], language="en")
    assert assign(short) is None
    assert short.language == "en" and "uncertain" in short.metadata["language_identified"]
