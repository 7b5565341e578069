"""The whole page labelled at once: every line a title (T), an author (A) or
an abstract (B), entries following the grammar ``T A* B?``.

Each line's scores come from ``evidence``; the best sequence the grammar
allows is found by Viterbi, and a forward-backward pass says, for each line,
how far its label is ahead of the best reading that gives it another one (a
small margin is reported as ``listing-ambiguous``).
"""
from __future__ import annotations

import math
from collections import Counter

from .evidence import (
    IMPOSSIBLE,
    ORGANISATION_JOINS,
    PLACEHOLDER_AUTHORS,
    emissions,
    is_organisation,
    name_shaped,
    name_style,
    page_context,
    person_keys,
    spelled_like_names,
)
from .layout import ABSTRACT_CUT_BYTES, ABSTRACT_MARKER, AUTHORS_SHOWN, author_marker
from .topics import ABSTRACT_HEAD, content_words, shared

T, A, B = 0, 1, 2
LABELS = (T, A, B)

# Grammar T A* B? as transition scores; a missing pair is impossible.
TRANSITION = {
    (T, A): 0.0, (T, B): -3.0, (T, T): -1.0,
    (A, A): 0.0, (A, B): 0.0, (A, T): -1.5,
    (B, T): 0.0,
}
# Few titles could be a name at all: the prior of a name-shaped line being
# a title, beside what its words say (those weights are class-balanced).
NAME_SHAPED_TITLE = 0.0  # a knob of benchmarks/listing_tune.py, which keeps it at 0
# A name-shaped line the page shows more than once: how much likelier a name.
REPEATED_NAME = 3.0
# An entry's authors are mostly written alike: a line written otherwise
# ("Solar Cells" after "J. Smith" and "K. Lee") is less likely one of them.
OTHER_STYLE = -1.5
CONFIDENT_NAME = 0.5  # an author score of a name the words alone vouch for
# Ending the page: an entry that ends on its title has neither authors nor
# abstract, one that ends on an author has no abstract.
AT_END = {T: -3.0, A: -1.0, B: 0.0}
AFTER_BLANK = -12.0  # an author or abstract right after a blank line is unusual
# A page whose entries are all separated by blank lines (as the clean writer
# makes them) starts no entry without one.
TITLE_WITHOUT_BLANK = -12.0


def label(lines: list[tuple[int, str, bool]]) -> tuple[list[int], list[tuple[float, int]]]:
    """Best labels for ``lines`` (line number, text, blank line before) and,
    for each line, how far ahead its label is of the best other reading and
    which reading that is."""
    context = page_context([text for _, text, _ in lines])
    emit = _emissions(lines, context)
    seen = Counter(text for _, text, _ in lines)
    people = _people(lines, emit)
    for i, (_, text, _) in enumerate(lines):
        if emit[i][A] == IMPOSSIBLE or not name_shaped(text):
            continue
        title, author, abstract = emit[i]
        if NAME_SHAPED_TITLE:
            title += NAME_SHAPED_TITLE
        if seen[text] > 1 or _known_person(text, people, emit[i][A]):
            # A page lists each work once, while its authors recur.
            title, author = title - REPEATED_NAME / 2, author + REPEATED_NAME / 2
        emit[i] = (title, author, abstract)
    _abstract_topics(lines, emit)
    _short_abstract_topics(lines, emit, ABSTRACT_CUT_BYTES if context.marked else TITLE_BYTES)
    _organisations_before_people(lines, emit)
    if context.marked:
        _folded_lists(lines, emit)
        _uncut_abstracts(lines, emit)
    # Blank lines anywhere between entries: take them as the separators.
    blank_separated = any(blank for _, _, blank in lines[1:])
    enter = [_entering(i, blank, blank_separated) for i, (_, _, blank) in enumerate(lines)]
    styles = [name_style(text) for _, text, _ in lines]
    # Only a line whose own words leave it in doubt is judged by its style:
    # real lists mix "D. L. Dheeraj" and "Abdul Mazid Munshi".
    alike = [0.0] + [OTHER_STYLE if _unlike_before(styles, i) and emit[i][A] < CONFIDENT_NAME
                     else 0.0 for i in range(1, len(lines))]
    _odd_one_out(styles, emit, alike)
    _hidden_names(lines, alike)
    _placeholders(lines, alike)
    _lone_words(lines, alike)
    _organisations_after_people(lines, emit, alike)
    _between_names(lines, emit, styles, alike)
    first, _ = _viterbi(emit, enter, alike, TRANSITION)
    return _viterbi(emit, enter, alike, _fitted_to(first))


