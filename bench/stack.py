"""Start and stop `scripts/replicas.py` (what `bash scripts/run.sh --replicas N` runs) from Python.

One definition shared by tests/browser/test_proxy.py and bench/roundtable.py: the supervisor is
started exactly as run.sh starts it (plus `--server.address 127.0.0.1`, a free public port and a
`--state` file), and its state file tells the URL, the pids and ports of HAProxy and of every
replica, and HAProxy's admin socket, from which `server_status` reads what HAProxy thinks of each
replica. Everything stays on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load import free_port

ROOT = Path(__file__).resolve().parent.parent
SUPERVISOR = ROOT / "scripts" / "replicas.py"


@dataclass
class RunningStack:
    proc: subprocess.Popen  # the supervisor
    state_path: Path
    log_path: Path  # the supervisor's own output
    state: dict
    final_log: str | None = None  # the supervisor's output, kept when stop_stack removes its folder

    @property
    def url(self) -> str:
        return self.state["local_url"]

    def refresh(self) -> dict:
        """Re-read the state file (pids change when a replica is restarted)."""
        try:
            self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # being replaced, or already removed at exit: keep the last one read
        return self.state

    def replica(self, name: str) -> dict:
        return next(r for r in self.refresh()["replicas"] if r["name"] == name)

    def pids(self) -> list[int]:
        """HAProxy's and every replica's pid, as last known (for the 'nothing left running' checks)."""
        s = self.state
        return [p for p in [s["haproxy"]["pid"], *(r["pid"] for r in s["replicas"])] if p]

    def log(self, lines: int = 60) -> str:
        if self.final_log is not None:
            return "\n".join(self.final_log.splitlines()[-lines:])
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def haproxy_log(self) -> list[str]:
        try:
            return Path(self.state["haproxy"]["log"]).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []

    def server_status(self) -> dict[str, dict[str, str]]:
        """HAProxy's `show stat` for the backend's servers: name -> {'status': 'UP'|'DOWN'|..., 'chkdown': ...}."""
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(10)
            s.connect(self.state["haproxy"]["admin_socket"])
            s.sendall(b"show stat\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        rows = csv.DictReader(io.StringIO(b"".join(chunks).decode().lstrip("# ")))
        return {r["svname"]: r for r in rows if r["pxname"] == "replicas" and r["svname"] not in ("BACKEND", "FRONTEND")}


def start_stack(
    replicas: int,
    timeout: float = 600,
    restart_delay: float | None = None,
    env_extra: dict | None = None,
    extra_args: list[str] | None = None,
) -> RunningStack:
    """Start the supervisor with `replicas` Atlas processes behind HAProxy on a free port of
    127.0.0.1 and wait (at most `timeout` s, a safety net) until it says it is ready."""
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="atlas-stack-"))
    state_path, log_path = tmp / "state.json", tmp / "supervisor.log"
    cmd = [
        sys.executable,
        str(SUPERVISOR),
        "--replicas",
        str(replicas),
        "--state",
        str(state_path),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        *(extra_args or []),
    ]
    if restart_delay is not None:
        cmd += ["--restart-delay", str(restart_delay)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **(env_extra or {})}, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    stack = RunningStack(proc, state_path, log_path, {})
    deadline = time.monotonic() + timeout
    while not state_path.exists():
        if proc.poll() is not None:
            stop_stack(stack)
            raise RuntimeError(f"scripts/replicas.py exited with {proc.returncode}; its output:\n{stack.log()}")
        if time.monotonic() > deadline:
            stop_stack(stack)
            raise RuntimeError(f"scripts/replicas.py not ready within {timeout:.0f} s; its output:\n{stack.log()}")
        time.sleep(0.1)
    stack.refresh()
    return stack


def stop_stack(stack: RunningStack, sig: int = signal.SIGTERM, timeout: float = 180) -> int | None:
    """Signal the supervisor (SIGINT = Ctrl-C) and wait for it; it stops HAProxy and the replicas.
    Then remove this helper's folder (state file and supervisor output; the output stays in `final_log`)."""
    if stack.proc.poll() is None:
        stack.proc.send_signal(sig)
        try:
            stack.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stack.proc.kill()
            stack.proc.wait(timeout=60)
    if stack.final_log is None:
        stack.final_log = stack.log(10**6)
        shutil.rmtree(stack.log_path.parent, ignore_errors=True)
    return stack.proc.returncode


def alive(pid: int) -> bool:
    """Whether a process with this pid still exists (and is not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(predicate, timeout: float, poll: float = 0.2, what: str = "condition") -> None:
    """Poll `predicate` until true; `timeout` is a safety net (raises TimeoutError)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not reached within {timeout:.0f} s")
        time.sleep(poll)


def kill_if_alive(pid: int) -> None:
    """Test cleanup for a process started here whose supervisor is gone."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
