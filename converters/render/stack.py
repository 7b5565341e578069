"""Room on Python's frame stack, so that rendering does not map and unmap
memory at every turn.

CPython (3.11 and later) keeps a thread's frames in chunks of 16 KiB, each
mapped from the system when a call needs one and unmapped as soon as the
call that opened it returns.  Rendering an entry goes about a hundred
calls deep and back, across a chunk's end again and again: for 1,000 APA
entries, 40,000 mappings and 45,000 page faults, a tenth of the CPU time,
spent in the kernel.  A chunk is made as large as the first frame it holds
needs, and the calls below that frame fill the rest of it: calling through
:func:`with_room`, whose frame has room for many unused local variables,
opens one large chunk that the whole rendering stays in.  (CPython's
issue gh-142183; 3.13 and 3.14 now keep one spare chunk a thread, which
ends the churn there; 3.11 and 3.12 do not.)
"""
from __future__ import annotations

# unused local variable slots (8 bytes each): a 160 KiB frame, so a 256 KiB
# chunk with 96 KiB left, more than rendering an entry uses
_SLOTS = 20_000


def with_room(function, *args, **kwargs):
    """``function(*args, **kwargs)``, called with room on the frame stack."""
    return function(*args, **kwargs)


def _make_room() -> None:
    code = with_room.__code__
    names = code.co_varnames + tuple(f"_slot{i}" for i in range(_SLOTS))
    try:
        with_room.__code__ = code.replace(co_varnames=names, co_nlocals=len(names))
    except (AttributeError, TypeError, ValueError):  # a Python without these: a plain call
        pass


_make_room()