def _emissions(lines, context) -> list[tuple[float, float, float]]:
    """Each line's scores, worked out once a text: a lab's page names the
    same people entry after entry."""
    known: dict[str, tuple[float, float, float]] = {}
    emit = []
    for _, text, _ in lines:
        scores = known.get(text)
        if scores is None:
            scores = known[text] = emissions(text, context)
        emit.append(scores)
    return emit


def _unlike_before(styles, i: int) -> bool:
    """Is line ``i`` written unlike the name before it, and not merely
    like the one before that ("Qiang Gao", "H. Hoe Tan", "Chennupati
    Jagadish": the odd one is the line between, not this one)?"""
    return (bool(styles[i]) and bool(styles[i - 1]) and styles[i] != styles[i - 1]
            and not (i >= 2 and styles[i - 2] == styles[i]))


def _odd_one_out(styles, emit, alike) -> None:
    """A doubtful line written unlike the two names around it, which are
    written alike ("Xin Jiang", "A Zero-Thermal-Quenching Phosphor", "Yoon
    Hwa Kim"), is less likely one more author between them: more likely the
    next entry's title, the name after it its author.  Reading it as an
    author already cost its style on the way in; this is the way out."""
    for i in range(2, len(styles)):
        if (styles[i] and styles[i - 2] == styles[i] and styles[i - 1]
                and styles[i - 1] != styles[i] and emit[i - 1][A] < CONFIDENT_NAME):
            alike[i] += OTHER_STYLE


# An author score above which a line's own words vouch for a person, so
# that its surname and initial tell about the page's other lines.
SURE_PERSON = 1.0


def _people(lines, emit) -> Counter:
    """Surname-and-initial keys of the lines the page surely names people by,
    and the words of every name-shaped line in order-free form (a person is
    written "Given Surname" in one entry and "Surname Given" in another)."""
    people: Counter = Counter()
    for (_, text, _), scores in zip(lines, emit, strict=True):
        if scores[A] >= SURE_PERSON:
            people.update(set(person_keys(text)))
        if scores[A] != IMPOSSIBLE and name_shaped(text):
            people[_words_in_any_order(text)] += 1
    return people


def _words_in_any_order(text: str) -> tuple[str, ...]:
    return ("words",) + tuple(sorted(text.replace(",", " ").split()))


def _known_person(text: str, people: Counter, author: float) -> bool:
    """Is ``text`` a person the page names elsewhere, written another way
    ("Chennupati Jagadish" beside "C. Jagadish")?  A lab's page lists the
    same people again and again; a title seldom shares a surname and an
    initial with one of them."""
    own = set(person_keys(text))
    if any(people[key] > (author >= SURE_PERSON) for key in own):
        return True
    return len(text.split()) > 1 and people[_words_in_any_order(text)] > 1


# How often an author list ends without an abstract after it, before the
# page says otherwise, and how many entries' worth of belief that is.
NO_ABSTRACT_RATE = 0.3
NO_ABSTRACT_WEIGHT = 2.0


