"""The `kg` command's entry point, and how every run of it ends (exit codes, one-line errors).

`kg query NAME` in its plain form (with -p/--param, -f/--format and --store only, each option
followed by its value) is answered here by the code kg/cli.py's `query` runs, without importing
typer and click, which are half of kg's start (0.05 of 0.1 s): the command scripts call in a
loop, and whose small answers take less than that start. Any other form of it (--help, a value
that looks like an option, an option written `--param=...`, an option given twice, one more
word), like every other command, goes to kg/cli.py, and tests/test_launch.py holds the two ways to
the same output, errors and exit codes.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, NoReturn, Optional

# The options the plain form takes (their long and short names as kg/cli.py declares them)
PLAIN_OPTIONS = {"-p": "param", "--param": "param", "-f": "fmt", "--format": "fmt", "--store": "store"}


def main() -> None:
    plain = plain_query(sys.argv[1:])
    if plain is None or "_KG_COMPLETE" in os.environ:   # shell completion is click's
        from .cli import main as full
        full()
    else:
        from .printing import print_stored
        finish(lambda: print_stored(**plain))


def plain_query(args: list[str]) -> Optional[dict]:
    """print_stored's arguments when `args` are `query NAME` in the plain form, else None."""
    if not args or args[0] != "query":
        return None
    given: dict = {"param": []}
    rest = iter(args[1:])
    for arg in rest:
        option = PLAIN_OPTIONS.get(arg)
        if option is not None:
            value = next(rest, None)
            if value is None or value.startswith("-") or (option != "param" and option in given):
                return None
            if option == "param":
                given["param"].append(value)
            else:
                given[option] = value
        elif arg.startswith("-") or "name" in given:
            return None
        else:
            given["name"] = arg
    return given if "name" in given else None


def finish(work: Callable[[], Optional[int]], other: Optional[Callable[[Exception], Optional[int]]] = None) -> NoReturn:
    """Run `work` and exit with its code (None: 0). A KgError is one line on stderr and its code;
    Ctrl-C says nothing half-written was kept (130); a reader of standard output that went away
    (`kg query visits -f csv | head`) ends it quietly with 1, as click does; `other` may give
    the code of any other exception (click's own), after saying what it has to say; anything
    left is a bug of ours (70), never a traceback."""
    from . import errors, progress
    try:
        code = work()
    except errors.KgError as e:
        progress.message(f"kg: error: {e}")
        code = e.exit_code
    except KeyboardInterrupt:
        progress.message(errors.interrupted())
        code = 130
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # nothing left to flush at exit
        except (AttributeError, OSError, ValueError):   # no standard output at all: nothing to flush
            pass
        code = 1
    except Exception as e:  # noqa: BLE001 - a traceback is never shown to a user
        code = other(e) if other is not None else None
        if code is None:
            progress.message(errors.internal(e))
            code = 70
    sys.exit(code or 0)
