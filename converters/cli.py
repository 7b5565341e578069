"""The command line: the only place that prints and picks exit codes.

Exit codes: 0 everything converted, 1 output written but some input was
reported and skipped (validate: findings at or above --fail-on), 2 nothing
could be converted, an output could not be written, or the command was
wrong; 70 (EX_SOFTWARE) a bug in bibconv: a short report on stderr and no
output written.  Heavy modules are imported inside the commands so
``--help`` starts fast.
"""
from __future__ import annotations

import argparse
import os
import sys

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_STATUS = ("exit status: 0 {ok}, 1 {partial}, 2 {failed}, "
               "70 an internal error (a bug in bibconv; nothing written)")


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


def _add_scale(command: argparse.ArgumentParser) -> None:
    """--jobs, --scheduler and --stream: large inputs, one shard an input."""
    scale = command.add_argument_group(
        "large inputs", "read and write record by record, one shard an INPUT (globs such "
        "as 'dump/*.jsonl.gz' are expanded); see README 'Large inputs'")
    scale.add_argument("--stream", action="store_true",
                       help="stream record by record in this process (implied by the next two)")
    scale.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="shards in N local processes")
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="shards on the Dask distributed cluster at ADDRESS "
                            "(tcp://host:8786; needs bibconv[cluster])")
    scale.add_argument("--split", type=_size, default=256 << 20, metavar="SIZE",
                       help="cut a plain JSON Lines input larger than SIZE (bytes, or with "
                            "K, M, G) into tasks of about SIZE (default: 256M)")


def _size(text: str) -> int:
    """'256M' -> bytes."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    unit = units.get(text[-1:].upper(), 1)
    try:
        value = int(text[:-1] if unit > 1 else text) * unit
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 256M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("a size is more than 0")
    return value


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
        epilog=EXIT_STATUS.format(ok="all converted",
                                  partial="output written but some input skipped",
                                  failed="nothing converted, output not written, or a "
                                         "usage error"))
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
                         help="show errors only, and no progress line")
    _add_scale(convert)
    convert.set_defaults(run=_convert)

    validate = commands.add_parser(
        "validate", help="check records the way a careful editor would",
        description="Check every record of every INPUT: what the readers found, the rules of "
                    "the default submission profile and of any --schema profile, and the "
                    "built-in checks (checksums, dates, pages, duplicates).",
        epilog=EXIT_STATUS.format(ok="clean", partial="findings at or above --fail-on",
                                  failed="a usage error, an unreadable input or an "
                                         "unwritable report"))
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
    validate.add_argument("-q", "--quiet", action="store_true",
                          help="no progress line on the terminal")
    _add_scale(validate)
    validate.set_defaults(run=_validate)

    cite = commands.add_parser(
        "cite", help="render a bibliography (and citations) in a CSL style",
        description="Render the records of every INPUT as a bibliography in a CSL style; "
                    "with --cite, the in-text citations too. Text output is one entry a "
                    "paragraph, a blank line between entries.",
        epilog=EXIT_STATUS.format(ok="all rendered", partial="some input reported and "
                                  "skipped", failed="nothing readable, or a usage error"))
    _add_inputs(cite)
    cite.add_argument("--style", default="apa", metavar="NAME|FILE.csl",
                      help="a style from the CSL catalogue or styles/, or a .csl file "
                           "(default: apa; see 'bibconv styles')")
    cite.add_argument("--locale", default="en-US", metavar="xx-XX",
                      help="locale for terms, dates and punctuation (default: en-US)")
    cite.add_argument("-t", "--to", dest="output", choices=["text", "html", "markdown"],
                      default="text", help="output format (default: text)")
    cite.add_argument("--cite", action="append", default=[], metavar="CITATION",
                      help='one citation as pandoc writes it: "[@key, p. 5; see @key2]" '
                           "(or ids: key1,key2); repeatable, one citation each; the "
                           "bibliography then holds the cited records")
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
    inputs = _expand(args.inputs) or ["-"]
    if inputs == ["-"] and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError("no input: name a file, or pipe records into standard input")
    return inputs


def _expand(patterns: list[str]) -> list[str]:
    """Globs ('dump/*.jsonl.gz', quoted so the shell leaves them) expanded,
    in sorted order; a name that exists is taken as it is."""
    import glob

    inputs = []
    for pattern in patterns:
        if pattern == "-" or os.path.exists(pattern) or not glob.has_magic(pattern):
            inputs.append(pattern)
            continue
        found = sorted(glob.glob(pattern, recursive=True))
        if not found:
            raise UsageError(f"no file matches {pattern!r}")
        inputs.extend(found)
    return inputs


def _sharded(args) -> bool:
    return bool(getattr(args, "stream", False) or getattr(args, "jobs", None) is not None
                or getattr(args, "scheduler", None))


def _refuse_inputs(inputs: list[str], outputs) -> None:
    """No command writes onto one of its inputs, however the path is spelt:
    ./x, a symbolic or hard link, a DIR/ whose record file is an input, or
    standard input redirected from the file.  Files are compared by device
    and inode, so FIFOs and terminals (which are not replaced) never are."""
    from .textio import identity

    named: dict[tuple[int, int], str] = {}
    for source in inputs:
        key = identity(source)
        if key is not None:
            named.setdefault(key, source)
    for output in outputs:
        key = identity(output)
        if key in named:
            source = named[key]
            shown = ("the file standard input reads" if source == "-"
                     else f"the input {source!r}")
            same = "" if output == source else f" ({output!r} is the same file)"
            raise UsageError(f"refusing to overwrite {shown}{same}; write to another file")


def _output(value: str | None) -> str | None:
    """-o's file name, None for standard output."""
    return None if value in (None, "-") else value


