"""Hypothesis strategies for listing pages: entries with the page's markers,
particles, Unicode names, name-like titles, and entries without authors or
abstracts."""
from __future__ import annotations

from hypothesis import strategies as st

GIVEN = ["Nanda H", "Colin", "Étienne", "Michał", "Zoë", "Øystein", "Kim A.", "José María",
         "Anne-Marie", "Jean-Luc", "Ngọc", "Björn", "Şebnem", "Ioannis", "Chad", "Dean", "Mary Jo"]
FAMILY = ["Krishna", "D'Oro", "Ragan-Kelley", "Müller", "Koziarski", "O'Brien", "Nguyễn",
          "Gabellini", "Moisescu-Pareja", "Lindqvist", "Yılmaz", "Ahmed", "Tran", "Martin"]
PARTICLES = ["", "", "", "van", "van der", "de", "de la", "von", "da"]
WORDS = ["learning", "neural", "models", "graph", "attention", "diffusion", "causal", "data",
         "inference", "scaling", "language", "robust", "sparse", "protein", "memory", "plasticity"]


@st.composite
def person(draw) -> str:
    given = draw(st.sampled_from(GIVEN))
    particle = draw(st.sampled_from(PARTICLES))
    family = draw(st.sampled_from(FAMILY))
    return " ".join(p for p in (given, particle, family) if p)


@st.composite
def title(draw) -> str:
    kind = draw(st.sampled_from(["plain", "colon", "question", "namelike", "period"]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=9))
    if kind == "namelike":  # "Tree Cross Attention"
        return " ".join(w.capitalize() for w in words[:3])
    text = words[0].capitalize() + " " + " ".join(words[1:]) + " for " + draw(
        st.sampled_from(WORDS))
    if kind == "colon":
        text = draw(st.sampled_from(["TACTiS-2", "Würstchen", "ULTRA", "CERL"])) + ": " + text
    elif kind == "question":
        text = "Are " + text + " faithful?"
    elif kind == "period":
        text += " via IFN-γ-mediated immunity."
    return text


@st.composite
def abstract(draw) -> str:
    # At least the page's 140-byte cut: a one-entry page whose "abstract" is
    # one sentence shorter than a title is genuinely read as two titles.
    sentences = draw(st.lists(
        st.lists(st.sampled_from(WORDS), min_size=6, max_size=25), min_size=1, max_size=8))
    text = " ".join(s[0].capitalize() + " " + " ".join(s[1:]) + "." for s in sentences)
    while len(text.encode()) < 140:
        text += " " + text
    return text


@st.composite
def entry(draw) -> dict:
    authors = draw(st.lists(person(), max_size=28))
    hidden_missing = 0
    if len(authors) > 1 and draw(st.booleans()):
        hidden_missing = draw(st.integers(1, 6))  # names the page promised but never gave
    return {"title": draw(title()), "authors": authors,
            "abstract": draw(st.none() | abstract()), "missing": hidden_missing}


def render_page(entries, *, heading: bool = True) -> str:
    """Entries as the scraped page shows them: abstracts cut after 140 bytes,
    author lists of over 20 folded after 19 names, no blank lines."""
    lines = ["Publications", ""] if heading else []
    for e in entries:
        lines.append(e["title"])
        names = list(e["authors"])
        total = len(names) + e["missing"]
        if total > 20:
            shown = min(19, len(names))
            names[shown - 1] += f" … (see {total - shown} more)"
        elif e["missing"]:
            names[-1] += f" … (see {e['missing']} more)"
        lines.extend(names)
        if e["abstract"]:
            text = e["abstract"]
            head = text.encode()[:140].decode("utf-8", "ignore")
            if len(text.encode()) > 140:
                text = head + "… (see more)" + text[len(head):]
            lines.append(text)
    return "\n".join(lines) + "\n"


entries = st.lists(entry(), min_size=1, max_size=8)



# -- CSL-JSON records with a `custom` object (issue 11: property tests cover
# custom).  Built on first use: a test process's peak memory is inherited by
# the programs it starts, so collection stays light.

def csl_with_custom():
    """A plain CSL item that carries a custom object: some of bibconv's own
    facts (author-count, abstract-truncated, elocation-id, pub-ids) and keys
    of anyone's, with any JSON value."""
    known = {
        "author-count": st.integers(2, 60),
        "abstract-truncated": st.booleans(),
        "elocation-id": st.booleans(),  # the page is an e-location id (JATS)
        "pub-ids": st.dictionaries(st.sampled_from(["pmid", "pmcid", "arxiv"]),
                                   st.from_regex(r"[0-9]{5,8}", fullmatch=True),
                                   min_size=1, max_size=2),
    }
    scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(
        st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                          st.dictionaries(st.text("abcdefgh-", min_size=1, max_size=8),
                                          inner, max_size=3), max_leaves=8)
    other_keys = st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True).filter(
        lambda k: k not in known)

    @st.composite
    def custom_object(draw) -> dict:
        out = {key: draw(strategy) for key, strategy in known.items() if draw(st.booleans())}
        out.update(draw(st.dictionaries(other_keys, values, max_size=3)))
        return out

    @st.composite
    def record(draw) -> dict:
        item = {"id": "c0", "type": draw(st.sampled_from(
                    ["article-journal", "book", "chapter", "report", "thesis"])),
                "title": draw(title()),
                "author": [{"family": draw(st.sampled_from(FAMILY)),
                            "given": draw(st.sampled_from(GIVEN))}],
                "issued": {"date-parts": [[draw(st.integers(1900, 2030))]]}}
        custom = draw(custom_object())
        if custom:
            item["custom"] = custom
        return item

    return record()
