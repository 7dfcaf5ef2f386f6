"""One writer per output: an exclusive lock on OUT.lock for the length of a run.

The lock is an advisory `flock` on a file beside the output, so the kernel drops it when the
process dies however it ends (SIGKILL included): a lock file left by a dead run is stale by
construction and the next run takes it. The file names its holder (pid, command, start), for
the message of a run that is refused.
"""

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no lock, as before
    fcntl = None


class OutputLocked(Exception):
    """Another live run writes this output."""


def lock_path(out: Path) -> Path:
    return out.with_name(out.name + ".lock")


@contextmanager
def output_lock(out):
    """Hold OUT.lock while the block runs; OutputLocked when another run holds it."""
    if out is None or str(out) == "-" or fcntl is None:
        yield
        return
    path = lock_path(Path(out))
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise OutputLocked(f"{out} is being written by another run ({holder}); "
                               "wait for it to finish or choose another --out") from None
        # the holder before us may have removed the file after we opened it: lock the file
        # that is there now, or two runs would each hold a lock on a different file
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        holder = {"pid": os.getpid(), "command": " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:])[:300],
                  "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
        os.ftruncate(fd, 0)
        os.write(fd, (json.dumps(holder) + "\n").encode("utf-8"))
        yield
    finally:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        os.close(fd)  # closing releases the lock


def _read_holder(fd: int) -> str:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        return f"pid {data.get('pid')}, '{data.get('command')}', since {data.get('started')}"
    except (OSError, ValueError, AttributeError):
        return "holder unknown"
