"""The command line: the only place that prints and picks exit codes.

Exit codes: 0 everything converted, 1 output written but some input was
reported and skipped, 2 nothing could be converted or the command was wrong.
Heavy modules are imported inside the commands so ``--help`` starts fast.
"""
from __future__ import annotations

import argparse
import os
import sys

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2


class UsageError(Exception):
    pass


def _add_inputs(command: argparse.ArgumentParser) -> None:
    """INPUT..., -f/--from and --encoding, the same for every reading command."""
    command.add_argument("inputs", nargs="*", metavar="INPUT",
                         help="files to read; '-' or nothing reads standard input")
    command.add_argument("-f", "--from", dest="from_", metavar="FROM",
                         help="input format (default: from the file suffix, then the content)")
    command.add_argument("--encoding", metavar="NAME",
                         help="encoding of the inputs (default: UTF-8, or as a BOM says)")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="bibconv",
        description="Convert and validate bibliographic records: publication listings, "
                    "BibTeX/BibLaTeX, CSL-JSON and JATS XML.")
    parser.add_argument("--version", action="version", version=f"bibconv {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    convert = commands.add_parser(
        "convert", help="convert records from one format to another",
        description="Read every INPUT into one collection and write it in another format. "
                    "Diagnostics go to stderr as 'file:line:col: severity code message'.",
        epilog="exit status: 0 all converted, 1 output written but some input skipped, "
               "2 nothing converted or a usage error")
    _add_inputs(convert)
    convert.add_argument("-t", "--to", metavar="TO",
                         help="output format (default: from the suffix of -o)")
    convert.add_argument("-o", "--output", metavar="OUT",
                         help="output file, '-' for standard output (the default), or a "
                              "folder (DIR/) for one file per record")
    convert.add_argument("--page", action="store_true",
                         help="listing output: reproduce the page's own display "
                              "(abstracts cut with '… (see more)', long author lists folded)")
    convert.add_argument("--jsonl", action="store_true",
                         help="csljson output: JSON Lines, one item a line")
    convert.add_argument("--ascii", action="store_true",
                         help="bibtex/biblatex output: encode non-ASCII characters as LaTeX")
    convert.add_argument("-W", "--writer-option", action="append", default=[],
                         metavar="KEY=VALUE", help="an option for the writer (repeatable)")
    convert.add_argument("-v", "--verbose", action="store_true",
                         help="also show info diagnostics (fields kept in 'custom', ids made)")
    convert.add_argument("-q", "--quiet", action="store_true",
                         help="show errors only")
    convert.set_defaults(run=_convert)

    validate = commands.add_parser(
        "validate", help="check records the way a careful editor would",
        description="Check every record of every INPUT: what the readers found, the rules of "
                    "the default submission profile and of any --schema profile, and the "
                    "built-in checks (checksums, dates, pages, duplicates).",
        epilog="exit status: 0 clean, 1 findings at or above --fail-on, "
               "2 usage error or unreadable input")
    _add_inputs(validate)
    validate.add_argument("--schema", action="append", default=[], metavar="FILE",
                          help="a profile (JSON Schema whose rules carry x-code and "
                               "x-severity) to apply besides the default; repeatable")
    validate.add_argument("--output-format", choices=["text", "json", "sarif", "github", "junit"],
                          default="text", help="report format (default: text)")
    validate.add_argument("-o", "--output", metavar="FILE",
                          help="write the report to FILE instead of standard output")
    validate.add_argument("--fail-on", choices=["error", "warning", "never"], default="error",
                          help="lowest severity that makes the exit status 1 (default: error)")
    validate.add_argument("--select", metavar="CODES",
                          help="report only these codes (comma-separated)")
    validate.add_argument("--ignore", metavar="CODES",
                          help="do not report these codes (comma-separated)")
    validate.add_argument("-v", "--verbose", action="store_true",
                          help="also report info diagnostics")
    validate.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                          help="colour the text report (default: on a terminal, "
                               "unless NO_COLOR is set)")
    validate.add_argument("--list-rules", action="store_true",
                          help="print every rule with its code, severity and source, and exit")
    validate.set_defaults(run=_validate)

    cite = commands.add_parser(
        "cite", help="render a bibliography (and citations) in a CSL style",
        description="Render the records of every INPUT as a bibliography in a CSL style; "
                    "with --cite, the in-text citations too. Text output is one entry a "
                    "paragraph, a blank line between entries.")
    _add_inputs(cite)
    cite.add_argument("--style", default="apa", metavar="NAME|FILE.csl",
                      help="a style from the CSL catalogue or styles/, or a .csl file "
                           "(default: apa; see 'bibconv styles')")
    cite.add_argument("--locale", default="en-US", metavar="xx-XX",
                      help="locale for terms, dates and punctuation (default: en-US)")
    cite.add_argument("-t", "--to", dest="output", choices=["text", "html", "markdown"],
                      default="text", help="output format (default: text)")
    cite.add_argument("--cite", action="append", default=[], metavar="KEY,...",
                      help="ids to cite together in one citation (repeatable: one "
                           "citation each); the bibliography then holds the cited records")
    cite.add_argument("-o", "--output", dest="out", metavar="FILE",
                      help="write to FILE instead of standard output")
    cite.set_defaults(run=_cite)

    styles = commands.add_parser("styles", help="list or search the available CSL styles",
                                 description="List the CSL styles bibconv can use (its own "
                                             "and the CSL catalogue), or those whose name or "
                                             "title contains QUERY.")
    styles.add_argument("query", nargs="?", help="text to look for in names and titles")
    styles.set_defaults(run=_styles)

    formats = commands.add_parser("formats", help="list the installed formats",
                                  description="List every installed format with what it "
                                              "can do and the file suffixes it claims.")
    formats.set_defaults(run=_formats)
    return parser


