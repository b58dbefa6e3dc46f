#!/usr/bin/env python3
"""Several Atlas processes behind HAProxy, one command: what `bash scripts/run.sh --replicas N` runs.

    python scripts/replicas.py --replicas N [--state FILE] [--restart-delay S] [streamlit run options]

1. Picks N free ports on 127.0.0.1 and renders deploy/haproxy.cfg.tmpl for them (cookie stickiness,
   health checks on /_stcore/health, long tunnel timeout for websockets, redispatch) into a temporary
   folder, and checks it with `haproxy -c -f` before anything starts.
2. Starts N replicas (`serve.py --server.port P --server.address 127.0.0.1 --server.headless true`
   plus the streamlit options given here, except --server.port and --server.address, which are the
   proxy's public port (default 8501) and address (default: all interfaces, like Streamlit)), waits
   until each answers /_stcore/health, then starts HAProxy in the foreground and waits until the
   public port answers, and prints the URL.
3. Supervises: a replica that exits is started again on its port after --restart-delay seconds
   (doubled, up to 30 s, while it keeps dying young); HAProxy's health checks take it out when it
   dies and back in when it answers. If HAProxy itself exits, everything is stopped (exit 1).
4. Ctrl-C, SIGTERM or SIGHUP stops HAProxy and every replica (SIGTERM, then SIGKILL after a bounded
   wait) and removes the temporary folder: nothing it started is left running. Each child also gets
   SIGTERM from the kernel if this supervisor is killed outright (Linux PR_SET_PDEATHSIG).

`--compose-config N` prints deploy/haproxy.compose.cfg for N compose services (atlas1..atlasN).

Replica and HAProxy output goes to log files in the temporary folder (printed at start; the tail of
a replica's log is printed when it dies). `--state FILE` writes a JSON description (URL, pids, ports,
restarts, the HAProxy admin socket) that tests and bench/roundtable.py read.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.tmpl"
COOKIE = "ATLAS"
DEFAULT_PORT = 8501
START_TIMEOUT_S = 300  # a safety net for a replica's first start on a busy machine, not a target
START_ATTEMPTS = 3  # a replica that exits while starting is started again, at most this many times in all
STOP_TIMEOUT_S = 30  # per process: SIGTERM, then SIGKILL
MAX_RESTART_DELAY_S = 30.0


# Configuration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    name: str  # HAProxy server name
    address: str  # host:port
    cookie: str  # value of the ATLAS cookie that pins a browser to this server


def render_config(servers: list[Server], bind: str, global_extra: str = "", sections: str = "", server_options: str = "") -> str:
    """deploy/haproxy.cfg.tmpl filled in; `bind` is HAProxy's bind argument (':8501', '127.0.0.1:8600')."""
    if not servers:
        raise ValueError("at least one server")
    lines = [f"    server {s.name} {s.address} cookie {s.cookie}" for s in servers]
    text = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=bind,
        servers="\n".join(lines),
        global_extra=_block(global_extra),
        sections=_block(sections),
        server_options=f" {server_options}" if server_options else "",
    )
    return text


def _block(text: str) -> str:
    return (text.rstrip("\n") + "\n") if text else ""


def local_servers(ports: list[int]) -> list[Server]:
    return [Server(f"r{i}", f"127.0.0.1:{p}", f"r{i}") for i, p in enumerate(ports, 1)]


def compose_config(n: int = 3, port: int = DEFAULT_PORT) -> str:
    """The configuration for deploy/compose.yaml: services atlas1..atlasN on the compose network.

    Addresses are resolved at run time by Docker's DNS (a restarted container may get a new address),
    and HAProxy starts even while a service name does not resolve yet (init-addr none)."""
    servers = [Server(f"atlas{i}", f"atlas{i}:{port}", f"r{i}") for i in range(1, n + 1)]
    resolvers = "resolvers docker\n    nameserver dns 127.0.0.11:53\n    hold valid 10s\n"
    head = (
        f"# Rendered by `python scripts/replicas.py --compose-config {n}` from deploy/haproxy.cfg.tmpl for\n"
        "# deploy/compose.yaml: edit the template, not this file.\n"
    )
    return head + render_config(
        servers, f":{port}", sections=resolvers, server_options="resolvers docker init-addr last,libc,none"
    )


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)), None
    )