def _emit(output: str | None, text: str) -> None:
    """The result to its file (see textio.write_outputs) or to standard output."""
    from .textio import OutputError, write_outputs

    if output:
        write_outputs({output: text})
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError("standard output", exc.strerror or str(exc)) from None


# Flags that are writer options: (attribute, option, flag).
_FLAG_OPTIONS = (("page", "page", "--page"), ("jsonl", "lines", "--jsonl"),
                 ("ascii", "ascii", "--ascii"))


def _writer_options(args, writer) -> dict:
    """-W KEY=VALUE and the option flags, checked against what the writer
    declares: an option it does not take is a usage error, not a no-op."""
    from .registry import OptionError

    texts: dict[str, str] = {}
    for item in args.writer_option:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"-W expects KEY=VALUE, got {item!r}")
        texts[key.strip().replace("-", "_")] = value
    try:
        options = writer.parse_options(texts)
    except OptionError as exc:
        raise UsageError(f"-W: {exc}") from None
    declared = writer.writer_options
    for attribute, option, flag in _FLAG_OPTIONS:
        if getattr(args, attribute):
            if declared is not None and declared.get(option) is not bool:
                raise UsageError(f"{flag} does not apply to {writer.name!r} output")
            options[option] = True
    return options


def _show(diagnostics, *, verbose: bool = False, quiet: bool = False) -> None:
    from .diagnostics import Severity
    from .printable import displayable

    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.INFO and not verbose:
            continue
        if quiet and diagnostic.severity is not Severity.ERROR:
            continue
        print(displayable(diagnostic).format(), file=sys.stderr)


def _is_folder(target: str) -> bool:
    return target.endswith(("/", os.sep)) or os.path.isdir(target)


def _format(registry, name: str, role: str):
    """A format by name for reading or writing, or a usage error."""
    from .registry import FormatError

    try:
        fmt = registry.get(name)
    except FormatError as exc:
        raise UsageError(str(exc)) from None
    if role == "write" and not fmt.can_write:
        raise UsageError(f"format {fmt.name!r} can only be read")
    if role == "read" and not fmt.can_read:
        raise UsageError(f"format {fmt.name!r} can only be written")
    return fmt


def _convert(args) -> int:
    from .api import convert
    from .diagnostics import has_errors
    from .registry import default_registry

    registry = default_registry()
    inputs = _inputs(args)
    output = _output(args.output)
    if args.from_:
        _format(registry, args.from_, "read")
    to = args.to
    if to is None:
        from .scale.compression import strip_suffix

        by_suffix = (registry.for_path(strip_suffix(output))
                     if output and not _is_folder(output) else None)
        if by_suffix is None:
            raise UsageError("say which format to write with -t/--to "
                             "(see 'bibconv formats')")
        to = by_suffix.name
    writer = _format(registry, to, "write")
    to_folder = output is not None and _is_folder(output)
    if _sharded(args):
        return _convert_sharded(args, inputs, output, writer)
    if to_folder and not writer.one_record_per_file:
        raise UsageError(f"format {writer.name!r} writes one file; give -o a file name")
    if output and not to_folder:
        _refuse_inputs(inputs, [output])
    options = _writer_options(args, writer)

    result = convert(inputs, writer.name, from_=args.from_, encoding=args.encoding,
                     registry=registry, write_options=options)
    _show(result.diagnostics, verbose=args.verbose, quiet=args.quiet)

    errors = has_errors(result.diagnostics)
    if not result.records and errors:
        return EXIT_FAILED
    if writer.one_record_per_file and len(result.records) > 1 and not to_folder:
        raise UsageError(f"{len(result.records)} records: format {writer.name!r} holds one "
                         "record a file; give -o a folder (DIR/)")
    if to_folder and output is not None:
        _write_folder(writer, result.output.files if result.output else None, output, inputs)
    else:
        _emit(output, result.text)
    return EXIT_PARTIAL if errors else EXIT_OK