def _fitted_to(labels: list[int]) -> dict:
    """The grammar's scores with the page's own habit: on a page where
    nearly every author list is followed by an abstract, a name-like line
    among authors is less likely to start an entry, and the other way round."""
    ends = [labels[i + 1] for i in range(len(labels) - 1) if labels[i] == A and labels[i + 1] != A]
    rate = ((ends.count(T) + NO_ABSTRACT_WEIGHT * NO_ABSTRACT_RATE)
            / (len(ends) + NO_ABSTRACT_WEIGHT))
    fitted = dict(TRANSITION)
    fitted[A, T] += math.log(rate / NO_ABSTRACT_RATE)
    fitted[A, B] += math.log((1 - rate) / (1 - NO_ABSTRACT_RATE))
    return fitted


# How much an abstract's words tell which title it belongs to, and how
# doubtful a line must be (its title and author scores this close) to ask.
TOPIC = 3.0
TOPIC_DOUBT = 3.0
SURE_TITLE = 2.0


def _abstract_topics(lines, emit) -> None:
    """A doubtful name-shaped line between a sure title and an abstract:
    whose words does the abstract use, the title's above or the line's own?"""
    words: dict[int, set[str]] = {}
    for i, (_, text, _) in enumerate(lines):
        title, author, abstract = emit[i]
        if author == IMPOSSIBLE or abs(title - author) > TOPIC_DOUBT:
            continue
        above, below = _entry_around(emit, i)
        if above is None or below is None:
            continue
        if below not in words:
            words[below] = content_words(lines[below][1][:ABSTRACT_HEAD])
        theirs, own = shared(lines[above][1], words[below]), shared(text, words[below])
        if theirs >= 2 and not own:
            emit[i] = (title - TOPIC / 2, author + TOPIC / 2, abstract)
        elif own and not theirs:
            emit[i] = (title + TOPIC / 2, author - TOPIC / 2, abstract)


SHORT_ABSTRACT_TOPIC = 1.5


# A line longer than this is no title (evidence.emissions), whatever its words.
TITLE_BYTES = 250


def _short_abstract_topics(lines, emit, longest: int = ABSTRACT_CUT_BYTES) -> None:
    """A short line that could be an abstract or a title ending in a full
    stop: an abstract speaks of its title's subject, so it shares words with
    the entry's title above; a title of the next entry need not.  Short is
    under the page's cut; on a page that cuts nothing, under a long title's
    length (a reference's 142-byte title ending in a full stop)."""
    for i, (_, text, _) in enumerate(lines):
        title, author, abstract = emit[i]
        if (abstract == IMPOSSIBLE or abs(title - abstract) > TOPIC_DOUBT
                or len(text) > longest or ABSTRACT_MARKER.search(text)):
            continue
        above = _title_above(emit, i)
        own = content_words(text)
        if above is None or len(own) < 3:
            continue
        if shared(lines[above][1], own):
            emit[i] = (title - SHORT_ABSTRACT_TOPIC / 2, author, abstract + SHORT_ABSTRACT_TOPIC / 2)
        else:
            emit[i] = (title + SHORT_ABSTRACT_TOPIC / 2, author, abstract - SHORT_ABSTRACT_TOPIC / 2)


def _authorish(emit, j: int) -> bool:
    return emit[j][A] != IMPOSSIBLE and emit[j][A] >= emit[j][T]


def _title_above(emit, i: int) -> int | None:
    """The sure title above line ``i``, with only likely authors between."""
    above = i - 1
    while above >= 0 and _authorish(emit, above):
        above -= 1
    if above < 0:
        return None
    title, author, abstract = emit[above]
    return above if title > abstract and title - author >= SURE_TITLE else None


def _entry_around(emit, i: int) -> tuple[int | None, int | None]:
    """The sure title above line ``i`` and the abstract below it, with
    only likely authors between; None where there is none."""
    below = i + 1
    while below < len(emit) and _authorish(emit, below):
        below += 1
    if below >= len(emit):
        return None, None
    title, author, abstract = emit[below]
    an_abstract = abstract > max(title, author)
    return _title_above(emit, i), (below if an_abstract else None)


