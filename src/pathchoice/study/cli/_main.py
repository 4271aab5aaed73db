"""The entry point: parse, run the command, and turn every error of bad input into one line."""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
import sys
from collections.abc import Sequence

from ...exceptions import PathchoiceError
from ._commands import COMMAND_FUNCTIONS
from ._parser import COMMANDS, EXIT_ERROR, CommandError, build_parser, one_line

__all__ = [
    "main",
]


def _with_command(argv: list[str]) -> list[str]:
    """``argv`` with ``rank`` put first when no command is given."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return argv
    first = argv[0] if argv else ""
    looks_like_a_command = (
        first and not first.startswith("-") and "." not in first and not os.path.exists(first)
    )
    if looks_like_a_command:
        close = difflib.get_close_matches(first, COMMANDS, n=1)
        if close:
            raise CommandError(
                f"unknown command {first!r}; did you mean {close[0]!r}? (commands: "
                f"{', '.join(COMMANDS)})"
            )
    return ["rank", *argv]


def _readableoutput() -> None:
    """Never fail on a character the terminal cannot encode (names like 'China–Japan')."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def _message(exc: BaseException) -> str:
    """The error as one printable line: control characters (a newline in a file name) escaped."""
    if isinstance(exc, OSError) and exc.filename is not None:
        text = f"{exc.filename}: {exc.strerror or exc}"
    else:
        text = str(exc)
    return one_line(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``pathchoice`` command; return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on bad input (one message on standard error), 1 for
        ``validate --strict`` with warnings.

    Examples
    --------
    >>> main(["rank", "--set", "modes", "--format", "csv"])  # doctest: +ELLIPSIS
    alternative,score,rank
    Joint development of software application technology,0.70...,1
    ...
    0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    _readableoutput()
    try:
        args = build_parser().parse_args(_with_command(args_list))
        return COMMAND_FUNCTIONS[args.command](args)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:  # e.g. `pathchoice compare | head`: stop quietly
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (PathchoiceError, OSError) as exc:
        if getattr(exc, "errno", None) == errno.EPIPE:  # -o /dev/stdout | head: quietly too
            return 0
        print(f"pathchoice: error: {_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except RecursionError:  # a library limit, not the user's mistake: still one line
        print(
            "pathchoice: error: the model is nested too deeply for this version of pathchoice "
            "to compute (maximum recursion depth exceeded)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("pathchoice: interrupted", file=sys.stderr)
        return 130
