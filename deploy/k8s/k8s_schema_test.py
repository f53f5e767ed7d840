#!/usr/bin/env python3
"""The schema check (k8s_schema.py) catches planted mistakes and passes the shipped manifests.
Works on the base's YAML files as written (no kustomize needed), so it runs on every machine.

    python3 deploy/k8s/k8s_schema_test.py
"""
import copy
import os
import sys
import unittest

import yaml

import k8s_schema

K8S = os.path.dirname(os.path.abspath(__file__))


def load(*relative):
    with open(os.path.join(K8S, *relative)) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def first(objects, kind):
    return copy.deepcopy(next(o for o in objects if o["kind"] == kind))


class SchemaCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.validator = k8s_schema.Validator()
        cls.access = load("base", "access.yaml")
        cls.scaled = load("base", "worker-scaledobject.yaml")
        cls.rules = load("components", "monitoring", "prometheusrule.yaml")
        cls.hpa = load("components", "worker-hpa", "hpa.yaml")

    def problems(self, *objects):
        return self.validator.validate(list(objects))

    def assertCaught(self, obj, *fragments):
        found = self.problems(obj)
        self.assertTrue(found, "the planted mistake was not reported")
        joined = "\n".join(found)
        for fragment in fragments:
            self.assertIn(fragment, joined)

    def test_shipped_files_pass(self):
        base = [o for name in sorted(os.listdir(os.path.join(K8S, "base")))
                if name.endswith(".yaml") and name != "kustomization.yaml"
                for o in load("base", name)]
        self.assertGreater(len(base), 10)
        self.assertEqual(self.problems(*base + self.rules + self.hpa), [])

    def test_misspelt_field_in_pod_template(self):
        deployment = first(self.access, "Deployment")
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        container["imagePullPolicyy"] = container.pop("imagePullPolicy", "Always")
        self.assertCaught(deployment, "spec.template.spec.containers[0]",
                          "unknown field `imagePullPolicyy` in V1Container")

    def test_string_where_integer(self):
        deployment = first(self.access, "Deployment")
        deployment["spec"]["replicas"] = "3"
        self.assertCaught(deployment, "spec.replicas: expected an integer, got a string '3'")

    def test_integer_where_string(self):
        deployment = first(self.access, "Deployment")
        deployment["spec"]["template"]["spec"]["containers"][0]["env"] = [
            {"name": "SECSCHED_PORT", "value": 50051}]
        self.assertCaught(deployment, "containers[0].env[0].value", "expected a string")

    def test_required_field_missing(self):
        deployment = first(self.access, "Deployment")
        del deployment["spec"]["template"]["spec"]["containers"][0]["name"]
        self.assertCaught(deployment, "required field `name` missing (V1Container)")

    def test_label_value_must_be_string(self):
        service = first(self.access, "Service")
        service["metadata"]["labels"]["tier"] = 1
        self.assertCaught(service, "metadata.labels.tier", "expected a string")

    def test_cpu_quantity_may_be_a_number(self):
        deployment = first(self.access, "Deployment")
        deployment["spec"]["template"]["spec"]["containers"][0]["resources"] = {
            "limits": {"cpu": 1, "memory": "256Mi"}}
        self.assertEqual(self.problems(deployment), [])

    def test_newer_core_field_checked_by_in_tree_schema(self):
        deployment = first(self.access, "Deployment")
        deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"] = {
            "port": "50051"}
        self.assertCaught(deployment, "readinessProbe.grpc.port", "expected integer")

    def test_scaledobject_trigger_settings_are_strings(self):
        scaled = first(self.scaled, "ScaledObject")
        scaled["spec"]["triggers"][0]["metadata"]["streamLength"] = 1
        self.assertCaught(scaled, "spec.triggers[0].metadata.streamLength", "expected string")

    def test_scaledobject_misspelt_field(self):
        scaled = first(self.scaled, "ScaledObject")
        scaled["spec"]["maxReplicas"] = scaled["spec"].pop("maxReplicaCount")
        self.assertCaught(scaled, "unknown field `maxReplicas`")

    def test_prometheusrule_misspelt_and_missing(self):
        rule = first(self.rules, "PrometheusRule")
        first_rule = rule["spec"]["groups"][0]["rules"][0]
        first_rule["annotation"] = first_rule.pop("annotations")
        del first_rule["expr"]
        self.assertCaught(rule, "unknown field `annotation`", "required field `expr` missing")

    def test_autoscaling_v2_checked_with_v2beta2_model(self):
        hpa = first(self.hpa, "HorizontalPodAutoscaler")
        hpa["spec"]["minReplicas"] = 1.5
        self.assertCaught(hpa, "spec.minReplicas: expected an integer, got a number 1.5")

    def test_unknown_kind_is_a_problem(self):
        self.assertCaught({"apiVersion": "example.com/v1", "kind": "Widget",
                           "metadata": {"name": "w"}}, "no schema for apiVersion example.com/v1")

    def test_custom_resource_metadata_checked(self):
        scaled = first(self.scaled, "ScaledObject")
        scaled["metadata"]["lables"] = {}
        self.assertCaught(scaled, "metadata: ", "unknown field `lables` in V1ObjectMeta")


if __name__ == "__main__":
    k8s_schema.require_client_models()
    sys.exit(unittest.main(verbosity=2, exit=False).result.wasSuccessful() is False)