def check_config(path: Path, haproxy: str | None = None) -> tuple[bool, str]:
    """`haproxy -c -f path`: (accepted, its output)."""
    exe = haproxy or haproxy_binary()
    if not exe:
        return False, "haproxy not found (bash scripts/run.sh --replicas N installs Debian's haproxy)"
    r = subprocess.run([exe, "-c", "-f", str(path)], capture_output=True, text=True, timeout=60, check=False)
    return r.returncode == 0, (r.stdout + r.stderr).strip()


# Arguments -------------------------------------------------------------------------------------


def split_streamlit_args(args: list[str]) -> tuple[int, str | None, list[str]]:
    """(public port, public address or None, the other streamlit options for the replicas)."""
    port, address, rest = DEFAULT_PORT, None, []
    i = 0
    while i < len(args):
        a = args[i]
        for opt in ("--server.port", "--server.address"):
            if a == opt or a.startswith(opt + "="):
                if a == opt:
                    if i + 1 >= len(args):
                        raise SystemExit(f"{opt} needs a value")
                    value = args[i + 1]
                    i += 1
                else:
                    value = a.split("=", 1)[1]
                if opt == "--server.port":
                    try:
                        port = int(value)
                    except ValueError:
                        raise SystemExit(f"--server.port must be a number, not {value!r}") from None
                else:
                    address = value
                break
        else:
            rest.append(a)
        i += 1
    return port, address, rest


def free_ports(n: int, avoid: set[int]) -> list[int]:
    """n distinct free ports on 127.0.0.1 (sockets held until all are chosen, so they differ)."""
    socks, ports = [], []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
            p = s.getsockname()[1]
            if p not in avoid:
                ports.append(p)
    finally:
        for s in socks:
            s.close()
    return ports


def port_in_use(port: int, address: str | None) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address or "", port))
        except OSError:
            return True
    return False


# Processes -------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the supervisor dies, however it dies (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(cmd: list[str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        # own session: Ctrl-C in the terminal reaches only the supervisor, which stops the children in order
        return subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )  # noqa: PLW1509 - no threads here


