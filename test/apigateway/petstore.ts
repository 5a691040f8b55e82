// A petstore-style OpenAPI 3.0 definition for the REST API import tests: models with a reference between
// them, a MOCK method with a mapping template and integration response, Lambda proxy methods (one with a
// validated body), an HTTP_PROXY greedy path, a TOKEN authorizer, an API key, request validators, a
// gateway response override and binary media types — as the x-amazon-apigateway-* extensions write them.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html

export function petstoreYaml(functionArn: string, upstream: string): string {
  const lambda = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
  return `openapi: 3.0.1
info:
  title: PetStore
  description: Pets, imported
  version: "2026-12-07"
servers:
  - url: https://example.com/{basePath}
    variables:
      basePath:
        default: v1
x-amazon-apigateway-binary-media-types: [image/png]
x-amazon-apigateway-api-key-source: HEADER
x-amazon-apigateway-request-validators:
  body-only:
    validateRequestBody: true
    validateRequestParameters: false
x-amazon-apigateway-gateway-responses:
  BAD_REQUEST_BODY:
    statusCode: 422
    responseTemplates:
      application/json: '{"error": "bad pet"}'
paths:
  /pets:
    get:
      operationId: ListPets
      parameters:
        - name: type
          in: query
          required: false
          schema: { type: string }
      responses:
        "200":
          description: the pets
          headers:
            Access-Control-Allow-Origin:
              schema: { type: string }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pets" }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        passthroughBehavior: when_no_match
        responses:
          default:
            statusCode: "200"
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
            responseTemplates:
              application/json: '[{"id": 1, "type": "dog", "price": 249.99}]'
    post:
      operationId: CreatePet
      x-amazon-apigateway-request-validator: body-only
      security:
        - api_key: []
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Pet" }
      responses:
        "200":
          description: created
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: ${lambda}
        timeoutInMillis: 10000
  /pets/{petId}:
    get:
      operationId: GetPet
      security:
        - token: []
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: one pet
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: ${lambda}
  /{proxy+}:
    x-amazon-apigateway-any-method:
      parameters:
        - name: proxy
          in: path
          required: true
          schema: { type: string }
      responses: {}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: ${upstream}/{proxy}
        requestParameters:
          integration.request.path.proxy: method.request.path.proxy
components:
  schemas:
    Pet:
      type: object
      required: [type, price]
      properties:
        id: { type: integer }
        type: { type: string, enum: [dog, cat, fish] }
        price: { type: number, minimum: 25 }
    Pets:
      type: array
      items: { $ref: "#/components/schemas/Pet" }
  securitySchemes:
    api_key:
      type: apiKey
      name: x-api-key
      in: header
    token:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: ${lambda}
        authorizerResultTtlInSeconds: 60
        identityValidationExpression: "^Bearer .+$"
`;
}