# On a page that cuts long abstracts, most abstracts carry its marker: an
# uncut line is an abstract only when short, and a short title ending in a
# full stop reads just like one ("A general multivariate extension of ...").
UNCUT_ABSTRACT = -1.0


def _uncut_abstracts(lines, emit) -> None:
    if not UNCUT_ABSTRACT:
        return
    for i, (_, text, _) in enumerate(lines):
        title, author, abstract = emit[i]
        if abstract != IMPOSSIBLE and not ABSTRACT_MARKER.search(text):
            emit[i] = (title, author, abstract + UNCUT_ABSTRACT)


# After "… (see N more)" the page lists hidden names of the same entry.
HIDDEN_NAMES = 0.5


def _hidden_names(lines, alike) -> None:
    """Up to N lines after a marker that hid N names are more of that
    entry's names (the page shows some of them, often most)."""
    for i, (_, text, _) in enumerate(lines):
        marker = author_marker(text)
        if marker and marker.group(1):
            for j in range(i + 1, min(len(lines), i + 1 + int(marker.group(1)))):
                alike[j] += HIDDEN_NAMES


# "Anonymous" stands for a whole author list that is not known: it is an
# entry's only author, never the next name after a named one nor followed by
# one (645 of 645 in the corpora's records).
PLACEHOLDER_AFTER_NAME = -6.0


def _placeholders(lines, alike) -> None:
    for i, (_, text, _) in enumerate(lines):
        if text.strip().lower() in PLACEHOLDER_AUTHORS:
            if i:
                alike[i] += PLACEHOLDER_AFTER_NAME
            if i + 1 < len(lines):  # nor is a name after it ("Anonymous", "UK TUG")
                alike[i + 1] += PLACEHOLDER_AFTER_NAME


# One word signs a work alone ("Homer", "Aristotle", "BfR"), seldom beside a
# person's full name in the same list (of the 46,550 pairs of neighbouring
# names in the corpora's records, 9 put one after a name of several words and
# 11 before one, against 669 one-word sole authors): a one-word line after a
# name of several words more likely starts the next entry ("Hadrosauridae",
# "BUSTER" after an entry without an abstract), and a name of several words
# after a one-word line more likely belongs to the entry that line is the
# title of.
ONE_WORD_BESIDE_NAME = -4.0


def _lone_words(lines, alike) -> None:
    one_word = []
    for _, text, _ in lines:
        marker = author_marker(text)
        # split once at most: a 10 MB abstract is not cut into its words
        one_word.append(len((text[:marker.start()] if marker else text).split(None, 1)) == 1)
    for i in range(1, len(lines)):
        if one_word[i] != one_word[i - 1]:
            alike[i] += ONE_WORD_BESIDE_NAME


