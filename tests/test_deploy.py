"""The deployment files: HAProxy configuration (run.sh --replicas and compose), run.sh's arguments,
the Dockerfile, the compose file and the Kubernetes manifests.

What can be checked here is checked for real: `haproxy -c` on every rendered configuration, the
Kubernetes manifests against the API schemas of Kubernetes 1.37 (kubernetes-validate ships them,
offline), the app started from exactly the files the Dockerfile copies, and the Dockerfile's own
HEALTHCHECK command run against it. No Docker daemon or cluster is needed (none is here).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.deadlines import STEP_S

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
SBIN_PATH = os.pathsep.join(["/usr/sbin", "/usr/local/sbin", os.environ.get("PATH", "")])


def _load_replicas():
    spec = importlib.util.spec_from_file_location("atlas_replicas", ROOT / "scripts" / "replicas.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


replicas = _load_replicas()


@pytest.fixture(scope="module")
def haproxy() -> str:
    exe = shutil.which("haproxy", path=SBIN_PATH)
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("haproxy not found: CI must check the configuration (bash scripts/ensure_haproxy.sh)")
        pytest.skip("haproxy not found (bash scripts/ensure_haproxy.sh installs Debian's)")
    return exe


# HAProxy configuration -----------------------------------------------------------------------------

REQUIRED = [
    r"^\s*mode http$",
    r"^\s*balance (roundrobin|leastconn)$",
    r"^\s*cookie ATLAS insert indirect nocache httponly$",
    r"^\s*option httpchk GET /_stcore/health$",
    r"^\s*http-check expect string ok$",
    r"^\s*default-server check inter 2s fall 2 rise 2\b",
    r"^\s*option redispatch$",
    r"^\s*timeout tunnel \d+h$",
]


def _check_required(text: str) -> None:
    for pattern in REQUIRED:
        assert re.search(pattern, text, re.MULTILINE), pattern


def test_local_config_is_what_the_supervisor_runs_and_haproxy_accepts_it(haproxy, tmp_path):
    """The exact file run.sh --replicas 2 writes (Stack.prepare renders it and runs `haproxy -c`)."""
    stack = replicas.Stack(2, replicas.free_ports(1, set())[0], "127.0.0.1", [])
    try:
        assert stack.prepare() == ""
        text = stack.config_path.read_text()
        _check_required(text)
        servers = re.findall(r"^\s*server (r\d) 127\.0\.0\.1:(\d+) cookie (r\d)$", text, re.MULTILINE)
        assert [(n, c) for n, _, c in servers] == [("r1", "r1"), ("r2", "r2")]
        assert [int(p) for _, p, _ in servers] == [r.port for r in stack.replicas]
        assert f"bind 127.0.0.1:{stack.public_port}" in text
        assert f"stats socket {stack.admin_socket}" in text
        ok, out = replicas.check_config(stack.config_path, haproxy)
        assert ok, out
    finally:
        shutil.rmtree(stack.run_dir, ignore_errors=True)


def test_haproxy_check_is_real(haproxy, tmp_path):
    text = replicas.render_config(replicas.local_servers([20001, 20002]), ":20000")
    good, bad = tmp_path / "good.cfg", tmp_path / "bad.cfg"
    good.write_text(text)
    bad.write_text(text.replace("balance roundrobin", "balance no-such-algorithm"))
    assert replicas.check_config(good, haproxy)[0]
    ok, out = replicas.check_config(bad, haproxy)
    assert not ok and "balance only supports" in out


def test_compose_config_is_rendered_from_the_template_and_accepted(haproxy):
    path = DEPLOY / "haproxy.compose.cfg"
    assert path.read_text() == replicas.compose_config(3), "regenerate: python scripts/replicas.py --compose-config 3"
    text = path.read_text()
    _check_required(text)
    ok, out = replicas.check_config(path, haproxy)  # warns that atlasN does not resolve here; still valid
    assert ok, out


def test_streamlit_options_split_into_proxy_and_replica_ones():
    split = replicas.split_streamlit_args
    assert split([]) == (8501, None, [])
    assert split(["--server.port", "8600", "--theme.base", "dark"]) == (8600, None, ["--theme.base", "dark"])
    assert split(["--server.port=8700", "--server.address=127.0.0.1", "--logger.level", "info"]) == (
        8700,
        "127.0.0.1",
        ["--logger.level", "info"],
    )
    with pytest.raises(SystemExit):
        split(["--server.port", "eighty"])


def _run_sh(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "run.sh"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ATLAS_RUN_DRY": "1"},
    )


def test_run_sh_default_is_one_process_and_replicas_go_to_the_supervisor():
    one = _run_sh("--server.port", "8600")
    assert one.returncode == 0 and one.stdout.split() == [".venv/bin/python", "serve.py", "--server.port", "8600"]
    assert _run_sh("--replicas", "1").stdout.split() == [".venv/bin/python", "serve.py"]
    many = _run_sh("--server.port", "8600", "--replicas=3", "--theme.base", "dark")
    assert many.stdout.split() == [
        ".venv/bin/python",
        "scripts/replicas.py",
        "--replicas",
        "3",
        "--server.port",
        "8600",
        "--theme.base",
        "dark",
    ]
    for bad in ("0", "x", ""):
        r = _run_sh("--replicas", bad)
        assert r.returncode == 2 and "--replicas" in r.stderr


# Dockerfile ----------------------------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) with continuation lines joined and comments dropped."""
    text = (DEPLOY / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_dockerfile_is_slim_non_root_with_a_health_check():
    steps = _dockerfile()
    kinds = [k for k, _ in steps]
    assert steps[0] == ("FROM", "python:3.11-slim")
    assert ("RUN", "pip install -r requirements.txt") in steps
    env = " ".join(v for k, v in steps if k == "ENV")
    assert "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false" in env
    users = [v for k, v in steps if k == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert kinds.index("USER") > max(i for i, k in enumerate(kinds) if k == "RUN")  # nothing runs as root after it
    health = next(v for k, v in steps if k == "HEALTHCHECK")
    assert "/_stcore/health" in health and "urllib" in health
    assert kinds[-1] == "CMD" and json.loads(steps[-1][1]) == ["python", "serve.py"]


def _copied_paths() -> list[str]:
    paths = []
    for kind, args in _dockerfile():
        if kind == "COPY":
            *sources, _dest = args.split()
            paths += [s.rstrip("/") for s in sources]
    return paths


def _healthcheck_cmd() -> list[str]:
    health = next(v for k, v in _dockerfile() if k == "HEALTHCHECK")
    return json.loads(health.split(" CMD ", 1)[1])


def test_the_app_runs_from_exactly_the_files_the_dockerfile_copies(tmp_path):
    """Start serve.py from a folder holding only the copied paths (as the image does), run two pages
    over the websocket, and run the Dockerfile's HEALTHCHECK command against it."""
    import asyncio
    import concurrent.futures

    from bench.load import free_port, stop_server, wait_ready
    from bench.wsclient import WsSession

    app = tmp_path / "app"
    for rel in _copied_paths():
        src = ROOT / rel
        assert src.exists(), f"the Dockerfile copies {rel}, which is missing"
        if rel == "requirements.txt":
            continue
        if src.is_dir():
            shutil.copytree(src, app / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (app / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, app / rel)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STREAMLIT_", "ATLAS_"))}
    env.update(
        {
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
            "STREAMLIT_SERVER_PORT": str(port),
        }
    )
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "serve.py"], cwd=app, env=env, stdout=out, stderr=subprocess.STDOUT)
    proc.log_path = str(log)
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc, timeout=STEP_S)

        async def pages():
            async with WsSession(f"http://127.0.0.1:{port}", open_timeout=STEP_S) as s:
                return [
                    await s.open(path, page, timeout=STEP_S) for path, page in (("/map", "map"), ("/country?iso3=PHL", "country"))
                ]

        # on a thread of its own: in the full suite the browser tests' Playwright (sync API) is
        # still running an event loop on this thread, and asyncio.run refuses to nest in it
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            results = pool.submit(asyncio.run, pages()).result()
        for result in results:
            assert result.problems == [], result.problems
        check = subprocess.run(_healthcheck_cmd(), env=env, capture_output=True, timeout=60, check=False)
        assert check.returncode == 0, check.stderr
    finally:
        stop_server(proc)
    gone = subprocess.run(_healthcheck_cmd(), env=env, capture_output=True, timeout=60, check=False)
    assert gone.returncode != 0  # and it fails when the server is down


