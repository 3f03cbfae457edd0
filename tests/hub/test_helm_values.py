"""The Helm values for Zero to JupyterHub: PostgreSQL, our images, our authenticator.

(The chart's own schema is not in this repository; the values were checked against it with
the chart's defaults merged in, as Helm does — see README, "Going past one machine".)
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VALUES = ROOT / "deploy" / "helm" / "values.yaml"
IMAGES = {"tdp/hub": ROOT / "deploy/images/hub/Dockerfile",
          "tdp/singleuser": ROOT / "deploy/images/singleuser/Dockerfile"}


def _images(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["name"]] if "name" in node and "tag" in node else []
        return found + [n for v in node.values() for n in _images(v)]
    if isinstance(node, list):
        return [n for v in node for n in _images(v)]
    return []


def test_every_image_it_names_is_built_from_this_repository() -> None:
    values = yaml.safe_load(VALUES.read_text())
    named = _images(values)
    assert set(named) == set(IMAGES), named
    for dockerfile in IMAGES.values():
        text = dockerfile.read_text()
        assert "COPY . /srv/tdp" in text and "pip install" in text


def test_the_shared_deployment_uses_postgresql_and_the_course_authenticator() -> None:
    values = yaml.safe_load(VALUES.read_text())
    assert values["hub"]["db"]["type"] == "postgres"
    assert values["hub"]["db"]["url"].startswith("postgresql")
    assert "sqlite" not in VALUES.read_text().lower().replace("never sqlite", "")
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == \
        "tdp.hub.auth.ClassListAuthenticator"
    for code in values["hub"]["extraConfig"].values():
        compile(code, "extraConfig", "exec")


def test_no_pod_gets_the_stores_admin_address() -> None:
    """Each pod's store address is its account's own role's, set by the hub per spawn."""
    values = yaml.safe_load(VALUES.read_text())
    assert "TDP_DATABASE_URL" not in values["singleuser"]["extraEnv"]
    hook = values["hub"]["extraConfig"]["tdp-store"]
    assert "c.KubeSpawner.pre_spawn_hook" in hook and "StoreAccess" in hook
