"""OpenAPI through boto3: import_rest_api from YAML bytes (parameters endpointConfigurationTypes), deploy,
call the imported MOCK method over HTTP, get_export (oas30 with extensions) and import the export again;
put_rest_api in overwrite mode; apigatewayv2 import_api / export_api. Prints its failed expectations as
one JSON line."""

import argparse
import json
import urllib.request

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
args = parser.parse_args()
session = dict(
    endpoint_url=args.endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
)
apigw = boto3.client("apigateway", **session)
v2 = boto3.client("apigatewayv2", **session)
failures = []


def expect(label, actual, expected):
    if actual != expected:
        failures.append(f"{label}: expected {expected!r}, got {actual!r}")


DEFINITION = b"""openapi: 3.0.1
info: { title: PyPets, version: "1" }
paths:
  /pets/{petId}:
    get:
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: "200"
            responseTemplates: { application/json: '{"id": "$input.params(''petId'')"}' }
"""

api = apigw.import_rest_api(body=DEFINITION, parameters={"endpointConfigurationTypes": "REGIONAL"})
expect("name", api["name"], "PyPets")
expect("endpoint types", api["endpointConfiguration"]["types"], ["REGIONAL"])
apigw.create_deployment(restApiId=api["id"], stageName="prod")
url = f"{args.endpoint}/_nimbus/execute-api/{api['id']}/prod/pets/9"
with urllib.request.urlopen(url) as response:
    expect("mock answer", json.loads(response.read()), {"id": "9"})
exported = apigw.get_export(
    restApiId=api["id"], stageName="prod", exportType="oas30", parameters={"extensions": "integrations"}
)
doc = json.loads(exported["body"].read())
expect("exported integration", doc["paths"]["/pets/{petId}"]["get"]["x-amazon-apigateway-integration"]["type"], "mock")
again = apigw.import_rest_api(body=json.dumps(doc).encode())
paths = sorted(r["path"] for r in apigw.get_resources(restApiId=again["id"])["items"])
expect("re-imported paths", paths, ["/", "/pets", "/pets/{petId}"])
replaced = apigw.put_rest_api(
    restApiId=api["id"], mode="overwrite", body=b'{"swagger": "2.0", "info": {"title": "Empty"}, "paths": {}}'
)
expect("overwritten name", replaced["name"], "Empty")
expect("overwritten paths", [r["path"] for r in apigw.get_resources(restApiId=api["id"])["items"]], ["/"])
try:
    apigw.import_rest_api(body=b"not: [an openapi")
    failures.append("malformed body: no error")
except apigw.exceptions.BadRequestException:
    pass

http = v2.import_api(Body=json.dumps({"openapi": "3.0.1", "info": {"title": "PyHttp", "version": "1"}, "paths": {
    "/x": {"get": {"responses": {}, "x-amazon-apigateway-integration": {
        "type": "http_proxy", "httpMethod": "GET", "uri": "https://example.com/x", "payloadFormatVersion": "1.0"}}}}}))
expect("http api name", http["Name"], "PyHttp")
out = v2.export_api(ApiId=http["ApiId"], Specification="OAS30", OutputType="JSON")
expect("http export paths", list(json.loads(out["body"].read())["paths"]), ["/x"])

print(json.dumps({"failures": failures}))
