"""AppSync through boto3, as a Python deploy script and a Python GraphQL client use it: run by
test/appsync/boto3.test.ts against a fresh Nimbus (--endpoint URL); prints one JSON line with the failed
expectations."""

import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))
from flows import Flow  # noqa: E402

SCHEMA = b"""
type Note { id: ID! text: String }
type Query { note(id: ID!): Note }
schema { query: Query }
"""


def main():
    flow = Flow()
    appsync = flow.client("appsync")
    expect, error_code = flow.expect, flow.error_code

    api = appsync.create_graphql_api(name="py", authenticationType="API_KEY")["graphqlApi"]
    api_id = api["apiId"]
    expect("uris", sorted(api["uris"]), ["GRAPHQL", "REALTIME"])
    status = appsync.start_schema_creation(apiId=api_id, definition=SCHEMA)["status"]
    expect("schema creation starts", status, "PROCESSING")
    expect("schema created", appsync.get_schema_creation_status(apiId=api_id)["status"], "SUCCESS")
    sdl = appsync.get_introspection_schema(apiId=api_id, format="SDL")["schema"].read().decode()
    expect("SDL has the type", "type Note" in sdl, True)
    appsync.create_data_source(apiId=api_id, name="none", type="NONE")
    appsync.create_resolver(
        apiId=api_id,
        typeName="Query",
        fieldName="note",
        dataSourceName="none",
        requestMappingTemplate='{"version": "2018-05-29", "payload": {"id": $util.toJson($ctx.args.id), "text": "from VTL"}}',
        responseMappingTemplate="$util.toJson($ctx.result)",
    )
    key = appsync.create_api_key(apiId=api_id, expires=int(time.time()) + 7 * 86400)["apiKey"]

    request = urllib.request.Request(
        api["uris"]["GRAPHQL"],
        data=json.dumps({"query": '{ note(id: "n1") { id text } }'}).encode(),
        headers={"content-type": "application/json", "x-api-key": key["id"]},
        method="POST",
    )
    answer = json.loads(urllib.request.urlopen(request).read())
    expect("query answer", answer, {"data": {"note": {"id": "n1", "text": "from VTL"}}})

    names = [a["name"] for page in appsync.get_paginator("list_graphql_apis").paginate() for a in page["graphqlApis"]]
    expect("listed", names, ["py"])
    resolvers = appsync.list_resolvers(apiId=api_id, typeName="Query")["resolvers"]
    expect("resolver listed", [r["fieldName"] for r in resolvers], ["note"])
    expect("not found", error_code(lambda: appsync.get_graphql_api(apiId="nope")), "NotFoundException")
    # https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateApiKey.html: expires is at least a day out.
    expect(
        "key validity",
        error_code(lambda: appsync.create_api_key(apiId=api_id, expires=int(time.time()) + 60)),
        "ApiKeyValidityOutOfBoundsException",
    )
    appsync.delete_graphql_api(apiId=api_id)
    expect("deleted", error_code(lambda: appsync.get_graphql_api(apiId=api_id)), "NotFoundException")
    flow.report()


if __name__ == "__main__":
    main()