def _stop(proc: subprocess.Popen | None, timeout: float = STOP_TIMEOUT_S) -> None:
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, timeout)):
        try:
            os.killpg(proc.pid, sig)  # the child leads its own process group (start_new_session)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _health(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=timeout) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class Replica:
    name: str
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0
    restart_at: float | None = None
    delay: float = 1.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    n: int
    public_port: int
    address: str | None
    streamlit_args: list[str]
    restart_delay: float = 1.0
    state_path: Path | None = None
    run_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="atlas-replicas-")))
    replicas: list[Replica] = field(default_factory=list)
    haproxy: subprocess.Popen | None = None
    stopping: threading.Event = field(default_factory=threading.Event)

    @property
    def config_path(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    @property
    def admin_socket(self) -> Path:
        return self.run_dir / "haproxy.sock"

    @property
    def url(self) -> str:
        host = self.address if self.address not in (None, "", "0.0.0.0", "::") else "localhost"
        return f"http://{host}:{self.public_port}"

    @property
    def local_url(self) -> str:
        host = self.address if self.address not in (None, "", "0.0.0.0", "::") else "127.0.0.1"
        return f"http://{host}:{self.public_port}"

    def prepare(self) -> str:
        """Choose ports, render and check the configuration; returns an error message or ''."""
        ports = free_ports(self.n, {self.public_port})
        self.replicas = [
            Replica(f"r{i}", p, self.run_dir / f"replica-r{i}.log", delay=self.restart_delay) for i, p in enumerate(ports, 1)
        ]
        bind = f"{self.address}:{self.public_port}" if self.address else f":{self.public_port}"
        admin = f"    stats socket {self.admin_socket} mode 600 level admin"
        self.config_path.write_text(render_config(local_servers(ports), bind, global_extra=admin), encoding="utf-8")
        ok, out = check_config(self.config_path)
        if not ok:
            return f"haproxy rejected the generated configuration {self.config_path}:\n{out}"
        if port_in_use(self.public_port, self.address):
            return f"port {self.public_port} is already in use (choose another with --server.port)"
        return ""

    def replica_cmd(self, r: Replica) -> list[str]:
        return [
            sys.executable,
            str(ROOT / "serve.py"),
            *self.streamlit_args,
            "--server.port",
            str(r.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ]

    def start_replica(self, r: Replica) -> None:
        r.proc = _spawn(self.replica_cmd(r), r.log)
        r.started = time.monotonic()
        r.restart_at = None

    def start(self) -> str:
        """Start the replicas, wait for them, start HAProxy, wait for it; returns an error message or ''."""
        for r in self.replicas:
            self.start_replica(r)
        deadline = time.monotonic() + START_TIMEOUT_S
        waiting = list(self.replicas)
        while waiting and not self.stopping.is_set():
            if time.monotonic() > deadline:
                return f"replicas not ready within {START_TIMEOUT_S} s: {', '.join(r.name for r in waiting)}"
            for r in list(waiting):
                if r.proc.poll() is not None:
                    if r.restarts >= START_ATTEMPTS - 1:
                        return (
                            f"replica {r.name} exited with {r.proc.returncode} while starting, {START_ATTEMPTS} times;"
                            f" its log:\n{tail(r.log)}"
                        )
                    # a start can fail by chance (seen once: streamlit imported twice by serve.py's warm-up
                    # thread racing its main thread); try again, a bounded number of times
                    say(
                        f"replica {r.name} exited with {r.proc.returncode} while starting; trying again. "
                        f"Last lines of its log:\n{tail(r.log, 8)}"
                    )
                    r.restarts += 1
                    self.start_replica(r)
                    continue
                if _health(r.url):
                    waiting.remove(r)
            self.stopping.wait(0.1)
        if self.stopping.is_set():
            return "stopped while starting"
        self.haproxy = _spawn([haproxy_binary(), "-db", "-f", str(self.config_path)], self.run_dir / "haproxy.log")
        while not _health(self.local_url):
            if self.haproxy.poll() is not None:
                return f"haproxy exited with {self.haproxy.returncode}; its log:\n{tail(self.run_dir / 'haproxy.log')}"
            if time.monotonic() > deadline or self.stopping.is_set():
                return "haproxy did not answer on the public port"
            self.stopping.wait(0.1)
        self.write_state()
        return ""

    def write_state(self) -> None:
        if not self.state_path:
            return
        state = {
            "url": self.url,
            "local_url": self.local_url,
            "public_port": self.public_port,
            "run_dir": str(self.run_dir),
            "cookie": COOKIE,
            "supervisor_pid": os.getpid(),
            "haproxy": {
                "pid": self.haproxy.pid if self.haproxy else None,
                "config": str(self.config_path),
                "log": str(self.run_dir / "haproxy.log"),
                "admin_socket": str(self.admin_socket),
            },
            "replicas": [
                {
                    "name": r.name,
                    "cookie": r.name,
                    "port": r.port,
                    "url": r.url,
                    "log": str(r.log),
                    "pid": r.proc.pid if r.proc and r.proc.poll() is None else None,
                    "restarts": r.restarts,
                }
                for r in self.replicas
            ],
        }
        tmp = self.state_path.with_suffix(self.state_path.suffix + ".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(self.state_path)

    def supervise(self) -> int:
        while not self.stopping.wait(0.25):
            if self.haproxy.poll() is not None:
                say(f"haproxy exited with {self.haproxy.returncode}; stopping. Its log:\n{tail(self.run_dir / 'haproxy.log')}")
                return 1
            now = time.monotonic()
            for r in self.replicas:
                if r.restart_at is None and r.proc.poll() is not None:
                    young = now - r.started < 30
                    r.delay = min(MAX_RESTART_DELAY_S, r.delay * 2) if young and r.restarts else self.restart_delay
                    r.restart_at = now + r.delay
                    say(
                        f"replica {r.name} (port {r.port}) exited with {r.proc.returncode}; HAProxy takes it out, "
                        f"restart in {r.delay:.0f} s. Last lines of its log:\n{tail(r.log, 15)}"
                    )
                    self.write_state()
                elif r.restart_at is not None and now >= r.restart_at:
                    r.restarts += 1
                    self.start_replica(r)
                    say(
                        f"replica {r.name} restarted on port {r.port} (pid {r.proc.pid}); HAProxy puts it back "
                        "when it answers /_stcore/health"
                    )
                    self.write_state()
        return 0

    def stop(self) -> None:
        _stop(self.haproxy)
        for r in self.replicas:
            if r.proc is not None and r.proc.poll() is None:
                try:
                    os.killpg(r.proc.pid, signal.SIGTERM)  # all at once, then wait for each
                except ProcessLookupError:
                    pass
        for r in self.replicas:
            _stop(r.proc)
        shutil.rmtree(self.run_dir, ignore_errors=True)


def say(text: str) -> None:
    print(f"[replicas {time.strftime('%H:%M:%S')}] {text}", flush=True)


def _raise_fd_limit() -> None:
    """100 people hold 100 websockets plus keep-alive connections: lift the soft open-files limit."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        if soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ValueError, OSError):
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="scripts/replicas.py",
        description=__doc__.split("\n\n")[0],
        epilog="Other options (--server.port, --server.address, any `streamlit run` option) "
        "are the proxy's port and address and the replicas' options.",
    )
    ap.add_argument("--replicas", type=int, default=2, help="number of Atlas processes (default 2)")
    ap.add_argument("--state", type=Path, help="write a JSON description of the running stack here")
    ap.add_argument("--restart-delay", type=float, default=1.0, help="seconds before a dead replica is restarted")
    ap.add_argument("--print-config", action="store_true", help="print the HAProxy configuration and exit")
    ap.add_argument(
        "--compose-config",
        type=int,
        metavar="N",
        help="print the configuration for deploy/compose.yaml with services atlas1..atlasN and exit",
    )
    args, rest = ap.parse_known_args(argv)
    if args.replicas < 1:
        ap.error("--replicas must be at least 1")
    port, address, streamlit_args = split_streamlit_args(rest)
    if args.compose_config:
        print(compose_config(args.compose_config), end="")
        return 0
    if args.print_config:
        bind = f"{address}:{port}" if address else f":{port}"
        print(render_config(local_servers(free_ports(args.replicas, {port})), bind), end="")
        return 0
    if not haproxy_binary():
        say("haproxy not found: `bash scripts/run.sh --replicas N` installs Debian's haproxy")
        return 2
    _raise_fd_limit()
    stack = Stack(args.replicas, port, address, streamlit_args, args.restart_delay, args.state.resolve() if args.state else None)

    def on_signal(signum, _frame):
        if not stack.stopping.is_set():
            say(f"{signal.Signals(signum).name}: stopping HAProxy and {len(stack.replicas)} replica(s)")
        stack.stopping.set()

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    code = 0
    try:
        error = stack.prepare()
        if not error:
            say(
                f"starting {args.replicas} replica(s) on 127.0.0.1:{', '.join(str(r.port) for r in stack.replicas)}"
                f"; logs in {stack.run_dir}/ (removed on exit)"
            )
            error = stack.start()
        if error:
            if not stack.stopping.is_set():
                say(error)
                code = 1
        else:
            where = "all interfaces" if not address or address in ("0.0.0.0", "::") else address
            say(f"ready: {stack.url}  (HAProxy on {where}:{port}, {args.replicas} replica(s), sticky cookie {COOKIE})")
            if where == "all interfaces":
                say(f"  on this network: http://{socket.gethostname()}:{port}")
            say("Press Ctrl-C to stop HAProxy and every replica.")
            code = stack.supervise()
    finally:
        stack.stop()
        if stack.state_path:
            stack.state_path.unlink(missing_ok=True)
        say("stopped: HAProxy and every replica have exited")
    return code


if __name__ == "__main__":
    sys.exit(main())
