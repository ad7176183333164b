"""One owner per SQLite data directory: an OS file lock on ``applicant-bot.lock`` inside it.

    with DataDirLock(data_dir):      # raises DataDirInUse(data_dir, pid) when another process owns it
        ...

`serve` keeps the latest state of active sessions in memory and is the only writer it expects
(group commit, the session cache), so a second `serve` on the same directory would silently lose
turns. The lock is ``fcntl.flock`` on a file that stays in place: the kernel releases it when its
owner exits in any way (kill -9 included), so a crash never leaves a stale lock behind, and no
process ever has to guess whether a PID in a file is still alive. The owner writes its PID into
the file so that the refused one can name it.

A shared database for several processes (PostgreSQL) will need no such lock; only the SQLite store
asks for it (``Store(path, exclusive=True)``).
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_FILENAME = "applicant-bot.lock"


class DataDirInUse(RuntimeError):
    """Another process holds the data directory. ``str()`` is the one line shown to the operator."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        self.data_dir, self.pid = data_dir, pid
        owner = f"process {pid}" if pid else "another process (PID not written yet)"
        super().__init__(
            f"the data directory {str(data_dir)!r} is in use by applicant-bot {owner}; one serve owns a data "
            f"directory: stop that one, or give this one its own APPLICANT_BOT_DATA_DIR"
        )


class DataDirLock:
    """The exclusive, non-blocking lock of one data directory for the life of this object."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILENAME
        self.used_before = False  # the lock file was there: a process owned this directory before
        self._fd: int | None = None

    def acquire(self) -> "DataDirLock":
        if self._fd is not None:
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.used_before = self.path.exists()
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise DataDirInUse(self.data_dir, pid) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Unlock. The file stays: removing it would let a process that opened it just before
        lock a file nobody else can find any more."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the only descriptor releases the flock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> "DataDirLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
