// The resources of a REST API as stored and described: member names are the API reference's, timestamps
// epoch seconds (restJson's default timestamp form). A resource holds its methods, a method its integration
// and responses, as GetResources with `embed=methods` shows them; a deployment's snapshot is what a stage
// serves.
// https://docs.aws.amazon.com/apigateway/latest/api/API_Types.html

export interface EndpointConfiguration {
  types: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
}

export interface RestApiDoc {
  id: string;
  name: string;
  createdDate: number;
  apiKeySource: string;
  endpointConfiguration: EndpointConfiguration;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
  tags: Record<string, string>;
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  policy?: string;
  warnings?: string[];
}

export interface IntegrationResponseDoc {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface IntegrationDoc {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace?: string;
  cacheKeyParameters: string[];
  integrationResponses?: Record<string, IntegrationResponseDoc>;
}

export interface MethodResponseDoc {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

export interface MethodDoc {
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  authorizerId?: string;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  authorizationScopes?: string[];
  methodResponses?: Record<string, MethodResponseDoc>;
  methodIntegration?: IntegrationDoc;
}

export interface ResourceDoc {
  id: string;
  path: string;
  parentId?: string;
  pathPart?: string;
  resourceMethods?: Record<string, MethodDoc>;
}

export interface DeploymentDoc {
  id: string;
  createdDate: number;
  description?: string;
}

export interface StageDoc {
  stageName: string;
  deploymentId: string;
  createdDate: number;
  lastUpdatedDate: number;
  cacheClusterEnabled: boolean;
  cacheClusterStatus: string;
  tracingEnabled: boolean;
  methodSettings: Record<string, Record<string, unknown>>;
  tags: Record<string, string>;
  variables?: Record<string, string>;
  description?: string;
  cacheClusterSize?: string;
  documentationVersion?: string;
  accessLogSettings?: { format?: string; destinationArn?: string };
  canarySettings?: Record<string, unknown>;
  clientCertificateId?: string;
}

export interface AuthorizerDoc {
  id: string;
  name: string;
  type: string;
  identitySource?: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

export interface ModelDoc {
  id: string;
  name: string;
  contentType: string;
  schema?: string;
  description?: string;
}

export interface RequestValidatorDoc {
  id: string;
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface GatewayResponseDoc {
  responseType: string;
  defaultResponse: boolean;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

/** What a deployment serves: the API's resources (methods inside) and what its methods name, as they were. */
export interface Snapshot {
  resources: ResourceDoc[];
  authorizers: AuthorizerDoc[];
  models: ModelDoc[];
  validators: RequestValidatorDoc[];
  gatewayResponses: GatewayResponseDoc[];
  binaryMediaTypes: string[];
  apiKeySource: string;
}

export interface ChildDocs {
  resource: ResourceDoc;
  deployment: DeploymentDoc;
  snapshot: Snapshot;
  stage: StageDoc;
  authorizer: AuthorizerDoc;
  model: ModelDoc;
  validator: RequestValidatorDoc;
  gatewayResponse: GatewayResponseDoc;
}

export type ChildKind = keyof ChildDocs;

export interface ApiKeyDoc {
  id: string;
  value: string;
  name: string;
  enabled: boolean;
  createdDate: number;
  lastUpdatedDate: number;
  stageKeys: string[];
  tags: Record<string, string>;
  description?: string;
  customerId?: string;
}

export interface UsagePlanDoc {
  id: string;
  name: string;
  apiStages: { apiId: string; stage: string; throttle?: Record<string, unknown> }[];
  tags: Record<string, string>;
  description?: string;
  throttle?: { burstLimit?: number; rateLimit?: number };
  quota?: { limit?: number; offset?: number; period?: string };
  productCode?: string;
}

export interface UsagePlanKeyDoc {
  id: string;
  type: string;
  usagePlanId: string;
}

export interface AccountDocs {
  apikey: ApiKeyDoc;
  usageplan: UsagePlanDoc;
  usageplankey: UsagePlanKeyDoc;
}

export type AccountKind = keyof AccountDocs;
