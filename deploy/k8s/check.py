#!/usr/bin/env python3
"""Offline checks of deploy/k8s (no cluster needed) and, optionally, of the container image's
runtime package list.

    python3 deploy/k8s/check.py                  # render every kustomization and cross-check it
    python3 deploy/k8s/check.py --runtime-libs   # also: Containerfile packages cover `ldd`
    python3 deploy/k8s/check.py --runtime-libs-only  # only that (needs no kustomize/kubectl)

Renders with `kustomize build` or `kubectl kustomize` (whichever is installed) and checks what
`kubectl apply --dry-run=client` cannot without a cluster: selectors match pod labels, named
ports exist, ConfigMap/Secret/ServiceAccount references resolve (Secrets against the documented
list created outside git), autoscalers and monitors point at real objects, every pod is hardened
(non-root, read-only root, no capabilities, seccomp), probes and grace periods agree with the
shutdown settings, an overlay migrates with the same image and namespace it deploys, and, when a
build exists (SECSCHED_BUILD_DIR, default build/), every SECSCHED_* variable is one the binary
reads (`<binary> --help`). Every rendered object is also checked strictly against the Kubernetes
API schemas, offline (k8s_schema.py: the models of Debian's python3-kubernetes, and
schemas/custom-resources.yaml for KEDA and the Prometheus Operator): unknown fields, wrong scalar
types and missing required fields are problems. Needs python3-yaml and python3-kubernetes.
Exit status 1 on any problem.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    sys.exit("check.py: needs PyYAML (apt-get install python3-yaml)")

import k8s_schema

K8S = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(K8S))

# Created by the operator (docs/deploy-kubernetes.md), never in git: name -> keys.
EXTERNAL_SECRETS = {
    "secsched-postgres": {"access", "catalog", "requests", "sectioning"},
    "secsched-redis": {"address", "username", "password"},
    "secsched-jwt": {"key"},
    "secsched-service-tokens": {"catalog", "requests", "sectioning", "sectioning-worker"},
}
# Services that call other services (access, catalog, requests) and so need a token of their
# own; with RS256 they cannot mint one (common/access/access_client.h).
CALLERS = {"secsched-catalog", "secsched-requests", "secsched-sectioning",
           "secsched-sectioning-worker"}
# Binary (the container's command[0]) -> where the build puts it.
BINARIES = {
    "secsched-access": "services/access/secsched-access",
    "secsched-catalog": "services/catalog/secsched-catalog",
    "secsched-requests": "services/requests/secsched-requests",
    "secsched-sectioning": "services/sectioning/secsched-sectioning",
    "secsched-sectioning-worker": "services/sectioning/secsched-sectioning-worker",
    "secsched-token": "common/auth/secsched-token",
    "schedctl": "tools/schedctl/schedctl",
}
# Kustomizations to render: (label, directory, extra components for a synthetic overlay).
TARGETS = [
    ("base", "base", []),
    ("base/migrations", "base/migrations", []),
    ("base+monitoring", "base", ["components/monitoring"]),
    ("base+worker-hpa", "base", ["components/worker-hpa"]),
    ("overlays/dev", "overlays/dev", []),
    ("overlays/dev+monitoring", "overlays/dev", ["components/monitoring"]),
    ("overlays/dev+worker-hpa", "overlays/dev", ["components/worker-hpa"]),
    ("overlays/dev/migrations", "overlays/dev/migrations", []),
    ("overlays/production", "overlays/production", []),
    ("overlays/production/migrations", "overlays/production/migrations", []),
    ("overlays/production+worker-hpa", "overlays/production", ["components/worker-hpa"]),
]

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


# Exit status for "could not run": CTest reports the test as skipped (SKIP_RETURN_CODE), so a
# machine without a renderer shows the gap instead of hiding it.
SKIPPED = 77


def renderer(skip_without):
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    print("check.py: needs kustomize or kubectl on PATH (neither is a Debian 12 package)")
    sys.exit(SKIPPED if skip_without else 1)


def render(command, directory, components):
    path = os.path.join(K8S, directory)
    if components:
        # A throwaway overlay next to the real ones, so relative paths resolve the same way.
        with tempfile.TemporaryDirectory(dir=K8S, prefix=".check-") as tmp:
            rel = lambda p: os.path.relpath(os.path.join(K8S, p), tmp)
            with open(os.path.join(tmp, "kustomization.yaml"), "w") as f:
                yaml.safe_dump({"apiVersion": "kustomize.config.k8s.io/v1beta1",
                                "kind": "Kustomization", "resources": [rel(directory)],
                                "components": [rel(c) for c in components]}, f)
            return run_render(command, tmp)
    return run_render(command, path)


def run_render(command, path):
    result = subprocess.run(command + [path], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def pod_specs(objects):
    """(owner, pod spec, pod labels) of every Deployment and Job."""
    for o in objects:
        if o["kind"] in ("Deployment", "Job"):
            template = o["spec"]["template"]
            yield o, template["spec"], template["metadata"].get("labels", {})


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def duration_seconds(text):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", text)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    return n / 1000 if unit == "ms" else n * {"s": 1, "m": 60, "h": 3600}[unit]


_settings_cache = {}


def binary_settings(binary):
    """SECSCHED_* variables `<binary> --help` lists, or None without a build."""
    if binary in _settings_cache:
        return _settings_cache[binary]
    build = os.environ.get("SECSCHED_BUILD_DIR", os.path.join(ROOT, "build"))
    path = os.path.join(build, BINARIES.get(binary, "-"))
    found = None
    if os.access(path, os.X_OK):
        out = subprocess.run([path, "--help"], capture_output=True, text=True).stdout
        found = set(re.findall(r"/ (SECSCHED_[A-Z0-9_]+)", out))
    _settings_cache[binary] = found
    return found


def check_target(label, objects):
    by_kind = {}
    seen = set()
    for o in objects:
        for field in ("apiVersion", "kind", "metadata"):
            if field not in o:
                problem(label, f"object without {field}: {o}")
        key = (o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"])
        if key in seen:
            problem(label, f"duplicate {key}")
        seen.add(key)
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o

    configmaps = by_kind.get("ConfigMap", {})
    accounts = set(by_kind.get("ServiceAccount", {})) | {"default"}
    is_migrations = label.endswith("migrations")
    deployments = by_kind.get("Deployment", {})

    for owner, spec, labels in pod_specs(objects):
        where = f"{label}: {owner['kind']}/{owner['metadata']['name']}"
        if owner["kind"] == "Deployment":
            selector = owner["spec"]["selector"]["matchLabels"]
            if not matches(selector, labels):
                problem(where, "selector does not match the pod template's labels")
        if labels.get("app.kubernetes.io/part-of") != "secsched":
            problem(where, "pod lacks app.kubernetes.io/part-of=secsched (NetworkPolicies)")
        sa = spec.get("serviceAccountName", "default")
        if sa not in accounts and not is_migrations:
            problem(where, f"ServiceAccount {sa} is not defined")
        if is_migrations and sa != "default":
            problem(where, "migration Jobs run before the app exists: use the default account")
        if spec.get("automountServiceAccountToken") is not False:
            problem(where, "automountServiceAccountToken must be false")
        if spec.get("enableServiceLinks") is not False:
            problem(where, "enableServiceLinks must be false (SECSCHED_* env collisions)")
        psc = spec.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True:
            problem(where, "runAsNonRoot is not true")
        if psc.get("runAsUser") != 10001:
            problem(where, "runAsUser is not 10001 (the image's user)")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problem(where, "seccompProfile is not RuntimeDefault")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for v in volumes.values():
            if "secret" in v:
                check_secret(where, v["secret"]["secretName"],
                             [i["key"] for i in v["secret"].get("items", [])])
                if v["secret"].get("defaultMode", 0o644) & 0o004 == 0 and "fsGroup" not in psc:
                    problem(where, f"secret volume {v['name']} is not world-readable: set fsGroup")
            for source in v.get("projected", {}).get("sources", []):
                if "secret" in source:
                    check_secret(where, source["secret"]["name"],
                                 [i["key"] for i in source["secret"].get("items", [])])
            if v.get("projected") and v["projected"].get("defaultMode", 0o644) & 0o004 == 0 \
                    and "fsGroup" not in psc:
                problem(where, f"projected volume {v['name']} is not world-readable: set fsGroup")
            if "configMap" in v and v["configMap"]["name"] not in configmaps:
                problem(where, f"ConfigMap {v['configMap']['name']} is not defined")
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            check_container(where, owner, spec, c, configmaps, volumes)

    for name, svc in by_kind.get("Service", {}).items():
        where = f"{label}: Service/{name}"
        targets = [d for d in deployments.values()
                   if matches(svc["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"])]
        if not targets:
            problem(where, "selector matches no Deployment")
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort")
            for d in targets:
                names = {p.get("name"): p["containerPort"] for c in
                         d["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
                if isinstance(target, str) and target not in names:
                    problem(where, f"targetPort {target} is no container port of {d['metadata']['name']}")
        if not any(p["name"] == "grpc" and p.get("appProtocol") for p in svc["spec"]["ports"]):
            problem(where, "no `grpc` port with an appProtocol")

    # Internal clients balance with round_robin over what the name resolves to: a ClusterIP
    # resolves to one virtual address, and each client connection then stays on one pod.
    for cm in configmaps.values():
        for key, value in cm.get("data", {}).items():
            if not (key.startswith("SECSCHED_") and key.endswith("_ADDR")):
                continue
            host = value.split("//")[-1].rsplit(":", 1)[0].split(".")[0]
            svc = by_kind.get("Service", {}).get(host)
            if svc is None:
                problem(f"{label}: ConfigMap {cm['metadata']['name']}", f"{key}: no Service {host}")
            elif svc["spec"].get("clusterIP") != "None":
                problem(f"{label}: Service/{host}",
                        f"not headless (clusterIP: None), so {key} clients pin one pod")

    for name, pdb in by_kind.get("PodDisruptionBudget", {}).items():
        sel = pdb["spec"]["selector"]["matchLabels"]
        if not any(matches(sel, d["spec"]["template"]["metadata"]["labels"])
                   for d in deployments.values()):
            problem(f"{label}: PodDisruptionBudget/{name}", "selector matches no Deployment")
    for d in deployments.values():
        if d["metadata"]["labels"].get("app.kubernetes.io/component") == "api":
            if not any(matches(p["spec"]["selector"]["matchLabels"],
                               d["spec"]["template"]["metadata"]["labels"])
                       for p in by_kind.get("PodDisruptionBudget", {}).values()):
                problem(f"{label}: Deployment/{d['metadata']['name']}", "no PodDisruptionBudget")

    scalers = list(by_kind.get("ScaledObject", {}).values()) + \
        list(by_kind.get("HorizontalPodAutoscaler", {}).values())
    for s in scalers:
        where = f"{label}: {s['kind']}/{s['metadata']['name']}"
        ref = s["spec"]["scaleTargetRef"]["name"]
        if ref not in deployments:
            problem(where, f"scaleTargetRef {ref} is no Deployment")
            continue
        if "replicas" in deployments[ref]["spec"]:
            problem(where, f"Deployment {ref} sets replicas; the autoscaler must own them")
        if s["kind"] == "ScaledObject":
            container = s["spec"]["scaleTargetRef"].get("envSourceContainerName")
            containers = {c["name"]: c for c in deployments[ref]["spec"]["template"]["spec"]["containers"]}
            if container not in containers:
                problem(where, f"envSourceContainerName {container} is no container of {ref}")
            for t in s["spec"]["triggers"]:
                names = {e["name"] for e in containers.get(container, {}).get("env", [])}
                for field in ("addressFromEnv", "usernameFromEnv", "passwordFromEnv"):
                    env = t["metadata"].get(field)
                    if env and env not in names:
                        problem(where, f"{field} {env} is not set on container {container}")
                if t["type"].startswith("redis") and "SECSCHED_REDIS_PASSWORD" in names \
                        and t["metadata"].get("passwordFromEnv") != "SECSCHED_REDIS_PASSWORD" \
                        and "authenticationRef" not in t:
                    problem(where, "the worker authenticates to Redis but the trigger does not "
                                   "(passwordFromEnv: SECSCHED_REDIS_PASSWORD)")
                if t["type"] == "redis-streams" and t["metadata"].get("stream") != "secsched:jobs:trial_jobs":
                    problem(where, "stream is not secsched:jobs:trial_jobs")
    if "secsched-sectioning-worker" in deployments and not is_migrations and len(scalers) != 1:
        problem(label, f"expected exactly one autoscaler for the worker, found {len(scalers)}")

    for name, sm in by_kind.get("ServiceMonitor", {}).items():
        services = [s for s in by_kind.get("Service", {}).values()
                    if matches(sm["spec"]["selector"]["matchLabels"], s["metadata"].get("labels", {}))]
        if len(services) != 4:
            problem(f"{label}: ServiceMonitor/{name}", f"selects {len(services)} Services, not 4")
        for e in sm["spec"]["endpoints"]:
            for s in services:
                if e["port"] not in {p["name"] for p in s["spec"]["ports"]}:
                    problem(f"{label}: ServiceMonitor/{name}", f"port {e['port']} not on {s['metadata']['name']}")
    for name, pm in by_kind.get("PodMonitor", {}).items():
        pods = [d for d in deployments.values()
                if matches(pm["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"])]
        if not pods:
            problem(f"{label}: PodMonitor/{name}", "selects no Deployment's pods")
        for e in pm["spec"]["podMetricsEndpoints"]:
            for d in pods:
                ports = {p.get("name") for c in d["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
                if e["port"] not in ports:
                    problem(f"{label}: PodMonitor/{name}", f"port {e['port']} not on {d['metadata']['name']}")

    for name, np in by_kind.get("NetworkPolicy", {}).items():
        sel = np["spec"]["podSelector"]
        pods = [lbl for _, _, lbl in pod_specs(objects) if selects(sel, lbl)]
        if not pods and not is_migrations:
            problem(f"{label}: NetworkPolicy/{name}", "selects no pod")
    return by_kind


def selects(selector, labels):
    if not matches(selector.get("matchLabels", {}), labels):
        return False
    for e in selector.get("matchExpressions", []):
        if e["operator"] == "In" and labels.get(e["key"]) not in e["values"]:
            return False
    return True


def check_secret(where, name, keys):
    if name not in EXTERNAL_SECRETS:
        problem(where, f"Secret {name} is not one of the documented {sorted(EXTERNAL_SECRETS)}")
        return
    for k in keys:
        if k not in EXTERNAL_SECRETS[name]:
            problem(where, f"Secret {name} has no documented key {k}")


def check_container(where, owner, spec, c, configmaps, volumes):
    where = f"{where} container {c['name']}"
    sc = c.get("securityContext", {})
    if sc.get("readOnlyRootFilesystem") is not True:
        problem(where, "readOnlyRootFilesystem is not true")
    if sc.get("allowPrivilegeEscalation") is not False:
        problem(where, "allowPrivilegeEscalation is not false")
    if sc.get("capabilities", {}).get("drop") != ["ALL"]:
        problem(where, "capabilities do not drop ALL")
    res = c.get("resources", {})
    for kind in ("requests", "limits"):
        for r in ("cpu", "memory"):
            if r not in res.get(kind, {}):
                problem(where, f"no {kind}.{r}")
    command = c.get("command", [])
    if not command or command[0] not in BINARIES:
        problem(where, f"command {command} does not name a shipped binary")
        return
    binary = command[0]
    component = owner["metadata"]["labels"].get("app.kubernetes.io/component")
    expected_sub = {"api": ["serve"], "migration": ["migrate"], "worker": []}.get(component)
    if expected_sub is not None and command[1:] != expected_sub:
        problem(where, f"{component} should run `{binary} {' '.join(expected_sub)}`")

    env = {}
    for e in c.get("env", []):
        env[e["name"]] = e
        ref = e.get("valueFrom", {})
        if "secretKeyRef" in ref:
            check_secret(where, ref["secretKeyRef"]["name"], [ref["secretKeyRef"]["key"]])
        if "configMapKeyRef" in ref and ref["configMapKeyRef"]["name"] not in configmaps:
            problem(where, f"ConfigMap {ref['configMapKeyRef']['name']} is not defined")
    config = {}
    for ef in c.get("envFrom", []):
        if "configMapRef" in ef:
            name = ef["configMapRef"]["name"]
            if name not in configmaps:
                problem(where, f"ConfigMap {name} is not defined")
            else:
                config.update(configmaps[name].get("data", {}))
        if "secretRef" in ef:
            check_secret(where, ef["secretRef"]["name"], [])
    merged = dict(config)
    merged.update({k: v.get("value") for k, v in env.items()})

    known = binary_settings(binary)
    if known is not None:
        for name in env:
            if name.startswith("SECSCHED_") and name not in known:
                problem(where, f"{binary} does not read {name}")
        for name in config:
            if name.startswith("SECSCHED_") and not any(
                    name in (binary_settings(b) or set()) for b in BINARIES):
                problem(where, f"no binary reads ConfigMap key {name}")
    if "SECSCHED_PG_URL" not in env:
        problem(where, "SECSCHED_PG_URL is not set")

    if "SECSCHED_REDIS_URL" in env:
        password = env.get("SECSCHED_REDIS_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {})
        if (password.get("name"), password.get("key")) != ("secsched-redis", "password"):
            problem(where, "SECSCHED_REDIS_PASSWORD does not come from secret secsched-redis, "
                           "key password")

    mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}

    def mounted_item(path):
        """Whether `path` is an item of a mounted Secret or projected Secret volume."""
        d, f = os.path.split(path)
        m = mounts.get(d)
        if not m:
            return False
        v = volumes.get(m["name"], {})
        items = [i["path"] for i in v.get("secret", {}).get("items", [])]
        for source in v.get("projected", {}).get("sources", []):
            items += [i["path"] for i in source.get("secret", {}).get("items", [])]
        return f in items

    if binary in CALLERS and merged.get("SECSCHED_JWT_ALGORITHM") == "RS256":
        token_file = merged.get("SECSCHED_ACCESS_TOKEN_FILE")
        if not token_file and not merged.get("SECSCHED_ACCESS_TOKEN") \
                and "SECSCHED_ACCESS_TOKEN" not in env:
            problem(where, "RS256 without SECSCHED_ACCESS_TOKEN_FILE: the service cannot "
                           "authenticate to the services it calls and will not start")
        elif token_file and not mounted_item(token_file):
            problem(where, f"{token_file} is not a mounted secret item")

    key_file = merged.get("SECSCHED_JWT_KEY_FILE")
    if component == "api":
        if not key_file:
            problem(where, "SECSCHED_JWT_KEY_FILE is not set")
        elif not mounted_item(key_file):
            problem(where, f"{key_file} is not a mounted secret item")
        check_probes_and_grace(where, spec, c, merged)
    if component == "worker":
        consumer = env.get("SECSCHED_WORKER_CONSUMER", {})
        if consumer.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != "metadata.name":
            problem(where, "SECSCHED_WORKER_CONSUMER must come from the pod name")
    if sc.get("readOnlyRootFilesystem") and "/tmp" not in {m["mountPath"] for m in c.get("volumeMounts", [])} \
            and component != "migration":
        problem(where, "read-only root without a writable /tmp")


def check_probes_and_grace(where, spec, c, merged):
    ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
    if ports.get("grpc") != 50051 or ports.get("metrics") != 9464:
        problem(where, "ports must be grpc 50051 and metrics 9464")
    listen = merged.get("SECSCHED_LISTEN", "0.0.0.0:50051")
    if not listen.endswith(":50051"):
        problem(where, f"SECSCHED_LISTEN {listen} does not match the probes' port 50051")
    for kind in ("readinessProbe", "livenessProbe", "startupProbe"):
        probe = c.get(kind)
        if not probe or probe.get("grpc", {}).get("port") != 50051:
            problem(where, f"{kind} is not a gRPC probe on 50051")
    grace = duration_seconds(merged.get("SECSCHED_NOT_SERVING_GRACE", "0s"))
    drain = duration_seconds(merged.get("SECSCHED_DRAIN_TIMEOUT", "10s"))
    if grace is None or drain is None:
        problem(where, "cannot parse SECSCHED_NOT_SERVING_GRACE / SECSCHED_DRAIN_TIMEOUT")
        return
    total = spec.get("terminationGracePeriodSeconds", 30)
    if total <= grace + drain:
        problem(where, f"terminationGracePeriodSeconds {total} <= grace {grace} + drain {drain}")
    r = c.get("readinessProbe", {})
    notice = r.get("periodSeconds", 10) * r.get("failureThreshold", 3) + r.get("timeoutSeconds", 1)
    if notice >= grace:
        problem(where, f"readiness needs up to {notice}s to see NOT_SERVING; grace is {grace}s")


def images(objects):
    return {c["image"] for _, spec, _ in pod_specs(objects)
            for c in spec.get("containers", []) + spec.get("initContainers", [])}


# Tags that name one build: a version (1.0.0, v1.2.0-rc.1), `git describe` output
# (v1.2.0-3-g<commit>, git-<commit>, either with -dirty-<diff hash>), as
# deploy/container/build-image.sh writes them. Anything else (dev, latest, stable, main, ...) can
# be moved to another build, and with imagePullPolicy IfNotPresent each node keeps whichever build
# it pulled first.
IMMUTABLE_TAG = re.compile(
    r"v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?"        # a version, optionally with describe's suffix
    r"|git-[0-9a-f]{7,40}(-dirty-[0-9a-f]{8,64})?")  # a commit


def mutable_tag_problem(image):
    """Why `image` may change under the same reference, or None (digests never do)."""
    if "@sha256:" in image:
        return None
    name, _, tag = image.rpartition(":")
    if not name or "/" in tag:  # no tag at all (host:port/name): means `latest`
        return f"image {image} has no tag (= latest, which moves)"
    if not IMMUTABLE_TAG.fullmatch(tag):
        return (f"image {image}: tag `{tag}` can be moved to another build; use a version, a "
                "per-build tag (deploy/container/build-image.sh) or a digest")
    return None


def namespaces(objects):
    return {o["metadata"].get("namespace") for o in objects}


def check_runtime_libs():
    """Every shared library the shipped binaries load comes from a package the Containerfile's
    runtime stage installs (or their dependencies, or the base image's essentials)."""
    containerfile = open(os.path.join(ROOT, "deploy/container/Containerfile")).read()
    runtime = containerfile[containerfile.index("AS runtime"):]
    block = runtime[runtime.index("apt-get install"):runtime.index("&& rm -rf")]
    packages = [w for w in re.findall(r"\b([a-z0-9][a-z0-9.+-]+)\b", block.split("no-install-recommends")[1])]
    closure = set(subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", "--installed"] + packages,
        capture_output=True, text=True).stdout.split())
    closure = {w.strip("<>") for w in closure if not w.endswith(":")}
    essential = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}
    build = os.environ.get("SECSCHED_BUILD_DIR", os.path.join(ROOT, "build"))
    shipped = re.findall(
        r"(services/\S+/secsched-[a-z-]+|common/auth/secsched-token|tools/schedctl/schedctl)",
        containerfile)
    if sorted(set(os.path.basename(s) for s in shipped)) != sorted(BINARIES):
        problem("Containerfile", f"ships {sorted(set(shipped))}, expected {sorted(BINARIES.values())}")
    libs_of = {}
    for rel in BINARIES.values():
        path = os.path.join(build, rel)
        if not os.access(path, os.X_OK):
            problem("runtime-libs", f"{path} not built (set SECSCHED_BUILD_DIR)")
            continue
        libs_of[rel] = re.findall(
            r"=> (/\S+)", subprocess.run(["ldd", path], capture_output=True, text=True).stdout)

    def candidates(lib):  # merged /usr: a library may be registered under either path
        return [lib, os.path.realpath(lib), "/usr" + lib if not lib.startswith("/usr") else lib[4:]]

    # One dpkg query for every path (dpkg -S scans its whole database each time it runs).
    paths = sorted({c for libs in libs_of.values() for lib in libs for c in candidates(lib)})
    owner_of = {}
    if paths:
        out = subprocess.run(["dpkg", "-S"] + paths, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if ": /" in line and not line.startswith("diversion"):
                package, path = line.split(": ", 1)
                owner_of.setdefault(path.strip(), package.split(":")[0].split(",")[0].strip())
    for rel, libs in libs_of.items():
        for lib in libs:
            owner = next((owner_of[c] for c in candidates(lib) if c in owner_of), None)
            if owner is None:
                problem("runtime-libs", f"{rel}: {lib} belongs to no Debian package")
            elif owner not in closure and owner not in essential:
                problem("runtime-libs", f"{rel}: {lib} ({owner}) is not installed by the runtime stage")
    print(f"runtime-libs: {len(packages)} packages listed, dependency closure {len(closure)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime-libs", action="store_true",
                        help="check the Containerfile's runtime packages against ldd of a build")
    parser.add_argument("--runtime-libs-only", action="store_true",
                        help="only the runtime package check (no manifests rendered)")
    parser.add_argument("--skip-without-renderer", action="store_true",
                        help=f"exit {SKIPPED} (skipped) instead of 1 when no renderer is installed")
    args = parser.parse_args()
    if args.runtime_libs_only:
        check_runtime_libs()
        for p in problems:
            print("PROBLEM", p)
        print("ok" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    command = renderer(args.skip_without_renderer)
    k8s_schema.require_client_models()
    schema = k8s_schema.Validator()
    rendered = {}
    for label, directory, components in TARGETS:
        try:
            rendered[label] = render(command, directory, components)
        except RuntimeError as e:
            problem(label, f"does not render: {e}")
            continue
        check_target(label, rendered[label])
        for schema_problem in schema.validate(rendered[label]):
            problem(label, f"schema: {schema_problem}")
        print(f"{label}: {len(rendered[label])} objects, schema-checked")
    for overlay in ("overlays/dev", "overlays/production"):
        app, mig = rendered.get(overlay), rendered.get(overlay + "/migrations")
        if not app or not mig:
            continue
        if images(app) != images(mig) or len(images(app)) != 1:
            problem(overlay, f"app images {images(app)} vs migration images {images(mig)}")
        if any(i.split(":")[0] == "secsched" for i in images(app)):
            problem(overlay, "image still the unqualified placeholder `secsched`")
        if namespaces(app) != namespaces(mig) or None in namespaces(app):
            problem(overlay, f"namespaces {namespaces(app)} vs migrations {namespaces(mig)}")
    for label, objects in rendered.items():
        if label.startswith("overlays/"):
            for image in sorted(images(objects)):
                if mutable_tag_problem(image):
                    problem(label, mutable_tag_problem(image))
    for label in ("base", "base/migrations"):
        if namespaces(rendered.get(label, [])) - {None}:
            problem(label, "base must be namespace-agnostic")
    if args.runtime_libs:
        check_runtime_libs()
    if binary_settings("secsched-catalog") is None:
        print("note: no build found, SECSCHED_* names not checked against the binaries")
    for p in problems:
        print("PROBLEM", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