# An organisation signs a work alone, seldom after a person in one list (of
# the 46,597 pairs of neighbouring names in the corpora's records, 16 put an
# organisation after a person, against 101 organisations signing alone): an
# organisation's name after a person's name more likely starts the next entry
# ("The Greek Font Society", "The DVIPDF Program" after an entry without an
# abstract).  The 16 are mostly big collaborations ("ICGC Breast Cancer Group"
# among people), so the step costs nothing where the organisation is followed
# by another (a collaboration's groups sign one after another: 9 pairs) or
# where the names end in an abstract that speaks of the title above them.  Only
# this direction: a person after an organisation (7 pairs) is as often the
# first author of a list the organisation heads ("1000 Genomes Project
# Consortium", "GR Abecasis"), and counting it too split more lists than it
# joined on the development pages.
# The price, paid knowingly: with no abstract below and no blank line after
# the entry, an organisation that really is a list's last author ("John
# Smith", "World Health Organization") or sits between two people ("Clifford
# Jack", "Alzheimer's Disease Neuroimaging Initiative", "Michael Weiner") is
# read as the next entry's title.  Its shape is the shape of an organisation's
# name as a title ("TeX at the University of Milan", then "G. Canzii"): in
# the pages' pool, all 53 organisation-named titles with authors open with a
# person, against 3 organisations between two people in its lists.  Sparing
# the organisation when a name-shaped line that is no organisation follows
# gave back merges on the development pages (lines read as another entry's,
# seeds 1000, 3000-6000, 8000, 9000: 39 -> 45; 12000-12019: 7 -> 8).
ORGANISATION_AFTER_PERSON = -3.0
# People who write together sign among their members: of the 16 organisations
# after a person in the corpora's records, 8 are a team, network, consortium
# or collaboration ("R Core Team", "FlyBase Consortium"), against 2 of the 51
# name-shaped titles that name an organisation; programs, groups,
# laboratories and the like are the other 8 and head the other 49 titles.
# Medicine's lists end in the group their people write for ("PRISMA Study
# Group", "Writing Group"): a group exempts only when a word says it works
# ("study", "writing", ...), since a users' group is a title's subject in the
# corpora ("Dutch TeX Users Group", "Nordic TeX Group": 4 titles, against no
# users' group after a person in a list), so "TeX Users Group" as a last
# author still starts an entry.  The word must be the name's head noun, at its
# end or before what it is of ("Working Group on Hypertension"): in "The
# Network Society" the head is "Society".  Neither changed a line on the
# development pages.
_WRITES_WITH_MEMBERS = frozenset({"team", "consortium", "network", "collaboration"})
_WORKING_GROUPS = frozenset({"study", "writing", "working", "research", "collaborative",
                             "cooperative"})


def _organisations_after_people(lines, emit, alike) -> None:
    kinds = [(is_organisation(text) if name_shaped(text) else None) for _, text, _ in lines]
    # Each run of name-shaped lines is bounded by the lines just outside it:
    # found in one pass each way, and each run judged once, so a long list
    # of names costs no more than its length.
    above = [-1] * len(lines)
    for i in range(1, len(lines)):
        above[i] = above[i - 1] if kinds[i - 1] is not None else i - 1
    below = [len(lines)] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        below[i] = below[i + 1] if kinds[i + 1] is not None else i + 1
    judged: dict[int, bool] = {}
    for i in range(1, len(lines)):
        if (kinds[i] and kinds[i - 1] is False and not (i + 1 < len(lines) and kinds[i + 1])
                and not _writes_with_members(lines[i][1])):
            if above[i] not in judged:
                judged[above[i]] = _names_of_the_title_above(lines, emit, above[i], below[i])
            if not judged[above[i]]:
                alike[i] += ORGANISATION_AFTER_PERSON


# An organisation seldom heads a list that people follow: of the pages'
# pool of records (the corpora's .bib and JATS), two lists open with an
# organisation followed by a person ("1000 Genomes Project Consortium",
# "Department of Education"), while 53 titles with authors are an
# organisation's name ("Dutch TeX Users Group", "TUG Font Committee", "The
# Greek Font Society"), each followed by its first author.  After a bare
# title such a line was read as that title's first author, merging its
# entry into the one above.  Yet the two cannot be told apart by their
# place (every list follows a title), and reports are signed by an
# organisation and then people ("World Health Organization", "Didier
# Pittet"; "Institute for Health Metrics and Evaluation", "Christopher
# Murray"): so only a group, society, committee, club, association or guild
# (the kinds a news column is about) moves, a team, network, consortium or
# working group never (people sign among their members,
# ``_writes_with_members``), nor one after a likely author or another
# organisation (``_organisations_after_people`` judges that step), nor one
# whose list ends in an abstract that speaks of the title above.  The price:
# a list that a society heads ("American Cancer Society", a person) splits
# after a title with no abstract below.
ORGANISATION_BEFORE_PERSON = 2.0