# Compose -------------------------------------------------------------------------------------------


def test_compose_runs_n_replicas_behind_haproxy_on_an_internal_network():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    atlas = sorted(n for n in services if n.startswith("atlas"))
    assert len(atlas) >= 2
    for name in atlas:
        s = services[name]
        assert s["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert s["networks"] == ["internal"] and "ports" not in s
    assert compose["networks"]["internal"]["internal"] is True  # no route out
    proxy = services["haproxy"]
    assert proxy["image"].startswith("haproxy:")
    assert "./haproxy.compose.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in proxy["volumes"]
    assert "8501:8501" in proxy["ports"] and "internal" in proxy["networks"]
    assert sorted(proxy["depends_on"]) == atlas
    cfg = (DEPLOY / "haproxy.compose.cfg").read_text()
    servers = re.findall(r"^\s*server (\S+) (\S+):8501 cookie (r\d+)$", cfg, re.MULTILINE)
    assert [(n, h) for n, h, _ in servers] == [(a, a) for a in atlas]
    assert (ROOT / "deploy" / "Dockerfile").exists()


# Kubernetes ----------------------------------------------------------------------------------------


def _manifests() -> dict[str, dict]:
    docs = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                docs[doc["kind"]] = doc
    return docs


def test_kubernetes_manifests_validate_against_the_api_schemas():
    import kubernetes_validate

    docs = _manifests()
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "Kustomization"} <= set(docs)
    for kind, doc in docs.items():
        if kind == "Kustomization":  # kustomize's own file, not an API object
            continue
        kubernetes_validate.validate(doc, "1.37.0", strict=True)  # raises on any unknown or wrong field
    broken = json.loads(json.dumps(docs["Deployment"]))
    container = broken["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")  # a typo the schema check must catch
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, "1.37.0", strict=True)


