"""template.yaml (AWS SAM), checked offline: cfn-lint, and what cfn-lint cannot know."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from cfnlint.decode.cfn_yaml import loads

from spasm_coach.config import PROJECT_ROOT, Settings
from spasm_coach.persistence import records

TEMPLATE = PROJECT_ROOT / "template.yaml"
CFN_LINT = Path(sys.executable).with_name("cfn-lint")


def lint(path):
    return subprocess.run([str(CFN_LINT), "--include-checks", "I", "--format", "parseable",
                           "--", str(path)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def template():
    return loads(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))


def by_type(template, resource_type):
    found = {name: resource for name, resource in template["Resources"].items()
             if resource["Type"] == resource_type}
    assert len(found) == 1, (resource_type, list(found))
    return next(iter(found.items()))


def test_cfn_lint_passes_including_informational_checks():
    result = lint(TEMPLATE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_cfn_lint_is_really_checking(tmp_path):
    """The same template with one mistake fails: the lint above is not a no-op."""
    broken = TEMPLATE.read_text(encoding="utf-8").replace(
        "BillingMode: PAY_PER_REQUEST", "BillingMode: FREE_OF_CHARGE")
    assert "FREE_OF_CHARGE" in broken
    (tmp_path / "template.yaml").write_text(broken, encoding="utf-8")
    result = lint(tmp_path / "template.yaml")
    assert result.returncode != 0
    assert "FREE_OF_CHARGE" in result.stdout


def test_function_matches_the_package(template):
    _, function = by_type(template, "AWS::Serverless::Function")
    props = function["Properties"]
    assert props["Runtime"] == "python3.11"
    assert props["Architectures"] == ["x86_64"]
    assert props["CodeUri"] == "build/lambda.zip"
    module, _, handler = props["Handler"].rpartition(".")
    source = PROJECT_ROOT / "lambda" / (module + ".py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    assigned = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert handler in assigned | defined
    assert 3 <= props["Timeout"] <= 10  # Alexa waits about 8 s
    assert props["MemorySize"] >= 256


def test_only_the_skill_can_invoke_the_function(template):
    _, function = by_type(template, "AWS::Serverless::Function")
    events = function["Properties"]["Events"]
    assert len(events) == 1
    event = next(iter(events.values()))
    assert event["Type"] == "AlexaSkill"
    assert event["Properties"]["SkillId"] == {"Ref": "SkillId"}
    parameter = template["Parameters"]["SkillId"]
    assert parameter["Type"] == "String" and "Default" not in parameter
    assert parameter["AllowedPattern"].startswith("^amzn1\\.ask\\.skill\\.")


def test_environment_names_the_table_the_way_settings_read_it(template):
    table_name, _ = by_type(template, "AWS::DynamoDB::Table")
    _, function = by_type(template, "AWS::Serverless::Function")
    variables = function["Properties"]["Environment"]["Variables"]
    assert variables["DYNAMODB_PERSISTENCE_TABLE_NAME"] == {"Ref": table_name}
    assert variables["DYNAMODB_PERSISTENCE_REGION"] == {"Ref": "AWS::Region"}
    environ = {"DYNAMODB_PERSISTENCE_TABLE_NAME": "table", "DYNAMODB_PERSISTENCE_REGION":
               "eu-west-1", "AWS_LAMBDA_FUNCTION_NAME": "back-spasm-coach",
               "SPASM_COACH_TABLE_TTL": variables["SPASM_COACH_TABLE_TTL"]}
    settings = Settings.from_env(environ)
    assert (settings.store, settings.dynamodb_table, settings.dynamodb_region) == (
        "dynamodb", "table", "eu-west-1")
    # The table has TTL, so the skill does not scan it for stale rows (nor may it: no Scan).
    assert settings.dynamodb_ttl is True


def test_iam_is_least_privilege_on_the_one_table(template):
    table_name, _ = by_type(template, "AWS::DynamoDB::Table")
    _, function = by_type(template, "AWS::Serverless::Function")
    policies = function["Properties"]["Policies"]
    statements = [s for policy in policies for s in policy["Statement"]]
    assert len(statements) == 1
    statement = statements[0]
    assert statement["Effect"] == "Allow"
    # What ask-sdk's DynamoDbAdapter calls (get_item, put_item, delete_item), nothing more.
    assert sorted(statement["Action"]) == ["dynamodb:DeleteItem", "dynamodb:GetItem",
                                           "dynamodb:PutItem"]
    assert statement["Resource"] == {"Fn::GetAtt": [table_name, "Arn"]}
    assert "*" not in str(statement)


def test_table_is_on_demand_recoverable_encrypted_and_expiring(template):
    _, table = by_type(template, "AWS::DynamoDB::Table")
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert props["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["SSESpecification"]["SSEEnabled"] is True
    # The attribute the skill writes on every save (records.dump, ExpiringDynamoDbAdapter).
    assert props["TimeToLiveSpecification"] == {"AttributeName": records.TTL_KEY,
                                                "Enabled": True}


def test_every_reference_points_at_something(template):
    known = set(template["Resources"]) | set(template.get("Parameters", {}))

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "Ref" and isinstance(value, str) and not value.startswith("AWS::"):
                    assert value in known, value
                if key == "Fn::GetAtt":
                    assert value[0] in template["Resources"], value
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(template["Resources"])
    walk(template.get("Outputs", {}))