def _organisations_before_people(lines, emit) -> None:
    for i in range(len(lines) - 1):
        after, text = lines[i + 1], lines[i][1]
        if (emit[i][A] == IMPOSSIBLE or after[2] or emit[i + 1][A] < SURE_PERSON
                or (i and (_authorish(emit, i - 1) or _an_organisation(lines[i - 1][1])))
                or not _an_organisation(text) or not _a_titles_kind(text) or is_organisation(after[1])
                or _names_of_the_title_above(lines, emit, i - 1, _below_the_names(lines, i))):
            continue
        title, author, abstract = emit[i]
        emit[i] = (title + ORGANISATION_BEFORE_PERSON / 2, author - ORGANISATION_BEFORE_PERSON / 2,
                   abstract)


def _a_titles_kind(text: str) -> bool:
    """Is the organisation's head noun of the kind a news column is
    about ("Users Group", "Font Committee", "Font Society"), not of one that
    authors reports ("World Health Organization", "Department of Education",
    "Institute for Health Metrics")?"""
    words = [word.strip(".,").lower() for word in text.split()]
    return not _writes_with_members(text) and any(
        word in _TITLES_KINDS and (at + 1 == len(words) or words[at + 1] in ORGANISATION_JOINS)
        for at, word in enumerate(words))


_TITLES_KINDS = frozenset({"group", "society", "committee", "club", "association", "guild"})


def _below_the_names(lines, i: int) -> int:
    """The first line after the run of name-shaped lines from ``i``."""
    j = i + 1
    while j < len(lines) and not lines[j][2] and name_shaped(lines[j][1]):
        j += 1
    return j


def _an_organisation(text: str) -> bool:
    return name_shaped(text) and is_organisation(text)


def _writes_with_members(text: str) -> bool:
    words = [word.strip(".,").lower() for word in text.split()]
    return any((word in _WRITES_WITH_MEMBERS
                or (word == "group" and at > 0 and words[at - 1] in _WORKING_GROUPS))
               and (at + 1 == len(words) or words[at + 1] in ORGANISATION_JOINS)  # the head noun
               for at, word in enumerate(words))


def _names_of_the_title_above(lines, emit, above: int, below: int) -> bool:
    """Do the name-shaped lines between ``above`` and ``below`` run from a
    sure title down to an abstract that shares two or more of its words?"""
    if above < 0 or below >= len(lines):
        return False
    title, author, abstract = emit[above]
    if not (title > abstract and title - author >= SURE_TITLE):
        return False
    title, author, abstract = emit[below]
    if abstract <= max(title, author):
        return False
    return shared(lines[above][1], content_words(lines[below][1][:ABSTRACT_HEAD])) >= 2


# A doubtful line inside a run of names: the two lines around it surely
# name people, written alike, with no blank line between, and each of its
# words is spelled like a name's (letter models, never fitted on these
# pages) and is no frequent word of English unless a given name.  Read as a
# title, it would end the entry above without an abstract and take the
# names below as its own; a title between two names is mostly made of a
# language's words ("Semantic Memory", "Tree Cross Attention"), one or more
# of them spelled like no name's.  Pages whose entries mostly go without
# abstracts make that step cheap: "Sumanta Tewari", "Bene Poelsema" split
# their lists there.  A line written unlike the names around it still pays
# its style (OTHER_STYLE on the way in and out): places and eponyms are
# spelled like names ("Kramers Kronig", "Sierra Nevada"), and a short title
# in full between initialled lists was merged into the list above when
# that cost was given back (41 of 510 crafted pages, against none mended on
# the development pages).
BETWEEN_NAMES = 1.5


def _between_names(lines, emit, styles, alike) -> None:
    for i in range(1, len(lines) - 1):
        if (styles[i] and styles[i - 1] == styles[i + 1]
                and not lines[i][2] and not lines[i + 1][2]
                and emit[i][A] < CONFIDENT_NAME
                and emit[i - 1][A] >= SURE_PERSON and emit[i + 1][A] >= SURE_PERSON
                and spelled_like_names(lines[i][1])):
            alike[i] += BETWEEN_NAMES