def _inputs(args) -> list[str]:
    """The INPUT arguments, standard input when there are none; waiting on a
    terminal for records nobody will type is a usage error."""
    inputs = args.inputs or ["-"]
    if inputs == ["-"] and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError("no input: name a file, or pipe records into standard input")
    return inputs


def _writer_options(args) -> dict:
    options: dict = {}
    for item in args.writer_option:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"-W expects KEY=VALUE, got {item!r}")
        lowered = value.lower()
        options[key.replace("-", "_")] = (True if lowered in ("true", "yes", "1") else
                                          False if lowered in ("false", "no", "0") else value)
    if args.page:
        options["page"] = True
    if args.jsonl:
        options["lines"] = True
    if args.ascii:
        options["ascii"] = True
    return options


def _show(diagnostics, *, verbose: bool = False, quiet: bool = False) -> None:
    from .diagnostics import Severity

    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.INFO and not verbose:
            continue
        if quiet and diagnostic.severity is not Severity.ERROR:
            continue
        print(diagnostic.format(), file=sys.stderr)


def _is_folder(target: str) -> bool:
    return target.endswith(("/", os.sep)) or os.path.isdir(target)


def _convert(args) -> int:
    from .api import convert
    from .diagnostics import Severity
    from .registry import default_registry
    from .textio import write_atomic

    registry = default_registry()
    inputs = _inputs(args)
    output = args.output if args.output not in (None, "-") else None
    to = args.to
    if to is None:
        by_suffix = registry.for_path(output) if output and not _is_folder(output) else None
        if by_suffix is None:
            raise UsageError("say which format to write with -t/--to "
                             "(see 'bibconv formats')")
        to = by_suffix.name
    writer = registry.get(to)
    if not writer.can_write:
        raise UsageError(f"format {writer.name!r} can only be read")
    if output:
        target = os.path.realpath(output)
        for source in inputs:
            if source != "-" and os.path.realpath(source) == target:
                raise UsageError(f"refusing to overwrite the input {source!r}")
    to_folder = bool(output) and _is_folder(output)
    if to_folder and not writer.one_record_per_file:
        raise UsageError(f"format {writer.name!r} writes one file; give -o a file name")

    result = convert(inputs, writer.name, from_=args.from_, encoding=args.encoding,
                     registry=registry, write_options=_writer_options(args))
    _show(result.diagnostics, verbose=args.verbose, quiet=args.quiet)

    errors = any(d.severity is Severity.ERROR for d in result.diagnostics)
    if not result.records and errors:
        return EXIT_FAILED
    if writer.one_record_per_file and len(result.records) > 1 and not to_folder:
        raise UsageError(f"{len(result.records)} records: format {writer.name!r} holds one "
                         "record a file; give -o a folder (DIR/)")
    if to_folder:
        os.makedirs(output, exist_ok=True)
        suffix = writer.suffixes[0] if writer.suffixes else ""
        for record_id, text in (result.output.files or {}).items():
            write_atomic(os.path.join(output, record_id + suffix), text)
    elif output:
        write_atomic(output, result.text)
    else:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    return EXIT_PARTIAL if errors else EXIT_OK


