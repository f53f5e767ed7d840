"""Offline, strict schema check of rendered Kubernetes objects (imported by check.py).

Built-in kinds are walked against the models of Debian 12's `python3-kubernetes` (22.6, the
official client, Kubernetes 1.22 API): every model carries `openapi_types` (field -> type) and
`attribute_map` (field -> JSON name), and its setters refuse None for the fields the API requires.
Custom resources (KEDA, Prometheus Operator) and the few core fields newer than 1.22 that the
manifests use are checked against schemas/custom-resources.yaml, a small schema kept in the tree
in the CRDs' own OpenAPI v3 form. What this does not check: see docs/deploy-kubernetes.md.

    problems = validate(objects)    # ["Deployment/x: spec.template...: unknown field `foo`", ...]
"""
import inspect
import os
import re

import yaml

try:
    from kubernetes.client import models
except ImportError:  # check.py re-runs itself under /usr/bin/python3 when this is missing
    models = None

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas",
                       "custom-resources.yaml")

# apiVersion, kind -> the client's model. autoscaling/v2 is the GA of v2beta2 (Kubernetes 1.23)
# with the same fields; the 22.6 client predates it, so v2beta2's model stands in.
BUILTIN_KINDS = {
    ("v1", "ConfigMap"): "V1ConfigMap",
    ("v1", "Secret"): "V1Secret",
    ("v1", "Service"): "V1Service",
    ("v1", "ServiceAccount"): "V1ServiceAccount",
    ("v1", "Namespace"): "V1Namespace",
    ("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim",
    ("apps/v1", "Deployment"): "V1Deployment",
    ("apps/v1", "StatefulSet"): "V1StatefulSet",
    ("apps/v1", "DaemonSet"): "V1DaemonSet",
    ("batch/v1", "Job"): "V1Job",
    ("batch/v1", "CronJob"): "V1CronJob",
    ("policy/v1", "PodDisruptionBudget"): "V1PodDisruptionBudget",
    ("networking.k8s.io/v1", "NetworkPolicy"): "V1NetworkPolicy",
    ("networking.k8s.io/v1", "Ingress"): "V1Ingress",
    ("autoscaling/v1", "HorizontalPodAutoscaler"): "V1HorizontalPodAutoscaler",
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2beta2HorizontalPodAutoscaler",
    ("rbac.authorization.k8s.io/v1", "Role"): "V1Role",
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): "V1RoleBinding",
}

# Fields the models type as `str` that the API server also accepts as a number (resource.Quantity:
# `cpu: 1`); (model, field).
QUANTITIES = {("V1ResourceRequirements", "limits"), ("V1ResourceRequirements", "requests"),
              ("V1EmptyDirVolumeSource", "size_limit")}

# The subset of OpenAPI v3 the in-tree schemas may use; anything else is refused when loading,
# so a schema never looks stricter than it is.
SCHEMA_KEYS = {"type", "properties", "required", "items", "additionalProperties", "enum",
               "description", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
               "x-client-model"}
JSON_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool,
              "integer": int, "number": (int, float)}


DEBIAN_PYTHON = "/usr/bin/python3"


def require_client_models():
    """Makes sure the client models can be imported: a python3 first on PATH (pyenv, a venv) does
    not see Debian's dist-packages, so the calling script is run again under Debian's python3.
    Exits with a clear message when that has no python3-kubernetes either."""
    if models is not None:
        return
    import sys
    if (os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)
            and os.access(DEBIAN_PYTHON, os.X_OK) and not os.environ.get("SECSCHED_K8S_REEXEC")):
        os.environ["SECSCHED_K8S_REEXEC"] = "1"
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit(f"{sys.argv[0]}: needs the Kubernetes client models: apt-get install python3-kubernetes"
             " (deploy/install-deps.sh)")


