"""scale.idstore: a batch of ids claimed at once is claimed as one at a time."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.ids import IdAllocator
from converters.scale.idstore import StreamIds

# few distinct ids, some already suffixed, so that repeats and -2 clashes are common
_IDS = st.lists(st.sampled_from(["a", "a-2", "a-3", "a-2-2", "b", "record", "b-2"])
                | st.text(min_size=1, max_size=3), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_IDS, max_size=4))
def test_claim_all_gives_what_claiming_one_by_one_gives(batches):
    one_by_one, store = IdAllocator(), StreamIds()
    try:
        for batch in batches:
            assert store.claim_all(batch) == [one_by_one.claim(w) for w in batch]
    finally:
        store.close()


def test_a_batch_larger_than_one_query_s_parameters():
    store = StreamIds()
    try:
        wanted = [f"k{n % 1500}" for n in range(3000)]
        got = store.claim_all(wanted)
        assert got[:1500] == wanted[:1500] and got[1500] == "k0-2" and len(set(got)) == 3000
    finally:
        store.close()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Key", "key", "KEY", "other", "b", "B2"]),
                         max_size=10), max_size=4))
def test_earlier_all_gives_what_asking_key_by_key_gives(chunks):
    from converters.scale.idstore import SeenKeys

    seen = SeenKeys()
    try:
        for number, keys in enumerate(chunks):
            assert seen.earlier_all(keys) == [seen.earlier(k) for k in keys]
            seen.add((k, number) for k in keys)
    finally:
        seen.close()


def test_letter_is_the_nth_of_letters():
    import itertools

    from converters.ids import letters
    from converters.scale.idstore import letter

    assert [letter(n) for n in range(800)] == list(itertools.islice(letters(), 800))


def _first_free(taken: set, wanted: str) -> str:
    """The simple rule: the first of wanted, wanted+a, wanted+b ... not taken."""
    import itertools

    from converters.ids import letters

    for candidate in itertools.chain([wanted], (wanted + s for s in letters())):
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise AssertionError("unreachable")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["k", "ka", "kb", "kaa", "x", "k-2"])),
                max_size=60))
def test_claim_suffixed_gives_the_first_free_letter(claims):
    """Suffixed claims mixed with plain ones (which may take a suffixed id
    first) give the simple rule's ids, and IdAllocator's."""
    taken: set = set()
    store, allocator = StreamIds(), IdAllocator()
    try:
        for suffixed, wanted in claims:
            if suffixed:
                got = store.claim_suffixed(wanted)
                assert got == _first_free(taken, wanted) == allocator.claim_suffixed(wanted)
            else:
                got = store.claim(wanted)
                assert got == allocator.claim(wanted)
                taken.add(got)
    finally:
        store.close()


def test_claim_suffixed_tries_each_suffix_once(monkeypatch):
    # many id-less records of one base: the search goes on from the last
    # letter given, not from "a" again (quadratic before)
    store = StreamIds()
    tried = []
    take = store._take
    monkeypatch.setattr(store, "_take", lambda candidate: tried.append(candidate) or
                        take(candidate))
    try:
        got = [store.claim_suffixed("smith2020") for _ in range(300)]
        assert len(set(got)) == 300 and got[1] == "smith2020a" and got[27] == "smith2020aa"
        assert len(tried) < 2 * 300
    finally:
        store.close()
