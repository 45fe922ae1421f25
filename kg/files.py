"""Files read and written whole: a regular file read at most so big (never a FIFO waited on), and a
file written whole or not at all, the one way kg writes what a user asked for."""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from . import errors


@contextmanager
def whole_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears as `path` when the block ends, or not at all: written to a
    temporary file beside it and renamed, so a failure never leaves half a file nor spoils an
    older one of that name. It gets the mode open() would give it, not mkstemp's 0600. (tempfile
    is imported here: `kg query` reads its query through this module and writes no file.)"""
    import tempfile
    try:
        short = path.name.encode("utf-8", "surrogateescape")[:60].decode("utf-8", "ignore")   # room under NAME_MAX
        fd, part = tempfile.mkstemp(dir=path.parent, prefix=f".{short}.", suffix=".part")
    except OSError as e:
        raise errors.cannot_write(path, e.strerror or str(e)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(part, 0o666 & ~mask)
        os.replace(part, path)
    except OSError as e:
        Path(part).unlink(missing_ok=True)
        raise errors.cannot_write(path, e.strerror or str(e)) from None
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise


def read_regular(path: Path, limit: int, too_big=errors.too_big) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (else `too_big(path, size, limit)`).
    It is opened without blocking and checked on the open descriptor, so a FIFO or device named
    .txt is refused, never read from."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise errors.unreadable(path, e.strerror or str(e)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise errors.not_regular(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise too_big(path, info.st_size, limit)
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(limit + 1)
    except OSError as e:
        raise errors.unreadable(path, e.strerror or str(e)) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")]
    return next((name for test, name in kinds if test(mode)), "not a regular file")