# How much the page's folding rule is trusted over the words of a line.
FOLD_EVIDENCE = 4.0


def _folded_lists(lines, emit) -> None:
    """On the page's own display a list of more than 20 names is folded
    after the 19th, which ends in "… (see N more)" (N >= 2): when the 18
    lines before such a marker could all be names, they are taken as
    authors, and the line before them as the entry's title, even where a
    name's words look ordinary ("Jama Hussein Mohamud")."""
    for i, (_, text, _) in enumerate(lines):
        marker = author_marker(text)
        start = i - (AUTHORS_SHOWN - 1)
        if (marker is None or start < 0 or emit[i][A] == IMPOSSIBLE
                or int(marker.group(1) or 0) + AUTHORS_SHOWN - 1 <= AUTHORS_SHOWN):
            continue
        between = range(start + 1, i)
        if any(emit[j][A] == IMPOSSIBLE for j in between) or emit[start][T] == IMPOSSIBLE:
            continue
        for j in between:
            title, author, abstract = emit[j]
            emit[j] = (title - FOLD_EVIDENCE, author, abstract - FOLD_EVIDENCE)
        title, author, abstract = emit[start]
        emit[start] = (title, author - FOLD_EVIDENCE, abstract - FOLD_EVIDENCE)


def _entering(i: int, blank: bool, blank_separated: bool) -> tuple[float, float, float]:
    if blank:
        return 0.0, AFTER_BLANK, AFTER_BLANK
    if blank_separated and i:
        return TITLE_WITHOUT_BLANK, 0.0, 0.0
    return 0.0, 0.0, 0.0


def _moves(transition: dict, ahead: bool = False) -> list[list[tuple[int, float, float]]]:
    """For each label, the labels that may come before it (after it, with
    ``ahead``), the step's score, and how much the step counts the next
    line's likeness (``alike``): only a step from one author to the next is
    judged by it, in both passes of ``_viterbi``.  In LABELS order, so that
    ties go the same way every time."""
    pairs = (lambda label, other: (label, other)) if ahead else (lambda label, other: (other, label))
    return [[(other, transition[pairs(label, other)], float(label == other == A)) for other in LABELS
             if pairs(label, other) in transition]
            for label in LABELS]


def _viterbi(emit, enter, alike, transition):
    n = len(emit)
    local = [[emit[i][label] + enter[i][label] for label in LABELS] for i in range(n)]
    forward = [[IMPOSSIBLE] * 3 for _ in range(n)]
    back = [[0] * 3 for _ in range(n)]
    forward[0][T] = emit[0][T]
    into = _moves(transition)
    for i in range(1, n):
        before, here, came = forward[i - 1], forward[i], back[i]
        for label in LABELS:
            best, arg = IMPOSSIBLE, T
            for prev, step, judged in into[label]:
                score = before[prev] + step + judged * alike[i]
                if score > best:
                    best, arg = score, prev
            here[label] = best + local[i][label]
            came[label] = arg

    out = _moves(transition, ahead=True)
    backward = [[AT_END[label] for label in LABELS] for _ in range(n)]
    for i in range(n - 2, -1, -1):
        after, ahead = backward[i + 1], local[i + 1]
        for label in LABELS:
            best = IMPOSSIBLE
            for nxt, step, judged in out[label]:
                score = step + judged * alike[i + 1] + ahead[nxt] + after[nxt]
                best = max(best, score)
            backward[i][label] = best

    labels = [0] * n
    labels[-1] = max(LABELS, key=lambda label: forward[-1][label] + AT_END[label])
    for i in range(n - 1, 0, -1):
        labels[i - 1] = back[i][labels[i]]

    margins = []
    for i in range(n):
        totals = sorted(((forward[i][label] + backward[i][label], label) for label in LABELS),
                        reverse=True)
        margins.append((totals[0][0] - totals[1][0], totals[1][1]))
    return labels, margins
