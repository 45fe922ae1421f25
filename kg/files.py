"""Writing a file whole or not at all, the one way kg writes what a user asked for."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from . import errors


@contextmanager
def whole_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears as `path` when the block ends, or not at all: written to a
    temporary file beside it and renamed, so a failure never leaves half a file nor spoils an
    older one of that name. It gets the mode open() would give it, not mkstemp's 0600."""
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
