"""API Gateway HTTP APIs through boto3, as Python applications use them: run by
test/apigatewayv2/clients.test.ts against a fresh Nimbus (--endpoint URL, --function-arn ARN); prints one
JSON line with the failed expectations."""

import json
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flows import Flow  # noqa: E402


def main():
    flow = Flow()
    function_arn = sys.argv[sys.argv.index("--function-arn") + 1]
    apigw = flow.client("apigatewayv2")
    api = apigw.create_api(Name="py-api", ProtocolType="HTTP")
    api_id = api["ApiId"]
    flow.expect("endpoint", api["ApiEndpoint"], f"{flow.endpoint}/_nimbus/execute-api/{api_id}")
    integration = apigw.create_integration(
        ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=function_arn, PayloadFormatVersion="2.0"
    )
    route = apigw.create_route(
        ApiId=api_id, RouteKey="GET /py/{name}", Target=f"integrations/{integration['IntegrationId']}"
    )
    flow.expect("route key", route["RouteKey"], "GET /py/{name}")
    apigw.create_stage(ApiId=api_id, StageName="$default", AutoDeploy=True)
    listed = apigw.get_apis()["Items"]
    flow.expect("listed", [item["Name"] for item in listed if item["ApiId"] == api_id], ["py-api"])
    flow.expect("routes", [r["RouteKey"] for r in apigw.get_routes(ApiId=api_id)["Items"]], ["GET /py/{name}"])
    flow.expect(
        "duplicate route",
        flow.error_code(lambda: apigw.create_route(ApiId=api_id, RouteKey="GET /py/{name}")),
        "ConflictException",
    )
    flow.expect("unknown api", flow.error_code(lambda: apigw.get_api(ApiId="0000000000")), "NotFoundException")
    with urllib.request.urlopen(f"{api['ApiEndpoint']}/py/ada") as response:
        event = json.loads(response.read())
        flow.expect("status", response.status, 200)
    flow.expect("path parameters", event["pathParameters"], {"name": "ada"})
    apigw.delete_api(ApiId=api_id)
    flow.expect("deleted", flow.error_code(lambda: apigw.get_api(ApiId=api_id)), "NotFoundException")
    flow.report()


if __name__ == "__main__":
    main()