def _write_folder(writer, written: dict[str, str] | None, output: str,
                  inputs: list[str]) -> None:
    """-o DIR/ for a format of one record a file: a file a record."""
    from .textio import write_outputs

    suffix = writer.suffixes[0] if writer.suffixes else ""
    names = [name + suffix for name in (written or {})]
    unsafe = [n for n in names if os.path.basename(n) != n or n in (".", "..")]
    if unsafe:  # a writer's bug, never a reason to write outside DIR
        raise RuntimeError(f"writer {writer.name!r} named a file {unsafe[0]!r}")
    files = {os.path.join(output, name): text
             for name, text in zip(names, (written or {}).values(), strict=True)}
    _refuse_inputs(inputs, files)
    _make_folder(output)
    write_outputs(files)


def _make_folder(path: str) -> None:
    from .textio import OutputError

    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise OutputError(path, exc.strerror or str(exc)) from None


def _scale_inputs(args, inputs: list[str]) -> None:
    if "-" in inputs:
        raise UsageError("--stream, --jobs and --scheduler read files, not standard input")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of processes, 1 or more")


def _progress(args, shards: int):
    from .scale.progress import Progress

    return Progress(shards, enabled=None if not args.quiet else False)


def _convert_sharded(args, inputs: list[str], output: str | None, writer) -> int:
    """convert --stream/--jobs/--scheduler: one output shard an input with
    -o DIR/, else the shards' parts joined in input order."""
    import tempfile

    from .scale.plan import execute, join_cut_shards, output_shards, part_shards, split
    from .scale.shards import Job

    _scale_inputs(args, inputs)
    if writer.streamer is None or not writer._get("streamer").writes:
        raise UsageError(f"format {writer.name!r} is not written in streams; "
                         "drop --stream/--jobs/--scheduler")
    options = _writer_options(args, writer)
    job = Job("convert", args.from_, args.encoding, writer.name, options)
    folder_out = output is not None and _is_folder(output)
    where = output if output and folder_out else os.path.dirname(os.path.abspath(output or "."))
    if folder_out:
        _make_folder(where)
    elif not os.path.isdir(where):
        from .textio import OutputError

        raise OutputError(output or where, "its folder does not exist")
    with tempfile.TemporaryDirectory(prefix="bibconv-") as folder:
        shards = (output_shards(inputs, where, writer.suffixes[0] if writer.suffixes else "")
                  if folder_out else part_shards(inputs, folder))
        _refuse_inputs(inputs, [s.output for s in shards if folder_out] or
                       ([output] if output else []))
        plan = split(shards, args.split, folder)
        progress = _progress(args, len(plan.tasks))
        run = execute(job, plan.tasks, folder, jobs=args.jobs or 1, scheduler=args.scheduler,
                      progress=progress)
        progress.close()
        errors = _show_all(args, run.checked())
        if not run.records and errors:
            return EXIT_FAILED
        frame = writer._get("streamer").frame(options)
        renamed: dict = {}  # by part: ids as written -> as joined
        joined = join_cut_shards(plan, run, frame, renamed)
        if not folder_out:
            joined += _join_parts(frame, plan.tasks, run, output, renamed)
        _show(joined, verbose=args.verbose, quiet=args.quiet)  # ids renamed where parts met
        # what writing found, after the renamings, as a whole run says it
        errors = _show_all(args, run.written({task.index: renamed[task.output]
                                              for task in plan.tasks
                                              if task.output in renamed})) or errors
    return EXIT_PARTIAL if errors else EXIT_OK


def _show_all(args, diagnostics) -> bool:
    """A sharded run's diagnostics to stderr, a thousand at a time; whether
    any is an error."""
    from .diagnostics import Severity

    errors = False
    shown = []
    for diagnostic in diagnostics:
        errors = errors or diagnostic.severity is Severity.ERROR
        shown.append(diagnostic)
        if len(shown) >= 1000:
            _show(shown, verbose=args.verbose, quiet=args.quiet)
            shown.clear()
    _show(shown, verbose=args.verbose, quiet=args.quiet)
    return errors


