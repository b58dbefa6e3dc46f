"""The roundtable: 50 to 100 people open the link at once. One process or two, behind HAProxy.

    .venv/bin/python -m bench.roundtable            # full run (2-3 minutes here in session 7; 10-15 on busier machines)
    .venv/bin/python -m bench.roundtable --quick    # smoke version, small sizes (about 1.5 minutes)

In one run, for 1 and then 2 replicas, the stack is started exactly as `bash scripts/run.sh
--replicas N` starts it (scripts/replicas.py via bench/stack.py; with 1 replica HAProxy is in front
too, so both sides of the ratio pay the same proxy), on 127.0.0.1 only, and:

1. the replicas' RSS and CPU seconds are read once their start-up warm-up has finished;
2. idle sessions: 50 websocket sessions (bench/wsclient.py, with the page's sticky cookie as a
   browser sends it) each open /map once and stay connected; RSS (all replicas) before and with
   them, divided by 50 = memory per extra idle session;
3. a warm-up, not in the table: one session per replica, straight to its own port, opens every
   distinct interaction the load can draw (`bench.load.every_step`: 38 views), so each replica's
   first builds of its view caches are paid before the measure, on both sides of the ratio (with
   a random mix, two replicas build every view twice and measured up to 1.5x the CPU per
   interaction of one); then a few sessions through the proxy;
4. the load: 50 sessions x 20 interactions, then 100 sessions x 10 (bench/load.py's websocket
   client through the proxy): completed, errors, p50/p95/max, throughput, CPU seconds and RSS of
   each replica, HAProxy's CPU and the load generator's own CPU (it shares the machine). Each size
   is run 3 times in a row (`--repeat`; a run of 1,000 interactions lasts only 10-15 s on this
   machine) and the ratio compares the medians. `--replica-nice 5` runs the replicas below the
   load generator's priority: here the generator shares the 2 cores with the servers it waits on,
   which in a room it does not (each person's browser runs on their own machine).

It prints one Markdown report: the table, the 2-replica / 1-replica throughput ratio per size, the
memory per idle session, and each target with pass or miss. Exit status 1 if any interaction failed.
Everything is bounded in count and time; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import cpu_seconds, rss_bytes, run_load, sticky_ws_session, warm_views
from bench.stack import RunningStack, start_stack, stop_stack

ROOT = Path(__file__).resolve().parent.parent
MiB = 2**20
FULL = {"sizes": [(50, 20), (100, 10)], "idle": 50, "warmup": (4, 8), "repeat": 3}
QUICK = {"sizes": [(6, 4), (10, 2)], "idle": 5, "warmup": (2, 4), "repeat": 1}
TARGETS = {"ratio": 1.7, "p95_50": 1.5, "idle_mib": 10.0}


@dataclass
class Run:
    replicas: int
    sessions: int
    interactions: int
    done: int = 0
    errors: int = 0
    not_run: int = 0
    p50: float | None = None
    p95: float | None = None
    max: float | None = None
    wall: float = 0.0
    split: dict[str, int] = field(default_factory=dict)
    cpu: list[float] = field(default_factory=list)  # per replica, during the run
    rss_start: list[float] = field(default_factory=list)  # MiB per replica, at the stack's start
    rss_end: list[float] = field(default_factory=list)  # MiB per replica, at the end of the run
    haproxy_cpu: float = 0.0
    client_cpu: float = 0.0
    load_start: float = 0.0
    load_end: float = 0.0
    first_errors: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.done / self.wall if self.wall else 0.0


@dataclass
class Idle:
    replicas: int
    sessions: int
    before: list[float]  # MiB per replica
    after: list[float]
    problems: int

    @property
    def per_session(self) -> float:
        return (sum(self.after) - sum(self.before)) / self.sessions


def _replica_pids(stack: RunningStack) -> list[int]:
    return [r["pid"] for r in stack.refresh()["replicas"]]


def _settle(pids: list[int], timeout: float = 120) -> None:
    """Wait until the replicas stop using CPU (serve.py's start-up warm-up is done); bounded."""
    deadline = time.monotonic() + timeout
    last = [cpu_seconds(p) for p in pids]
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = [cpu_seconds(p) for p in pids]
        if all(b - a < 0.05 for a, b in zip(last, now)):
            return
        last = now


async def _idle_sessions(url: str, n: int, timeout: float) -> tuple[list, int]:
    """Open n sessions, each runs /map once; returns them still open and the number of problems."""
    opened, problems = [], 0

    async def one():
        nonlocal problems
        s = sticky_ws_session(url, timeout)
        await s.__aenter__()
        opened.append(s)
        result = await s.open("/map", "map", timeout=timeout)
        problems += len(result.problems)

    results = await asyncio.gather(*(one() for _ in range(n)), return_exceptions=True)
    problems += sum(1 for r in results if isinstance(r, BaseException))
    return opened, problems


def measure_idle(stack: RunningStack, n: int, timeout: float) -> Idle:
    pids = _replica_pids(stack)

    async def go():
        # one /map per replica first, so its first-run caches are not counted as per-session memory
        warm, _ = await _idle_sessions(stack.url, 2 * len(pids), timeout)
        for s in warm:
            await s.__aexit__(None, None, None)
        await asyncio.sleep(2)
        before = [rss_bytes(p) / MiB for p in pids]
        opened, problems = await _idle_sessions(stack.url, n, timeout)
        await asyncio.sleep(2)
        after = [rss_bytes(p) / MiB for p in pids]
        for s in opened:
            await s.__aexit__(None, None, None)
        return before, after, problems

    before, after, problems = asyncio.run(go())
    return Idle(len(pids), n, before, after, problems)


def run_size(
    stack: RunningStack,
    n: int,
    sessions: int,
    interactions: int,
    rss_start: list[float],
    timeout: float,
    interaction_timeout: float,
    seed: int,
) -> Run:
    pids = _replica_pids(stack)
    hp = stack.state["haproxy"]["pid"]
    run = Run(n, sessions, interactions, rss_start=rss_start, load_start=os.getloadavg()[0])
    cpu0, hp0, me0 = [cpu_seconds(p) for p in pids], cpu_seconds(hp), time.process_time()
    report = run_load(
        stack.url, sessions, interactions, timeout=timeout, interaction_timeout=interaction_timeout, seed=seed, client="ws"
    )
    run.cpu = [cpu_seconds(p) - c for p, c in zip(pids, cpu0)]
    run.haproxy_cpu, run.client_cpu = cpu_seconds(hp) - hp0, time.process_time() - me0
    run.rss_end = [rss_bytes(p) / MiB for p in pids]
    run.load_end = os.getloadavg()[0]
    run.done, run.errors, run.not_run, run.wall = report.done, len(report.errors), report.not_run, report.wall
    run.p50, run.p95 = report.quantile(0.5), report.quantile(0.95)
    run.max = max((t for _, t in report.times), default=None)
    run.split = dict(report.replica_sessions)
    run.first_errors = report.errors[:5]
    if _replica_pids(stack) != pids:
        run.first_errors.append("a replica was restarted during the run (its CPU and RSS are partial)")
    return run


def _f(x: float | None, unit: str = " s") -> str:
    return "—" if x is None else f"{x:.2f}{unit}"


def _per(xs: list[float], fmt: str = "{:.0f}") -> str:
    return " / ".join(fmt.format(x) for x in xs)


def _out(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine() -> str:
    import streamlit

    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0")
    exe = shutil.which("haproxy", path=os.pathsep.join(["/usr/sbin", "/usr/local/sbin", os.environ.get("PATH", "")]))
    haproxy = _out(exe or "haproxy", "-v").split("\n")[0].replace("HAProxy version ", "HAProxy ").split(" ")[:2]
    git = ("git", "-C", str(ROOT))
    commit = f"{_out(*git, 'rev-parse', '--abbrev-ref', 'HEAD')}@{_out(*git, 'rev-parse', '--short', 'HEAD')}"
    if _out(*git, "status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return (
        f"{os.cpu_count()} cores, {int(mem) / 2**20:.0f} GiB, Python {platform.python_version()}, "
        f"streamlit {streamlit.__version__}, {' '.join(haproxy)}, {commit}"
    )


async def warm_each_replica(stack: RunningStack, timeout: float) -> list[str]:
    """Open every distinct interaction once on every replica, straight to its port (not counted)."""
    problems = []
    for r in stack.refresh()["replicas"]:
        problems += [f"{r['name']} {p}" for p in await warm_views(f"http://127.0.0.1:{r['port']}", timeout)]
    return problems


def report(runs: list[Run], idles: list[Idle], header: dict, warmups: list[str]) -> str:
    out = [
        (
            f"Roundtable bench (`python -m bench.roundtable{' --quick' if header['quick'] else ''}`), "
            f"{header['date']}, {header['machine']}."
        ),
        f"Load average (1 min) at start: {header['load']:.2f}; {header['wall']:.0f} s in all; "
        f"each size run {header['repeat']} time(s) per replica count"
        + (f"; replicas at nice {header['nice']} (the load generator first)" if header["nice"] else "")
        + ".",
        "",
        (
            "| replicas | sessions x interactions | completed | errors | p50 | p95 | max | throughput | sessions per replica "
            "| server CPU s per replica | RSS MiB per replica, start → end | HAProxy CPU s | load generator CPU s "
            "| load avg start → end |"
        ),
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---|",
    ]
    for r in runs:
        split = ", ".join(f"{k}: {v}" for k, v in sorted(r.split.items())) or "—"
        rss = " / ".join(f"{a:.0f} → {b:.0f}" for a, b in zip(r.rss_start, r.rss_end))
        out.append(
            f"| {r.replicas} | {r.sessions} x {r.interactions} | {r.done} / {r.sessions * r.interactions} | "
            f"**{r.errors + r.not_run}** | {_f(r.p50)} | {_f(r.p95)} | {_f(r.max)} | {r.throughput:.1f}/s | {split} | "
            f"{_per(r.cpu)} (in {r.wall:.0f} s) | {rss} | {r.haproxy_cpu:.1f} | {r.client_cpu:.0f} | "
            f"{r.load_start:.1f} → {r.load_end:.1f} |"
        )
    out.append("")
    ratios = {}
    for size in sorted({(r.sessions, r.interactions) for r in runs}, key=lambda s: s[0]):
        by_n = {
            n: statistics.median(r.throughput for r in runs if (r.sessions, r.interactions, r.replicas) == (*size, n))
            for n in {r.replicas for r in runs if (r.sessions, r.interactions) == size}
        }
        if 1 in by_n and 2 in by_n and by_n[1]:
            ratios[size] = by_n[2] / by_n[1]
    if ratios:
        out.append(
            "Throughput, 2 replicas / 1 replica in this run (medians of the repeated runs): "
            + ", ".join(f"{s} x {i}: **{x:.2f}x**" for (s, i), x in ratios.items())
        )
        out.append("")
    out += [
        "| idle sessions | replicas | RSS MiB per replica before | with the sessions | per extra idle session | problems |",
        "|---:|---:|---|---|---:|---:|",
    ]
    for m in idles:
        out.append(
            f"| {m.sessions} | {m.replicas} | {_per(m.before)} | {_per(m.after)} | {m.per_session:.2f} MiB | {m.problems} |"
        )
    out.append("")
    if warmups:
        out.append("Warm-up before the table (not counted): " + "; ".join(warmups) + ".")
        out.append("")
    errors = sum(r.errors + r.not_run for r in runs) + sum(m.problems for m in idles)
    if header["quick"]:
        out.append(
            f"Quick mode (a smoke test of the bench, not a measurement): {errors} errors; the targets are "
            "judged at the full sizes only."
        )
        return "\n".join(out + _first_errors(runs))
    p95_50 = [r for r in runs if r.sessions == 50]
    out += ["| target | result |", "|---|---|", f"| 0 errors | {'pass' if errors == 0 else f'**miss**: {errors}'} |"]
    for (s, i), x in ratios.items():
        out.append(
            f"| 2 replicas >= {TARGETS['ratio']}x the throughput of 1 ({s} x {i}) | "
            f"{'pass' if x >= TARGETS['ratio'] else '**miss**'}: {x:.2f}x |"
        )
    for r in p95_50:
        ok = r.p95 is not None and r.p95 <= TARGETS["p95_50"]
        out.append(
            f"| p95 <= {TARGETS['p95_50']} s at 50 sessions, {r.replicas} replica(s) | "
            f"{'pass' if ok else '**miss**'}: {_f(r.p95)} |"
        )
    for m in idles:
        ok = m.per_session <= TARGETS["idle_mib"]
        out.append(
            f"| <= {TARGETS['idle_mib']:.0f} MiB per extra idle session, {m.replicas} replica(s) | "
            f"{'pass' if ok else '**miss**'}: {m.per_session:.2f} MiB |"
        )
    return "\n".join(out + _first_errors(runs))


def _first_errors(runs: list[Run]) -> list[str]:
    bad = [e for r in runs for e in r.first_errors]
    return ["", "First errors:"] + [f"- {e}" for e in bad[:10]] if bad else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.roundtable", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    ap.add_argument("--replicas", default="1,2", help="comma-separated replica counts (default 1,2)")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds for one load run (safety net)")
    ap.add_argument("--interaction-timeout", type=float, default=180, help="seconds for one interaction (safety net)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, help="also write the report to this file")
    ap.add_argument("--repeat", type=int, help="runs of each size per replica count (default 3; 1 with --quick)")
    ap.add_argument(
        "--replica-nice",
        type=int,
        default=0,
        help="run the replicas at this nice value (e.g. 5) so that the load generator, which shares the "
        "cores here but runs on the audience's machines in a room, gets the CPU first (default 0)",
    )
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    repeat = args.repeat or cfg["repeat"]
    counts = [int(x) for x in args.replicas.split(",") if x.strip()]
    t0 = time.monotonic()
    header = {
        "quick": args.quick,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "load": os.getloadavg()[0],
        "repeat": repeat,
        "nice": args.replica_nice,
    }
    print(f"roundtable: {header['date']}, load average {header['load']:.2f} at start; {header['machine']}", flush=True)
    runs, idles, warmups = [], [], []
    for n in counts:
        print(f"-- {n} replica(s) behind HAProxy: starting", flush=True)
        stack = start_stack(n, timeout=600)
        try:
            pids = _replica_pids(stack)
            for pid in pids:
                os.setpriority(os.PRIO_PROCESS, pid, args.replica_nice)
            _settle(pids)
            rss_start = [rss_bytes(p) / MiB for p in pids]
            idle = measure_idle(stack, cfg["idle"], args.interaction_timeout)
            idles.append(idle)
            print(f"   {cfg['idle']} idle sessions: {idle.per_session:.2f} MiB each ({idle.problems} problems)", flush=True)
            problems = asyncio.run(warm_each_replica(stack, args.interaction_timeout))
            warmups.append(f"{n} replica(s): every view on each replica directly, {len(problems)} problems")
            ws, wi = cfg["warmup"]
            warm = run_load(
                stack.url,
                ws * n,
                wi,
                timeout=args.timeout,
                interaction_timeout=args.interaction_timeout,
                seed=args.seed + 1000,
                client="ws",
            )
            warmups.append(f"{n} replica(s): {ws * n} x {wi}, {warm.done} completed, {len(warm.errors)} errors")
            for sessions, interactions in [size for size in cfg["sizes"] for _ in range(repeat)]:
                print(f"   {sessions} sessions x {interactions} ...", flush=True)
                run = run_size(stack, n, sessions, interactions, rss_start, args.timeout, args.interaction_timeout, args.seed)
                runs.append(run)
                print(
                    f"   done: {run.done} completed, {run.errors + run.not_run} errors, p95 {_f(run.p95)}, "
                    f"{run.throughput:.1f}/s, load {run.load_end:.1f}",
                    flush=True,
                )
        finally:
            code = stop_stack(stack)
            if code not in (0, None):
                print(f"   supervisor exited with {code}:\n{stack.log()}", flush=True)
    header["wall"] = time.monotonic() - t0
    text = report(runs, idles, header, warmups)
    print()
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    failed = sum(r.errors + r.not_run for r in runs) + sum(m.problems for m in idles)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
