#!/usr/bin/env python3
"""Per-build image tags: check.py refuses tags that can move, and
deploy/container/build-image.sh writes a tag check.py accepts into an overlay's release.

    python3 deploy/k8s/image_tags_test.py
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import check

K8S = os.path.dirname(os.path.abspath(__file__))
BUILD_IMAGE = os.path.join(os.path.dirname(K8S), "container", "build-image.sh")
REGISTRY = "registry.example.org/secsched/secsched"


class MutableTagTest(unittest.TestCase):
    def test_moving_tags_are_refused(self):
        for image in (f"{REGISTRY}:dev", f"{REGISTRY}:latest", f"{REGISTRY}:stable",
                      f"{REGISTRY}:main", REGISTRY, "registry:5000/secsched",
                      f"{REGISTRY}:1", f"{REGISTRY}:git-xyz"):
            with self.subTest(image=image):
                self.assertIsNotNone(check.mutable_tag_problem(image))

    def test_tags_naming_one_build_pass(self):
        for image in (f"{REGISTRY}:1.0.0", f"{REGISTRY}:v1.2.0-rc.1",
                      f"{REGISTRY}:v1.2.0-3-g0123456789ab", f"{REGISTRY}:git-0123456789ab",
                      f"{REGISTRY}:git-0123456789ab-dirty-0123456789ab",
                      f"{REGISTRY}@sha256:" + "0" * 64, "registry:5000/secsched:1.0.0"):
            with self.subTest(image=image):
                self.assertIsNone(check.mutable_tag_problem(image))


class BuildImageScriptTest(unittest.TestCase):
    def run_script(self, *args, env=None):
        result = subprocess.run(["bash", BUILD_IMAGE, *args], capture_output=True, text=True,
                                env={**os.environ, **(env or {})})
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_printed_tag_names_one_build(self):
        tag = self.run_script("--print-tag")
        self.assertIsNone(check.mutable_tag_problem(f"{REGISTRY}:{tag}"), tag)

    def test_sets_the_overlays_tag_and_keeps_the_rest(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "k8s")
            shutil.copytree(K8S, copy, ignore=shutil.ignore_patterns("__pycache__", ".check-*"))
            release = os.path.join(copy, "overlays", "dev", "release", "kustomization.yaml")
            with open(release) as f:
                before = f.read().replace("newTag: ", "newTag: dev  # ", 1)
            with open(release, "w") as f:
                f.write(before)
            tag = self.run_script("--print-tag")
            out = self.run_script("--no-build", "--overlay", "dev", env={"SECSCHED_K8S_DIR": copy})
            self.assertIn(f"{REGISTRY}:{tag}", out)
            with open(release) as f:
                after = f.read()
            self.assertIn(f"newTag: {tag}  #", after)
            self.assertNotIn("newTag: dev", after)
            self.assertEqual(len(after.splitlines()), len(before.splitlines()))


if __name__ == "__main__":
    sys.exit(not unittest.main(verbosity=2, exit=False).result.wasSuccessful())
