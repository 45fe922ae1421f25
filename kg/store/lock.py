"""Who may use a store folder at once: one writer (`kg ingest`, `kg remove`) or any number of
`kg serve` servers, never both, because a server would go on answering from the old data.

An advisory lock (flock) on `kg.lock` in the store folder: writers hold it exclusively, servers
shared. The kernel drops it when its holder exits, even by kill -9, so it is never stale; the
file holds the holder's pid for the message.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .. import errors

LOCK_FILE = "kg.lock"


def hold(folder: Path, command: str) -> int:
    """The lock for `kg COMMAND` (shared for "serve", else exclusive): its file descriptor, held
    until it is closed or the process ends."""
    writer = command != "serve"
    path = Path(folder) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise errors.store_unusable(folder, e.strerror or str(e)) from None
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if writer else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        pid, holder = _holder(fd)
        os.close(fd)
        raise errors.store_in_use(folder, holder, pid) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
    return fd


def _holder(fd: int) -> tuple[str, str]:
    """(pid, command) of a holder of the lock. The kernel's list of locks says who holds it now,
    and whether shared (a server) or exclusive (a writer, whose command is in the file, since it
    wrote last); the file alone could name a server that has since gone."""
    try:
        pid, _, command = os.pread(fd, 64, 0).decode().strip().partition(" ")
    except (OSError, UnicodeDecodeError):
        pid = command = ""
    held = _kernel_holders(fd)
    if held:
        holder, shared = held[0]
        pid, command = str(holder), "serve" if shared else (command if str(holder) == pid else "")
    return pid or "unknown", command or "another kg command"


def _kernel_holders(fd: int) -> list[tuple[int, bool]]:
    """(pid, shared) of each flock held on this file, from /proc/locks (Linux); [] elsewhere."""
    info = os.fstat(fd)
    file_id = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    held = []
    try:
        with open("/proc/locks") as locks:
            for line in locks:   # "1: FLOCK  ADVISORY  READ 1234 08:01:5678 0 EOF"; waiters show "->"
                f = line.split()
                if len(f) >= 6 and "->" not in f and f[1] == "FLOCK" and f[5] == file_id and f[4].isdigit():
                    held.append((int(f[4]), f[3] == "READ"))
    except OSError:
        return []
    return held