def _join_parts(frame, shards, run, output: str | None, renamed: dict) -> list:
    """The one output: the shards' parts in input order, to a temporary file
    renamed into place, or to standard output; what joining them found."""
    from .scale.compression import wrap_output
    from .scale.shards import assemble
    from .textio import OutputError

    parts = ((shard.output, result.wrote, shard.path)
             for shard, result in zip(shards, run.results, strict=True))
    if output is None:
        sys.stdout.flush()
        found = assemble(frame, parts, sys.stdout.buffer, renamed)
        sys.stdout.buffer.flush()
        return found
    from .textio import plan

    how, target = plan(output)  # a FIFO or a device (/dev/stdout) is written, not replaced
    temporary = f"{target}.bibconv-{os.getpid()}.tmp" if how == "replace" else target
    try:
        with open(temporary, "wb") as raw:
            handle = wrap_output(output, raw)
            found = assemble(frame, parts, handle, renamed)
            handle.close()
        if temporary != target:
            os.replace(temporary, target)
        return found
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(output, exc.strerror or str(exc)) from None


def _codes(value: str | None) -> set[str] | None:
    return {c.strip() for c in value.split(",") if c.strip()} if value else None


def _known_codes(args, option: str, codes: set[str] | None) -> None:
    """--select/--ignore name codes that exist (the catalogue's and those of
    the profiles in use): a misspelt one would silently select nothing."""
    if not codes:
        return
    import difflib

    from .validation import rules

    known = {row[0] for row in rules(args.schema)}
    for code in sorted(codes - known):
        close = difflib.get_close_matches(code, sorted(known), 1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(f"{option}: unknown code {code!r}{hint}; "
                         "'bibconv validate --list-rules' lists them")


def _validate(args) -> int:
    from .api import validate
    from .diagnostics import Severity
    from .validation import ProfileError, rules
    from .validation.reporters import REPORTERS, Report

    output = _output(args.output)
    try:
        if args.list_rules:
            rows = rules(args.schema)
            width = max(len(row[0]) for row in rows)
            lines = [f"{code.ljust(width)}  {severity.ljust(7)}  {where.ljust(7)}  {summary}"
                     for code, severity, where, summary in rows]
            _emit(None, "\n".join(lines) + "\n")
            return EXIT_OK
        select, ignore = _codes(args.select), _codes(args.ignore)
        _known_codes(args, "--select", select)
        _known_codes(args, "--ignore", ignore)
        inputs = _inputs(args)
        if output:
            _refuse_inputs(inputs + list(args.schema), [output])  # profiles are inputs too
        if args.from_:
            from .registry import default_registry

            _format(default_registry(), args.from_, "read")
        if _sharded(args):
            return _validate_sharded(args, inputs, output, select, ignore)
        result = validate(inputs, from_=args.from_, encoding=args.encoding,
                          profiles=args.schema, select=select, ignore=ignore)
    except ProfileError as exc:
        raise UsageError(f"bad profile: {exc}") from None

    shown = [d for d in result.diagnostics
             if args.verbose or d.severity is not Severity.INFO]
    color = _color(args, output)
    report = Report(shown, [(r.origin.file, r.id, r.origin.line) for r in result.records],
                    result.files, color=color)
    _emit(output, REPORTERS[args.output_format](report))
    if result.unreadable:
        return EXIT_FAILED
    threshold = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank,
                 "never": None}[args.fail_on]
    if threshold is not None and any(d.severity.rank >= threshold for d in shown):
        return EXIT_PARTIAL
    return EXIT_OK


def _color(args, output: str | None) -> bool:
    return args.color == "always" or (
        args.color == "auto" and output is None and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR"))


def _validate_sharded(args, inputs: list[str], output: str | None, select, ignore) -> int:
    """validate --stream/--jobs/--scheduler: each shard checked where it
    runs, duplicates found across shards, one report in input order."""
    import tempfile

    from .diagnostics import Severity
    from .scale.plan import execute
    from .scale.report import report
    from .scale.shards import Job, Shard

    _scale_inputs(args, inputs)
    job = Job("validate", args.from_, args.encoding, profiles=tuple(args.schema),
              select=frozenset(select) if select else None,
              ignore=frozenset(ignore) if ignore else None)
    from .scale.plan import split

    shards = split([Shard(index, path) for index, path in enumerate(inputs)], args.split,
                   "").tasks
    threshold = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank,
                 "never": None}[args.fail_on]
    failing = False

    def shown(diagnostics):
        nonlocal failing
        for diagnostic in diagnostics:
            if args.verbose or diagnostic.severity is not Severity.INFO:
                failing = failing or (threshold is not None
                                      and diagnostic.severity.rank >= threshold)
                yield diagnostic

    with tempfile.TemporaryDirectory(prefix="bibconv-") as folder:
        progress = _progress(args, len(shards))
        run = execute(job, shards, folder, jobs=args.jobs or 1, scheduler=args.scheduler,
                      list_records=args.output_format == "junit", progress=progress)
        progress.close()
        ids = [i for r in run.results for i in r.ids] if args.output_format == "junit" else None
        pieces = report(args.output_format, shown(run.diagnostics()), records=run.records,
                        ids=ids, files=inputs, color=_color(args, output))
        _emit_pieces(output, pieces)
    if any(r.unreadable for r in run.results):
        return EXIT_FAILED
    return EXIT_PARTIAL if failing else EXIT_OK


