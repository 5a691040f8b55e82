"""WebSocket APIs through boto3: `create` makes a WebSocket API whose $default route answers the caller's
connection id through a MOCK integration (printed as JSON); `post` sends to a connection through the
apigatewaymanagementapi client at the stage URL, describes it, and checks GoneException for an unknown id."""

import json
import sys

import boto3

command, endpoint = sys.argv[1], sys.argv[2]
if command == "create":
    api = boto3.client("apigatewayv2", endpoint_url=endpoint)
    created = api.create_api(Name="py", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")
    api_id = created["ApiId"]
    integration = api.create_integration(
        ApiId=api_id, IntegrationType="MOCK", RequestTemplates={"$default": '{"statusCode": 200}'},
        TemplateSelectionExpression="\\$default",
    )
    api.create_integration_response(
        ApiId=api_id, IntegrationId=integration["IntegrationId"], IntegrationResponseKey="$default",
        ResponseTemplates={"$default": "$context.connectionId"}, TemplateSelectionExpression="\\$default",
    )
    route = api.create_route(ApiId=api_id, RouteKey="$default", Target="integrations/" + integration["IntegrationId"])
    api.create_route_response(ApiId=api_id, RouteId=route["RouteId"], RouteResponseKey="$default")
    api.create_stage(ApiId=api_id, StageName="live", AutoDeploy=True)
    print(json.dumps({"apiId": api_id, "endpoint": created["ApiEndpoint"], "protocol": created["ProtocolType"]}))
else:
    connection_id = sys.argv[3]
    management = boto3.client("apigatewaymanagementapi", endpoint_url=endpoint)
    management.post_to_connection(ConnectionId=connection_id, Data=b"from boto3")
    described = management.get_connection(ConnectionId=connection_id)
    try:
        management.post_to_connection(ConnectionId="AAAAAAAAAAAAAAA=", Data=b"x")
        gone = None
    except management.exceptions.GoneException as error:
        gone = error.response["ResponseMetadata"]["HTTPStatusCode"]
    print(json.dumps({"sourceIp": described["Identity"]["SourceIp"], "gone": gone}))
