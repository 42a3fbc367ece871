"""template.yaml's deploy safety, read statically: AWS-only parts behind conditions, migrations
before new code, the alarms the canaries roll back on, throttling at the edge."""

from __future__ import annotations

from typing import Any

import pytest

from tests.template_model import TEMPLATE, functions, load_template

# Resource types LocalStack's community edition cannot create: each must carry a condition that
# is false for Platform=localstack.
AWS_ONLY_TYPES = {
    "AWS::EC2::VPC",
    "AWS::EC2::NatGateway",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBProxy",
    "AWS::RDS::DBProxyTargetGroup",
    "AWS::WAFv2::WebACL",
    "AWS::WAFv2::WebACLAssociation",
}
AWS_CONDITIONS = {
    "IsAws",
    "UseAwsDatabase",
    "CreateDatabaseCluster",
    "UseExistingCluster",
    "HasDatabaseReader",
    "CreateVpc",
    "UseWaf",
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE)


def _condition_requires_aws(template: dict[str, Any], name: str) -> bool:
    """True if condition ``name`` can only hold with Platform=aws."""
    cond = template["Conditions"][name]
    if cond == {"Fn::Equals": [{"Ref": "Platform"}, "aws"]}:
        return True
    if "Fn::And" in cond:
        return any(
            isinstance(c, dict)
            and "Condition" in c
            and _condition_requires_aws(template, c["Condition"])
            for c in cond["Fn::And"]
        )
    return False


def test_aws_only_resources_are_off_on_localstack(template: dict[str, Any]) -> None:
    loose = {
        name: res.get("Condition")
        for name, res in template["Resources"].items()
        if res["Type"] in AWS_ONLY_TYPES
        and not (res.get("Condition") and _condition_requires_aws(template, res["Condition"]))
    }
    assert loose == {}
    assert all(_condition_requires_aws(template, c) for c in AWS_CONDITIONS)


def test_canaries_and_snapstart_follow_the_platform(template: dict[str, Any]) -> None:
    settings = template["Mappings"]["PlatformSettings"]
    assert settings["aws"] == {"Canary": True, "SnapStart": "PublishedVersions"}
    assert settings["localstack"] == {"Canary": False, "SnapStart": "None"}
    fn = template["Globals"]["Function"]
    assert fn["AutoPublishAlias"] == "live"
    assert fn["DeploymentPreference"]["Enabled"] == {
        "Fn::FindInMap": ["PlatformSettings", {"Ref": "Platform"}, "Canary"]
    }
    rollback_alarms = {a["Ref"] for a in fn["DeploymentPreference"]["Alarms"]}
    assert rollback_alarms == {"ApiServerErrorsAlarm", "ApiLatencyP99Alarm", "FunctionErrorsAlarm"}


def test_every_database_function_waits_for_the_migrations(template: dict[str, Any]) -> None:
    resources = template["Resources"]
    late = [
        name
        for name, props in functions(template).items()
        if "DATABASE_SECRET_ARN" in ((props.get("Environment") or {}).get("Variables") or {})
        and name != "MigrateFunction"
        and "SchemaMigrations" not in _depends_on(resources[name])
    ]
    assert late == []
    assert resources["SchemaMigrations"]["Properties"]["DeployId"] == {"Ref": "DeployId"}


def _depends_on(resource: dict[str, Any]) -> list[str]:
    dep = resource.get("DependsOn") or []
    return [dep] if isinstance(dep, str) else list(dep)


def test_the_issue_alarms_exist(template: dict[str, Any]) -> None:
    alarms = {n for n, r in template["Resources"].items() if r["Type"] == "AWS::CloudWatch::Alarm"}
    assert {
        "ApiServerErrorsAlarm",
        "ApiLatencyP95Alarm",
        "ApiLatencyP99Alarm",
        "FunctionErrorsAlarm",
        "FunctionThrottlesAlarm",
        "OutboxLagAlarm",
        "LifecycleFailedExecutionsAlarm",
        "DatabaseProxyConnectionsAlarm",
    } <= alarms
    queues = [n for n, r in template["Resources"].items() if r["Type"] == "AWS::SQS::Queue"]
    dlqs = [q for q in queues if q.endswith("Dlq")]
    watched = {
        r["Properties"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::CloudWatch::Alarm" and r["Properties"].get("Namespace") == "AWS/SQS"
    }
    assert set(dlqs) <= watched, "every dead-letter queue has a depth alarm"


def test_stage_throttling_and_usage_plans(template: dict[str, Any]) -> None:
    api = template["Resources"]["BookingApi"]["Properties"]
    [setting] = api["MethodSettings"]
    assert setting["ThrottlingRateLimit"] == {"Ref": "ApiThrottleRateLimit"}
    plans = {
        n: r["Properties"]["Throttle"]
        for n, r in template["Resources"].items()
        if r["Type"] == "AWS::ApiGateway::UsagePlan"
    }
    assert set(plans) == {"ServiceUsagePlan", "KioskUsagePlan"}