def _emit_pieces(output: str | None, pieces) -> None:
    """A report made in pieces, to standard output as they come, or to its
    file (written whole: see textio.write_outputs)."""
    if not output:
        for piece in pieces:
            _emit(None, piece)
        return
    from .textio import OutputError, plan

    how, target = plan(output)  # as write_outputs does, but a piece at a time
    temporary = f"{target}.bibconv-{os.getpid()}.tmp" if how == "replace" else target
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            for piece in pieces:
                handle.write(piece)
        if temporary != target:
            os.replace(temporary, target)
    except OSError as exc:
        if temporary != target:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        raise OutputError(output, exc.strerror or str(exc)) from None


def _cite(args) -> int:
    from .api import read
    from .diagnostics import has_errors
    from .registry import default_registry
    from .render import PARALLEL_FROM, StyleError, render
    from .wellformed import check

    inputs = _inputs(args)
    output = _output(args.out)
    if output:
        _refuse_inputs(inputs + [args.style], [output])  # a .csl file is an input too
    if args.from_:
        _format(default_registry(), args.from_, "read")
    records, diagnostics, unreadable = [], [], False
    for source in inputs:
        got = read(source, args.from_, encoding=args.encoding)
        diagnostics.extend(got.diagnostics)
        if not got.records and has_errors(got.diagnostics):
            unreadable = True
        records.extend(got.records)
    records, mended = check(records)  # the renderer sees what a writer would
    diagnostics.extend(mended)
    try:
        result = render(records, style=args.style, locale=args.locale, output=args.output,
                        cite=args.cite or None, parallel_from=PARALLEL_FROM)
    except StyleError as exc:
        raise UsageError(str(exc)) from None
    diagnostics.extend(result.diagnostics)
    _show(diagnostics)
    if unreadable and not records:
        return EXIT_FAILED
    _emit(output, result.text(args.output))
    return EXIT_PARTIAL if has_errors(diagnostics) else EXIT_OK


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
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3])
    return EXIT_OK


def _internal_error(args, argv, exc: BaseException) -> None:
    """A short report of a bug: what failed where, with what, and how to
    see more.  The full traceback only on request (BIBCONV_DEBUG=1)."""
    import traceback

    from . import __version__

    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}converters{os.sep}" in f.filename] or frames
    where = ""
    if ours:
        frame = ours[-1]
        path = frame.filename
        cut = path.rfind(f"{os.sep}converters{os.sep}")
        where = f" at {path[cut + 1:] if cut >= 0 else path}:{frame.lineno} ({frame.name})"
    command = " ".join(["bibconv", *(argv if argv is not None else sys.argv[1:])])
    inputs = ", ".join(getattr(args, "inputs", None) or ["standard input"])
    message = str(exc).splitlines()[0] if str(exc) else ""
    print(f"bibconv {args.command}: internal error: {type(exc).__name__}"
          f"{': ' + message if message else ''}{where}\n"
          f"  This is a bug in bibconv {__version__} (Python "
          f"{sys.version.split()[0]}), not a finding about the input; no output was "
          f"written.\n"
          f"  command: {command}\n"
          f"  input: {inputs}\n"
          f"  Please report it with the input if you can share it; "
          f"BIBCONV_DEBUG=1 prints the traceback.", file=sys.stderr)
    if os.environ.get("BIBCONV_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)  # --help and --version end here, before the imports
    from .registry import FormatError
    from .scale import ClusterError
    from .textio import OutputError, own_process

    own_process()  # this process is ours: large reads may tune its garbage collector
    try:
        return args.run(args)
    except (UsageError, FormatError, ClusterError) as exc:
        print(f"bibconv {args.command}: error: {exc.args[0] if exc.args else exc}",
              file=sys.stderr)
        return EXIT_FAILED
    except OutputError as exc:  # the output could not be written: say where, no traceback
        print(f"bibconv {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader of our output went away (| head): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: its own exit code, never mistaken for a finding
        _internal_error(args, argv, exc)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
