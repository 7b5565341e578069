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