def _type_name(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


_required_cache = {}


def _required_fields(model):
    """Python names of the fields whose setter refuses None (the client's `required`)."""
    if model not in _required_cache:
        required = set()
        for attr in model.openapi_types:
            prop = getattr(model, attr, None)
            if isinstance(prop, property) and prop.fset is not None:
                if "must not be `None`" in inspect.getsource(prop.fset):
                    required.add(attr)
        _required_cache[model] = required
    return _required_cache[model]


class Validator:
    def __init__(self, schemas_path=SCHEMAS):
        with open(schemas_path) as f:
            loaded = yaml.safe_load(f)
        self.custom = {}
        for entry in loaded["customResources"]:
            self._check_schema(entry["schema"], f"{entry['apiVersion']} {entry['kind']}")
            self.custom[(entry["apiVersion"], entry["kind"])] = entry["schema"]
        self.additions = {}
        for model_name, fields in loaded.get("newerCoreFields", {}).items():
            for field, schema in fields.items():
                self._check_schema(schema, f"{model_name}.{field}")
            self.additions[model_name] = fields

    def _check_schema(self, schema, where):
        unknown = set(schema) - SCHEMA_KEYS
        if unknown:
            raise ValueError(f"{SCHEMAS}: {where}: unsupported schema keys {sorted(unknown)}")
        if "type" in schema and schema["type"] not in JSON_TYPES:
            raise ValueError(f"{SCHEMAS}: {where}: unknown type {schema['type']}")
        if "x-client-model" in schema and not hasattr(models, schema["x-client-model"]):
            raise ValueError(f"{SCHEMAS}: {where}: no client model {schema['x-client-model']}")
        for name, sub in schema.get("properties", {}).items():
            self._check_schema(sub, f"{where}.{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                self._check_schema(schema[key], f"{where}[]")

    def validate(self, objects):
        problems = []
        for o in objects:
            where = f"{o.get('kind', '?')}/{(o.get('metadata') or {}).get('name', '?')}"
            key = (o.get("apiVersion"), o.get("kind"))
            report = lambda path, message: problems.append(f"{where}: {path or '.'}: {message}")
            if key in BUILTIN_KINDS:
                self._model(o, getattr(models, BUILTIN_KINDS[key]), "", report)
            elif key in self.custom:
                top = {k: o[k] for k in o if k not in ("apiVersion", "kind", "metadata")}
                self._model({k: o[k] for k in ("metadata",) if k in o},
                            models.V1ObjectMeta, "", report, only="metadata")
                self._schema(top, self.custom[key], "", report)
            else:
                report("", f"no schema for apiVersion {key[0]} kind {key[1]} (add it to "
                           "k8s_schema.BUILTIN_KINDS or schemas/custom-resources.yaml)")
        return problems

    def _model(self, value, model, path, report, only=None):
        if only:  # a custom resource's metadata: just that one field, as an ObjectMeta
            if "metadata" in value:
                self._model(value["metadata"], model, "metadata", report)
            return
        if not isinstance(value, dict):
            report(path, f"expected an object ({model.__name__}), got {_type_name(value)}")
            return
        json_to_attr = {v: k for k, v in model.attribute_map.items()}
        extra = self.additions.get(model.__name__, {})
        for name, item in value.items():
            sub = f"{path}.{name}" if path else name
            if name in extra:
                self._schema(item, extra[name], sub, report)
            elif name not in json_to_attr:
                report(path, f"unknown field `{name}` in {model.__name__}")
            elif item is not None:
                attr = json_to_attr[name]
                self._typed(item, model.openapi_types[attr], sub, report,
                            quantity=(model.__name__, attr) in QUANTITIES)
        for attr in sorted(_required_fields(model)):
            if value.get(model.attribute_map[attr]) is None:
                report(path, f"required field `{model.attribute_map[attr]}` missing "
                             f"({model.__name__})")

    def _typed(self, value, type_name, path, report, quantity=False):
        m = re.fullmatch(r"list\[(.+)\]", type_name)
        if m:
            if not isinstance(value, list):
                report(path, f"expected a list, got {_type_name(value)}")
                return
            for i, item in enumerate(value):
                self._typed(item, m.group(1), f"{path}[{i}]", report, quantity)
            return
        m = re.fullmatch(r"dict\(str, (.+)\)", type_name)
        if m:
            if not isinstance(value, dict):
                report(path, f"expected an object (map), got {_type_name(value)}")
                return
            for k, item in value.items():
                self._typed(item, m.group(1), f"{path}.{k}", report, quantity)
            return
        if type_name == "object":  # IntOrString, RawExtension: any JSON value
            return
        if type_name == "str" or type_name in ("datetime", "date"):
            ok = isinstance(value, str) or (quantity and _is_number(value))
            if not ok:
                report(path, f"expected a string, got {_type_name(value)} {value!r}")
        elif type_name == "int":
            if not (isinstance(value, int) and not isinstance(value, bool)):
                report(path, f"expected an integer, got {_type_name(value)} {value!r}")
        elif type_name == "float":
            if not _is_number(value):
                report(path, f"expected a number, got {_type_name(value)} {value!r}")
        elif type_name == "bool":
            if not isinstance(value, bool):
                report(path, f"expected a boolean, got {_type_name(value)} {value!r}")
        else:
            self._model(value, getattr(models, type_name), path, report)

    def _schema(self, value, schema, path, report):
        if "x-client-model" in schema:
            self._model(value, getattr(models, schema["x-client-model"]), path, report)
            return
        if value is None:
            return
        if schema.get("x-kubernetes-int-or-string"):
            if not (isinstance(value, str) or _is_integer(value)):
                report(path, f"expected an integer or a string, got {_type_name(value)}")
            return
        expected = schema.get("type")
        if expected:
            ok = isinstance(value, JSON_TYPES[expected]) and not (
                isinstance(value, bool) and expected in ("integer", "number"))
            if not ok:
                report(path, f"expected {expected}, got {_type_name(value)} {value!r}")
                return
        if "enum" in schema and value not in schema["enum"]:
            report(path, f"{value!r} is not one of {schema['enum']}")
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for name, item in value.items():
                sub = f"{path}.{name}" if path else name
                if name in props:
                    self._schema(item, props[name], sub, report)
                elif isinstance(schema.get("additionalProperties"), dict):
                    self._schema(item, schema["additionalProperties"], sub, report)
                elif not (schema.get("x-kubernetes-preserve-unknown-fields")
                          or schema.get("additionalProperties") is True):
                    report(path, f"unknown field `{name}`")
            for name in schema.get("required", []):
                if value.get(name) is None:
                    report(path, f"required field `{name}` missing")
        if isinstance(value, list) and "items" in schema:
            for i, item in enumerate(value):
                self._schema(item, schema["items"], f"{path}[{i}]", report)


def _is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate(objects, schemas_path=SCHEMAS):
    return Validator(schemas_path).validate(objects)
