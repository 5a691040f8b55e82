"""REST APIs through boto3: create an API, a resource tree, a MOCK method with its integration and
responses, patch the API, deploy it and call the stage over HTTP; the modeled NotFoundException.
Prints its failed expectations as one JSON line."""

import argparse
import json
import urllib.request

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
args = parser.parse_args()

apigw = boto3.client(
    "apigateway",
    endpoint_url=args.endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
failures = []


def expect(label, actual, expected):
    if actual != expected:
        failures.append(f"{label}: expected {expected!r}, got {actual!r}")


api = apigw.create_rest_api(name="py-api", endpointConfiguration={"types": ["REGIONAL"]})
expect("endpoint types", api["endpointConfiguration"]["types"], ["REGIONAL"])
root = api["rootResourceId"]
pets = apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="pets")
pet = apigw.create_resource(restApiId=api["id"], parentId=pets["id"], pathPart="{petId}")
expect("resource path", pet["path"], "/pets/{petId}")
apigw.put_method(restApiId=api["id"], resourceId=pet["id"], httpMethod="GET", authorizationType="NONE")
apigw.put_integration(
    restApiId=api["id"],
    resourceId=pet["id"],
    httpMethod="GET",
    type="MOCK",
    requestTemplates={"application/json": '{"statusCode": 200}'},
)
apigw.put_method_response(restApiId=api["id"], resourceId=pet["id"], httpMethod="GET", statusCode="200")
apigw.put_integration_response(
    restApiId=api["id"],
    resourceId=pet["id"],
    httpMethod="GET",
    statusCode="200",
    responseTemplates={"application/json": '{"id": "$input.params(\'petId\')"}'},
)
updated = apigw.update_rest_api(
    restApiId=api["id"], patchOperations=[{"op": "replace", "path": "/description", "value": "pets"}]
)
expect("description", updated.get("description"), "pets")
resources = apigw.get_resources(restApiId=api["id"], embed=["methods"])["items"]
method = next(r for r in resources if r["path"] == "/pets/{petId}")["resourceMethods"]["GET"]
expect("embedded integration", method["methodIntegration"]["type"], "MOCK")
deployment = apigw.create_deployment(restApiId=api["id"], stageName="prod")
expect("stage deployment", apigw.get_stage(restApiId=api["id"], stageName="prod")["deploymentId"], deployment["id"])
url = f"{args.endpoint}/_nimbus/execute-api/{api['id']}/prod/pets/7"
with urllib.request.urlopen(url) as response:
    expect("stage answer", json.loads(response.read()), {"id": "7"})
try:
    apigw.get_rest_api(restApiId="nosuchapi0")
    failures.append("get_rest_api of an unknown id did not raise")
except apigw.exceptions.NotFoundException as error:
    expect("not found message", error.response["Error"]["Message"], "Invalid API identifier specified 000000000000:nosuchapi0")
apigw.delete_rest_api(restApiId=api["id"])
expect("after delete", [a["id"] for a in apigw.get_rest_apis()["items"]], [])

print(json.dumps({"failures": failures}))
