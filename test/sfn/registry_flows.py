"""The Step Functions registry through boto3, as Python applications use it: run by
test/sfn/registry/boto3.test.ts against a fresh Nimbus (--endpoint URL); prints one JSON line with the
failed expectations."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/sfn"


def definition(result):
    return json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": result, "End": True}}})


def main():
    flow = Flow()
    sfn = flow.client("stepfunctions")
    expect, error_code = flow.expect, flow.error_code

    created = sfn.create_state_machine(name="py-flow", definition=definition(1), roleArn=ROLE, publish=True,
                                       versionDescription="first", tags=[{"key": "lang", "value": "py"}])
    arn = created["stateMachineArn"]
    expect("arn", arn, "arn:aws:states:us-east-1:000000000000:stateMachine:py-flow")
    expect("version", created["stateMachineVersionArn"], arn + ":1")
    expect("date is a datetime", type(created["creationDate"]).__name__, "datetime")
    described = sfn.describe_state_machine(stateMachineArn=arn)
    expect("status", described["status"], "ACTIVE")
    expect("no revision yet", "revisionId" in described, False)

    updated = sfn.update_state_machine(stateMachineArn=arn, definition=definition(2), publish=True)
    expect("second version", updated["stateMachineVersionArn"], arn + ":2")
    sfn.create_state_machine_alias(name="live", routingConfiguration=[
        {"stateMachineVersionArn": arn + ":1", "weight": 80}, {"stateMachineVersionArn": arn + ":2", "weight": 20}])
    alias = sfn.describe_state_machine_alias(stateMachineAliasArn=arn + ":live")
    expect("routes", [r["weight"] for r in alias["routingConfiguration"]], [80, 20])

    # The paginators follow nextToken.
    for i in range(7):
        sfn.create_state_machine(name=f"py-page-{i}", definition=definition(i), roleArn=ROLE)
    pages = sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 3})
    names = [m["name"] for page in pages for m in page["stateMachines"]]
    expect("paginated", names, sorted(names))
    expect("count", len(names), 8)
    # botocore has no paginator for versions: follow nextToken by hand.
    seen, token = [], None
    while True:
        page = sfn.list_state_machine_versions(stateMachineArn=arn, maxResults=1, **({"nextToken": token} if token else {}))
        seen += [v["stateMachineVersionArn"] for v in page["stateMachineVersions"]]
        token = page.get("nextToken")
        if not token:
            break
    expect("versions newest first", seen, [arn + ":2", arn + ":1"])

    activity = sfn.create_activity(name="py-work")["activityArn"]
    expect("activity", sfn.describe_activity(activityArn=activity)["name"], "py-work")
    expect("tags", sfn.list_tags_for_resource(resourceArn=arn)["tags"], [{"key": "lang", "value": "py"}])

    expect("missing", error_code(lambda: sfn.describe_state_machine(stateMachineArn=arn + "-nope")),
           "StateMachineDoesNotExist")
    try:
        sfn.create_state_machine(name="py-flow", definition=definition(9), roleArn=ROLE)
    except sfn.exceptions.StateMachineAlreadyExists:
        pass
    else:
        flow.failures.append("StateMachineAlreadyExists is not raised as the modeled exception")
    expect("conflict", error_code(lambda: sfn.delete_state_machine_version(stateMachineVersionArn=arn + ":1")),
           "ConflictException")
    result = sfn.validate_state_machine_definition(definition='{"StartAt": "X", "States": {}}')
    expect("validation", result["result"], "FAIL")
    sfn.delete_state_machine(stateMachineArn=arn)
    expect("deleted", error_code(lambda: sfn.describe_state_machine_alias(stateMachineAliasArn=arn + ":live")),
           "ResourceNotFound")
    flow.report()


if __name__ == "__main__":
    main()