def _codes(value: str | None) -> set[str] | None:
    return {c.strip() for c in value.split(",") if c.strip()} if value else None


def _validate(args) -> int:
    from .api import validate
    from .diagnostics import Severity
    from .textio import write_atomic
    from .validation import ProfileError, rules
    from .validation.reporters import REPORTERS, Report

    try:
        if args.list_rules:
            rows = rules(args.schema)
            width = max(len(row[0]) for row in rows)
            for code, severity, where, summary in rows:
                print(f"{code.ljust(width)}  {severity.ljust(7)}  {where.ljust(7)}  {summary}")
            return EXIT_OK
        inputs = _inputs(args)
        result = validate(inputs, from_=args.from_, encoding=args.encoding,
                          profiles=args.schema, select=_codes(args.select),
                          ignore=_codes(args.ignore))
    except ProfileError as exc:
        raise UsageError(f"bad profile: {exc}") from None

    shown = [d for d in result.diagnostics
             if args.verbose or d.severity is not Severity.INFO]
    color = args.color == "always" or (
        args.color == "auto" and args.output is None and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR"))
    report = Report(shown, [(r.origin.file, r.id, r.origin.line) for r in result.records],
                    result.files, color=color)
    text = REPORTERS[args.output_format](report)
    if args.output and args.output != "-":
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if result.unreadable:
        return EXIT_FAILED
    threshold = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank,
                 "never": None}[args.fail_on]
    if threshold is not None and any(d.severity.rank >= threshold for d in shown):
        return EXIT_PARTIAL
    return EXIT_OK


def _cite(args) -> int:
    from .api import read
    from .diagnostics import Severity
    from .render import PARALLEL_FROM, StyleError, render
    from .textio import write_atomic

    inputs = _inputs(args)
    records, diagnostics, unreadable = [], [], False
    for source in inputs:
        got = read(source, args.from_, encoding=args.encoding)
        diagnostics.extend(got.diagnostics)
        if not got.records and any(d.severity is Severity.ERROR for d in got.diagnostics):
            unreadable = True
        records.extend(got.records)
    try:
        result = render(records, style=args.style, locale=args.locale, output=args.output,
                        cite=args.cite or None, parallel_from=PARALLEL_FROM)
    except StyleError as exc:
        raise UsageError(str(exc)) from None
    diagnostics.extend(result.diagnostics)
    _show(diagnostics)
    text = result.text(args.output)
    if args.out and args.out != "-":
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    if unreadable and not records:
        return EXIT_FAILED
    return EXIT_PARTIAL if any(d.severity is Severity.ERROR for d in diagnostics) else EXIT_OK


def _styles(args) -> int:
    from .render import list_styles

    found = list_styles(args.query)
    for name, title in found:
        print(f"{name}  {title}" if title else name)
    if not found:
        print(f"bibconv styles: no style matches {args.query!r}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def _formats(args) -> int:
    from .registry import default_registry

    rows = []
    for fmt in sorted(default_registry().all(), key=lambda f: f.name):
        directions = "/".join(d for d, ok in (("read", fmt.can_read), ("write", fmt.can_write))
                              if ok)
        rows.append((fmt.name, directions, " ".join(fmt.suffixes) or "-",
                     fmt.description + (f" (aliases: {', '.join(fmt.aliases)})"
                                        if fmt.aliases else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return EXIT_OK


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"bibconv {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except LookupError as exc:  # unknown format names
        print(f"bibconv {args.command}: error: {exc.args[0] if exc.args else exc}",
              file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader of our output went away (| head): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # writing the output failed: say where, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"bibconv {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