def test_kubernetes_manifests_fit_together():
    docs = _manifests()
    dep, svc, ing, hpa = docs["Deployment"], docs["Service"], docs["Ingress"], docs["HorizontalPodAutoscaler"]
    pod = dep["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    (container,) = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    for probe in ("readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == "/_stcore/health" and get["port"] in ports, probe
    uid = next(v for k, v in _dockerfile() if k == "USER").split(":")[0]
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True
    assert str(pod["spec"]["securityContext"]["runAsUser"]) == uid

    assert svc["spec"]["sessionAffinity"] == "ClientIP"
    assert svc["spec"]["selector"].items() <= labels.items()
    assert {p["targetPort"] for p in svc["spec"]["ports"]} <= set(ports)

    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == "ATLAS"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # open websockets stay
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == svc["metadata"]["name"]
    assert backend["port"]["name"] in {p["name"] for p in svc["spec"]["ports"]}

    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": dep["metadata"]["name"]}
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["type"] == "Utilization"
    assert container["resources"]["requests"]["cpu"]  # Utilization is a share of the request
    assert hpa["spec"]["minReplicas"] >= 2

    if "NetworkPolicy" in docs:
        assert docs["NetworkPolicy"]["spec"]["egress"] == []  # no network at run time
    listed = set(docs["Kustomization"]["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
