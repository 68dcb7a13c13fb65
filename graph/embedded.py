"""The embedded ArcadeDB server, started when no external Neo4j is configured.

The PyPI package `arcadedb-embedded` bundles the server's jars and a Java
runtime. We run the server as a child process with its Bolt plugin, so that the
service talks to it through the official `neo4j` driver exactly as it talks to
Neo4j in production.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import secrets
import signal
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sir.errors import Unavailable

logger = logging.getLogger("sir.embedded")

PASSWORD_FILE = "root-password"  # noqa: S105 - a file name, not a secret
LOCK_FILE = "server.lock"
LOG_FILE = "arcadedb.log"
USER = "root"
MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
STOP_GRACE_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1


class DataDirInUse(Unavailable):
    """Raised when another process already runs a server on the data folder."""


class EmbeddedStartError(Unavailable):
    """Raised when the embedded server does not come up within its bound."""


@dataclass(frozen=True)
class EmbeddedOptions:
    """How to start the embedded server."""

    data_dir: Path
    database: str = "sir"
    heap: str = "512m"
    start_timeout: float = 60.0
    # Seconds after which the server itself aborts a statement (the service's
    # transaction timeout), so that work a client gave up on stops too.
    command_timeout: float | None = None


def package_dir() -> Path:
    """Return the folder of the installed `arcadedb_embedded` package."""
    import arcadedb_embedded

    return Path(arcadedb_embedded.__file__).resolve().parent


def free_port() -> int:
    """Ask the kernel for a port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def read_or_create_password(data_dir: Path) -> str:
    """Return the server's root password, creating a strong one on first start."""
    path = data_dir / PASSWORD_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(32)
    # Create the file with owner-only rights from the start, never wider.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


class EmbeddedServer:
    """One ArcadeDB server process that owns one data folder."""

    def __init__(self, options: EmbeddedOptions) -> None:
        self.options = options
        self.data_dir = options.data_dir.resolve()
        self.bolt_port = 0
        self.password = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._lock: IO[str] | None = None
        self._log: IO[bytes] | None = None

    @property
    def uri(self) -> str:
        """The Bolt address that the driver connects to."""
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def user(self) -> str:
        """The server's root user name."""
        return USER

    @property
    def log_path(self) -> Path:
        """Where the server's own output goes."""
        return self.data_dir / LOG_FILE

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process else None

    def start(self) -> None:
        """Lock the data folder and launch the server; returns before Bolt answers.

        Call this from the main thread: the child is told to die with the thread
        that started it, so that no server outlives a killed service.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        try:
            self.password = read_or_create_password(self.data_dir)
            self.bolt_port = free_port()
            self._log = self.log_path.open("ab")
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                preexec_fn=die_with_parent,
                # Its own process group: Ctrl-C in a terminal reaches only us,
                # and we stop the server in order.
                start_new_session=True,
            )
        except BaseException:
            self.stop()
            raise
        logger.info(
            "embedded ArcadeDB starting",
            extra={"pid": self._process.pid, "bolt_port": self.bolt_port},
        )

    def check_alive(self) -> None:
        """Raise if the server process has exited."""
        if self._process is not None and self._process.poll() is not None:
            raise EmbeddedStartError(
                f"The embedded ArcadeDB server exited with code "
                f"{self._process.returncode}; see its log at {self.log_path}."
            )

    def timed_out(self, waited: float) -> EmbeddedStartError:
        """Build the error for a server whose Bolt port did not answer in time."""
        return EmbeddedStartError(
            f"The embedded ArcadeDB server did not answer on {self.uri} within "
            f"{waited:.0f} s; see its log at {self.log_path}."
        )

    def stop(self) -> None:
        """Stop the server, waiting for a clean shutdown, then release the folder."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                logger.warning("embedded ArcadeDB did not stop in time; killing it")
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        self._release_lock()

    def _command(self) -> list[str]:
        home = package_dir()
        database = self.options.database
        properties = {
            "arcadedb.server.rootPath": str(self.data_dir),
            "arcadedb.server.rootPassword": self.password,
            "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "arcadedb.server.defaultDatabases": (
                f"{database}[{USER}:{self.password}:admin]"
            ),
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": str(self.bolt_port),
            "arcadedb.bolt.defaultDatabase": database,
            # The HTTP API is not used, but it always starts: keep it local.
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": str(free_port()),
        }
        if self.options.command_timeout is not None:
            milliseconds = max(1, round(self.options.command_timeout * 1000))
            properties["arcadedb.command.timeout"] = str(milliseconds)
        return [
            str(home / "jre" / "bin" / "java"),
            f"-Xmx{self.options.heap}",
            *(f"-D{key}={value}" for key, value in properties.items()),
            "-cp",
            str(home / "jars" / "*"),
            MAIN_CLASS,
        ]

    def _acquire_lock(self) -> None:
        handle = (self.data_dir / LOCK_FILE).open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise DataDirInUse(
                f"The data folder {self.data_dir} is in use by process {holder}; "
                "stop that service or set SIR_DATA_DIR to another folder."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._lock = handle

    def _release_lock(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.truncate(0)
            self._lock.close()
            self._lock = None


def die_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies, even by -9."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
