"""Display names ("Juan de la Cruz", "Kim A. Tran") <-> CSL name objects.

Parsing is nameparser's; we only turn its parts into CSL's given, family,
particle and suffix.  Honorific titles and conjunctions are switched off: on
a publications page "Dean" and "Judge" are first names, and "y" or "e" inside
a name are not a second person.
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _constants():
    from nameparser.config import Constants

    constants = Constants()
    constants.titles.remove(*list(constants.titles))
    constants.conjunctions.remove(*list(constants.conjunctions))
    return constants


def parse_display_name(text: str) -> dict:
    """One display-order name -> CSL name.  A single word becomes a literal
    (mononyms and organisations have no given/family split)."""
    return dict(_parse(" ".join(text.split())))


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple:
    # Cached: the same people recur across a bibliography.
    return tuple(_parse_uncached(text).items())


def _parse_uncached(text: str) -> dict:
    from nameparser import HumanName

    if not text:
        return {"literal": ""}
    if " " not in text and "," not in text:
        return {"literal": text}
    vancouver = _vancouver(text.split())
    if vancouver:
        return vancouver
    inverted = _family_comma_given(text)
    if inverted:
        return inverted
    human = HumanName(text, constants=_constants())
    given = " ".join(p for p in (human.first, human.middle) if p)
    name = _family_given(human.last.split(), given)
    if human.suffix:
        name["suffix"] = human.suffix
    if "family" not in name:
        return {"literal": text}
    if display_name(name).split() != text.split():
        # nameparser dropped or moved a word ("Yu. A. Kumzerov" lost "Yu.",
        # "Jr. Nick Short" moved "Jr."): split by position instead, so that
        # every word the page shows stays in the name.
        return _split_by_position(text)
    return name


# Initials written after the surname, as Vancouver and MEDLINE write names
# ("Pagon RA", "Smith RJH", "Stephens K"); Roman numerals are suffixes.
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_CAPITALS = re.compile(r"^[A-Z]{1,3}$")
_NUMERALS = frozenset({"II", "III", "IV", "VI", "JR", "SR"})


def trailing_initials(token: str) -> bool:
    """Is ``token``, after a surname, initials ("CR", "RJH", "K", "R.A.")?
    A word of capitals with a vowel may be a surname written in capitals
    ("Jun LI", "Tao HE"), so it is not taken for initials."""
    if token in _NUMERALS:
        return False
    if _DOTTED_INITIALS.match(token):
        return True
    return bool(_CAPITALS.match(token)) and (len(token) == 1 or not set(token) & set("AEIOUY"))


def _vancouver(words: list[str]) -> dict | None:
    """Surname first, initials last: nameparser would take the initials
    for the family name ("Dolan CR" -> family "CR")."""
    if len(words) < 2 or not trailing_initials(words[-1]):
        return None
    surname = words[:-1]
    if any(_CAPITALS.match(w) or w.endswith((".", ",")) for w in surname):
        return None  # "J K Rowling", "A. B. Smith": initials first; "Smith, J": split at its comma
    name = _family_given(surname, words[-1])
    if not all(_is_capitalised(w) for w in name["family"].split()):
        return None
    return name


def _family_comma_given(text: str) -> dict | None:
    """"Smith, J", "van der Berg, Anna": the family name before the one comma
    (a suffix after it, "Smith, Jr.", is nameparser's to read)."""
    family, comma, given = (part.strip() for part in text.partition(","))
    if not comma or "," in given or not family or not given or given.rstrip(".").upper() in _NUMERALS:
        return None
    return _family_given(family.split(), given)


def _family_given(family: list[str], given: str) -> dict:
    """A CSL name from the family name's words and the given names.
    Lower-case leading particles ("van der", "de la") are CSL's
    non-dropping particle; capitalised ones ("Van Gogh") stay in the family."""
    words = list(family)
    particles = []
    while len(words) > 1 and words[0].islower() and words[0] in _constants().prefixes:
        particles.append(words.pop(0))
    name = {}
    if words:
        name["family"] = " ".join(words)
    if given:
        name["given"] = given
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    return name


def _split_by_position(text: str) -> dict:
    """Given names first, the family name last, lower-case particles before
    it kept with it as CSL's non-dropping particle."""
    words = text.split()
    family = [words.pop()]
    particles: list[str] = []
    while len(words) > 1 and words[-1].islower() and words[-1] in _constants().prefixes:
        particles.insert(0, words.pop())
    name = {"family": " ".join(family), "given": " ".join(words)}
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    return name


def display_name(name: dict) -> str:
    """CSL name -> display order ("given particle family suffix")."""
    if "literal" in name:
        return name["literal"]
    parts = [name.get("given"), name.get("dropping-particle"),
             name.get("non-dropping-particle"), name.get("family")]
    text = " ".join(p for p in parts if p)
    if name.get("suffix"):
        separator = ", " if name.get("comma-suffix") else " "
        text = f"{text}{separator}{name['suffix']}"
    return text


def _is_particle(word: str, known: bool = False) -> bool:
    """BibTeX's rule: a word that starts lower-case is a particle ("van",
    "de la", "ur"); with ``known``, only a listed one ("van", not "maría").
    "Van Gogh" keeps "Van" in the family name."""
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].islower():
        return False
    return not known or word.rstrip("'’.") in _constants().prefixes


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def split_family(surname: str) -> dict:
    """A surname as a structured format holds it ("van Gennep", "de la
    Cruz") -> CSL's family and non-dropping-particle."""
    words = surname.split()
    particles = []
    while len(words) > 1 and _is_particle(words[0]):
        particles.append(words.pop(0))
    name = {"family": " ".join(words)}
    if particles:
        name["non-dropping-particle"] = " ".join(particles)
    return name


def split_given(given: str) -> dict:
    """Given names that end in a particle ("Ahasver von", how a structured
    format keeps a particle that sorts with the given names) -> CSL's given
    and dropping-particle."""
    words = given.split()
    particles: list[str] = []
    # Given names written all in lower case ("maría josé") are just that:
    # then, as for a lone word, only a listed particle counts.
    lower = not any(_is_capitalised(w) for w in words)
    while words and _is_particle(words[-1], known=lower or len(words) == 1):
        particles.insert(0, words.pop())
    name = {"given": " ".join(words)} if words else {}
    if particles:
        name["dropping-particle"] = " ".join(particles)
    return name
