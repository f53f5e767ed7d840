#!/usr/bin/env python3
"""Offline checks of the alerts and the dashboard in components/monitoring:

  - the PrometheusRule and the dashboard JSON parse, and every panel has a query;
  - every metric they query is one the C++ sources export (string literals next to
    prometheus::Build* / Gauge(...)), or one of the few cluster metrics listed below; every label
    they select or group by is one the sources attach, or a target label Prometheus adds;
  - `promtool check rules` accepts the rules and `promtool test rules` runs
    components/monitoring/prometheusrule_test.yaml (synthetic series: each alert fires when it
    should and stays quiet when it should not). promtool comes with Debian's `prometheus`
    package; without it that part is reported as not run (exit 77 with --require-promtool).

    python3 deploy/k8s/check_monitoring.py [--require-promtool]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    sys.exit("check_monitoring.py: needs PyYAML (apt-get install python3-yaml)")

K8S = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(K8S))
MONITORING = os.path.join(K8S, "components/monitoring")
SKIPPED = 77

# Metrics from the cluster, not from secsched (kube-state-metrics, KEDA).
EXTERNAL_METRICS = {"kube_deployment_status_replicas", "keda_scaler_metrics_value"}
# Labels Prometheus (Operator) puts on every target's series, and histogram buckets' `le`.
TARGET_LABELS = {"namespace", "service", "pod", "job", "instance", "container", "endpoint", "le"}
EXTERNAL_LABELS = {"deployment", "scaledObject", "metric"}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
                "unless", "bool", "offset", "inf", "nan"}

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def code_metrics_and_labels():
    """Metric names and label names that appear as string literals in non-test C++ sources."""
    metrics, labels = set(), set()
    for top in ("common", "services", "tools"):
        for directory, _, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if not name.endswith((".cc", ".h")) or name.endswith("_test.cc"):
                    continue
                text = open(os.path.join(directory, name), encoding="utf-8").read()
                if "prometheus" not in text:
                    continue
                metrics |= set(re.findall(r'"((?:secsched|grpc_server)_[a-z0-9_]+)"', text))
                labels |= set(re.findall(r'\{\s*"([a-z_]+)"\s*,', text))
    return metrics, labels


def referenced(expr):
    """(metric names, label names) an expression uses."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)        # string literals
    text = re.sub(r"\$\{?\w+\}?", "", text)                  # Grafana variables
    labels = set()
    for selector in re.findall(r"\{([^}]*)\}", text):
        labels |= set(re.findall(r"([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)", selector))
    text = re.sub(r"\{[^}]*\}", " ", text)
    for grouping in re.findall(r"\b(?:by|without|on|ignoring)\s*\(([^)]*)\)", text):
        labels |= {l.strip() for l in grouping.split(",") if l.strip()}
    text = re.sub(r"\b(?:by|without|on|ignoring)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)                  # range selectors
    names = set()
    for m in re.finditer(r"\b([a-zA-Z_:][\w:]*)\b(\s*\()?", text):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in PROMQL_WORDS or re.fullmatch(r"\d\w*", word):
            continue
        names.add(word)
    return names, labels


def check_expr(where, expr, metrics, labels):
    names, used_labels = referenced(expr)
    if not names:
        problem(where, f"no metric in {expr!r}")
    for name in names:
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name not in metrics and base not in metrics and name not in EXTERNAL_METRICS:
            problem(where, f"metric {name} is exported by no binary")
    for label in used_labels - labels - TARGET_LABELS - EXTERNAL_LABELS:
        problem(where, f"label {label} is attached by no binary")


def rule_groups():
    path = os.path.join(MONITORING, "prometheusrule.yaml")
    rule = yaml.safe_load(open(path))
    if rule.get("kind") != "PrometheusRule":
        problem(path, "not a PrometheusRule")
        return []
    return rule["spec"]["groups"]


def run_promtool(groups, require):
    promtool = shutil.which("promtool")
    if not promtool:
        print("promtool: not installed (Debian package `prometheus`); rules not run")
        return SKIPPED if require else 0
    # The tests assert each alert's labels and rendered summary; descriptions are prose that
    # `promtool check rules` still parses (templates), so the tests need not repeat them.
    tested = json.loads(json.dumps(groups))
    for group in tested:
        for rule in group["rules"]:
            rule.get("annotations", {}).pop("description", None)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "rules.yaml"), "w") as f:
            yaml.safe_dump({"groups": tested}, f)
        with open(os.path.join(tmp, "rules-as-shipped.yaml"), "w") as f:
            yaml.safe_dump({"groups": groups}, f)
        shutil.copy(os.path.join(MONITORING, "prometheusrule_test.yaml"), tmp)
        for command in (["check", "rules", "rules-as-shipped.yaml"],
                        ["test", "rules", "prometheusrule_test.yaml"]):
            result = subprocess.run([promtool] + command, cwd=tmp, capture_output=True, text=True)
            print(f"promtool {' '.join(command)}: exit {result.returncode}")
            if result.returncode != 0:
                problem("promtool " + command[0], (result.stdout + result.stderr).strip())
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--require-promtool", action="store_true",
                        help=f"exit {SKIPPED} (skipped) when promtool is missing")
    args = parser.parse_args()
    metrics, labels = code_metrics_and_labels()
    print(f"exported by the sources: {', '.join(sorted(metrics))}")

    groups = rule_groups()
    alerts = 0
    for group in groups:
        for rule in group["rules"]:
            where = f"PrometheusRule {group['name']}/{rule.get('alert', rule.get('record'))}"
            check_expr(where, rule["expr"], metrics, labels)
            if "alert" in rule:
                alerts += 1
                if not rule.get("annotations", {}).get("summary"):
                    problem(where, "no summary annotation")
                if rule.get("labels", {}).get("severity") not in ("page", "ticket"):
                    problem(where, "severity must be page or ticket")
    print(f"prometheusrule.yaml: {alerts} alerts")

    dashboard_path = os.path.join(MONITORING, "dashboards/secsched.json")
    dashboard = json.load(open(dashboard_path))
    ids = set()
    for panel in dashboard.get("panels", []):
        where = f"dashboard panel {panel.get('title')!r}"
        if panel.get("id") in ids:
            problem(where, "duplicate panel id")
        ids.add(panel.get("id"))
        if not panel.get("targets"):
            problem(where, "no query")
        for target in panel.get("targets", []):
            check_expr(where, target.get("expr", ""), metrics, labels)
    print(f"dashboards/secsched.json: {len(ids)} panels")

    status = run_promtool(groups, args.require_promtool)
    for p in problems:
        print("PROBLEM", p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("ok" if status == 0 else "ok (promtool part not run)")
    return status


if __name__ == "__main__":
    sys.exit(main())
