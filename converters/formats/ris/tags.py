"""The lines of a RIS file: tag lines, records cut with their lines, and
one record's lines parsed by rispy (tags, repeated and continued values)."""
from __future__ import annotations

import re
from functools import lru_cache

from ...diagnostics import Severity, make
from ...mapping import ris as M
from ...model import ReadResult

# the tag and its dash; the value is the rest of the line (no pattern runs
# over a long value: a 10 MB abstract must not be searched backwards)
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])[ \t]{1,3}-[ \t]?")
# what exporters write before a record: rispy's and Ovid's "1."; the Cochrane
# Library's block "Record #3 of 18", "Provider: ...", "Content: ..." up to
# the next TY.  Zotero's RIS import and EndNote's RIS filter pass over them
# in silence (they number and label the export, not the work)
_HEADER = re.compile(r"^\s*\d+\.\s*$")
_BLOCK_HEADER = re.compile(r"^\s*Record #\d+ of \d+\s*$")


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if re.match(r"TY {1,2}- ?\S", head):
        return 0.95
    if re.search(r"^TY  - ", head, re.M) and re.search(r"^ER  -", text[:65536], re.M):
        return 0.8
    return 0.0




def tag_line(line: str) -> tuple[str | None, str]:
    """(tag, value) of a tag line, (None, line) of any other line."""
    # most lines are tag lines: test the cheap shape before the pattern
    match = _TAG_LINE.match(line) if line[:1].isupper() and "-" in line[2:6] else None
    return (match.group(1), line[match.end():].rstrip(" \t")) if match else (None, line)


def is_header(line: str) -> bool:
    return bool(_HEADER.match(line))


# -- splitting into records, with lines -------------------------------------------

def split_records(text: str, source: str | None, result: ReadResult):
    """Yield (first line, last line, [(line, tag, value) | (line, None, text)])."""
    # a BOM may also stand on a line of its own after a concatenation
    lines = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list | None = None
    start = 0
    stray_at: set = set()  # the kinds of stray lines already reported since the last TY
    in_header = False  # inside a header block (Cochrane's) that runs to the next TY

    def stray(number: int, what: str, code: str):
        if code not in stray_at:
            stray_at.add(code)
            result.diagnostics.append(make(code, what, file=source, line=number))

    for number, line in enumerate(lines, 1):
        tag, value = tag_line(line)
        if current is None:
            if tag == "TY":
                current, start = [(number, tag, value)], number
                stray_at.clear()
                in_header = False
            elif tag is not None:
                stray(number, f"a {tag} line outside a record (no TY before it); skipped "
                      "up to the next TY", "record-invalid")
            elif in_header or _BLOCK_HEADER.match(line):
                in_header = True
            elif line.strip() and not _HEADER.match(line):
                stray(number, "text outside a record (not a RIS tag line); skipped up to "
                      "the next TY", "syntax-error")
            continue
        if tag == "ER":
            yield start, number, current
            current = None
        elif tag == "TY":
            if len(current) == 1:  # "TY" and nothing else: no record at all
                result.diagnostics.append(make(
                    "record-invalid", "a TY line with no record after it is skipped",
                    file=source, line=start))
            else:
                result.diagnostics.append(make(
                    "syntax-error", "the record has no ER line; it ends where the next TY "
                    "begins", file=source, line=start, severity=Severity.WARNING))
                yield start, number - 1, current
            current, start = [(number, tag, value)], number
        elif tag is not None:
            current.append((number, tag, value))
        elif len(current) > 1:  # a value continued on the next line, or a blank
            current.append((number, None, line))  # line (parse_record's to keep or not)
        elif line.strip() and not _HEADER.match(line):
            result.diagnostics.append(make(
                "syntax-error", "text after TY that continues no tag; skipped", file=source,
                line=number, severity=Severity.WARNING))
    if current is not None:
        result.diagnostics.append(make(
            "syntax-error", "the last record has no ER line; read to the end of the file",
            file=source, line=start, severity=Severity.WARNING))
        yield start, len(lines), current


@lru_cache(maxsize=1)
def _parser():
    """rispy's parser, told to hand the tags back as they are (lower-cased)."""
    import rispy

    mapping = {tag: tag.lower() for tag in M.KNOWN_TAGS}
    mapping["UK"] = "unknown"
    return rispy.RisParser(mapping=mapping, list_tags=M.LIST_TAGS, delimiter_tags_mapping={},
                           enforce_list_tags=False)


def _kept(entries: list) -> list:
    """The entries less their blank lines, but for those between two lines
    of an N1's value: a note's paragraphs, as Zotero writes them (and
    reads a blank line there)."""
    kept: list = []
    blanks: list = []
    tag_now = None
    for entry in entries:
        _, tag, value = entry
        if tag is not None:
            tag_now, blanks = tag, []
        elif not value.strip():
            blanks.append((entry[0], None, ""))
            continue
        else:
            if tag_now == "N1":
                kept.extend(blanks)
            blanks = []
        kept.append(entry)
    return kept


def parse_record(entries: list) -> tuple[dict, dict]:
    """One record's lines -> {tag: value or [values]} through rispy."""
    lines = [f"{tag}  - {value}" if tag else value for _, tag, value in _kept(entries)]
    lines.append("ER  - ")
    parsed = _parser().parse_lines(iter(lines))
    fields = {k.upper(): v for k, v in parsed[0].items() if k != "unknown"} if parsed else {}
    unknown = dict(parsed[0].get("unknown") or {}) if parsed else {}
    return fields, unknown


