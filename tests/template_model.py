"""template.yaml as plain data for static tests: CloudFormation's short tags become long forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().parents[1] / "template.yaml"


class _Loader(yaml.SafeLoader):
    """A safe loader that understands ``!Ref``, ``!GetAtt``, ``!If``, ``!Sub`` and the rest."""


def _construct_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = str(value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_Loader.add_multi_constructor("!", _construct_tag)


def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    """The template at ``path`` with intrinsic functions in their long (JSON) form."""
    data: dict[str, Any] = yaml.load(path.read_text(), Loader=_Loader)
    return data


def functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{logical id: Properties}`` of every ``AWS::Serverless::Function``."""
    return {
        name: res.get("Properties") or {}
        for name, res in template["Resources"].items()
        if res.get("Type") == "AWS::Serverless::Function"
    }
