"""Parameter Store through boto3, as Python applications use it: run by test/ssm/boto3.test.ts against a
fresh Nimbus (--endpoint URL); prints one JSON line with the failed expectations."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402


def main():
    flow = Flow()
    ssm = flow.client("ssm")
    expect, error_code = flow.expect, flow.error_code

    ssm.put_parameter(Name="/py/app/url", Value="https://example", Type="String", Tags=[{"Key": "lang", "Value": "py"}])
    ssm.put_parameter(Name="/py/app/key", Value="hunter2", Type="SecureString")
    ssm.put_parameter(Name="/py/app/url", Value="https://example/v2", Overwrite=True)
    got = ssm.get_parameter(Name="/py/app/url")["Parameter"]
    expect("latest value", (got["Value"], got["Version"]), ("https://example/v2", 2))
    expect("date is a datetime", type(got["LastModifiedDate"]).__name__, "datetime")
    expect("decrypted", ssm.get_parameter(Name="/py/app/key", WithDecryption=True)["Parameter"]["Value"], "hunter2")

    # The paginator follows NextToken, as applications loading a config tree do.
    for i in range(12):
        ssm.put_parameter(Name=f"/py/tree/n{i:02d}", Value=str(i), Type="String")
    pages = ssm.get_paginator("get_parameters_by_path").paginate(Path="/py/tree", PaginationConfig={"PageSize": 5})
    names = [p["Name"] for page in pages for p in page["Parameters"]]
    expect("paginated names", names, [f"/py/tree/n{i:02d}" for i in range(12)])
    described = ssm.get_paginator("describe_parameters").paginate(
        ParameterFilters=[{"Key": "Path", "Option": "Recursive", "Values": ["/py"]}]
    )
    expect("described", sum(len(page["Parameters"]) for page in described), 14)

    ssm.label_parameter_version(Name="/py/app/url", ParameterVersion=1, Labels=["first"])
    expect("label read", ssm.get_parameter(Name="/py/app/url:first")["Parameter"]["Value"], "https://example")
    expect("tags", ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId="/py/app/url")["TagList"],
           [{"Key": "lang", "Value": "py"}])

    expect("not found", error_code(lambda: ssm.get_parameter(Name="/py/missing")), "ParameterNotFound")
    expect("exists", error_code(lambda: ssm.put_parameter(Name="/py/app/url", Value="x", Type="String")),
           "ParameterAlreadyExists")
    try:
        ssm.get_parameter(Name="/py/missing")
    except ssm.exceptions.ParameterNotFound:
        pass
    else:
        flow.failures.append("ParameterNotFound is not raised as the modeled exception")

    result = ssm.delete_parameters(Names=["/py/app/url", "/py/none"])
    expect("deleted", (result["DeletedParameters"], result["InvalidParameters"]), (["/py/app/url"], ["/py/none"]))
    flow.report()


if __name__ == "__main__":
    main()
