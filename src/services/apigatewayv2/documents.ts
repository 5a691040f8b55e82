// The resources of an HTTP API as stored and described: member names are the API reference's, timestamps
// epoch ms (the protocol writes them as ISO 8601). A deployment's snapshot is what a stage serves.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/resources.html

import type { CorsRules } from '../../lib/cors.js';

/** The API's CORS configuration: the same members as a function URL's (src/lib/cors.ts). */
export type CorsConfiguration = CorsRules;

export interface ApiDoc {
  ApiId: string;
  Name: string;
  ProtocolType: string;
  RouteSelectionExpression: string;
  ApiKeySelectionExpression: string;
  CreatedDate: number;
  DisableExecuteApiEndpoint: boolean;
  IpAddressType: string;
  Tags: Record<string, string>;
  CorsConfiguration?: CorsConfiguration;
  Description?: string;
  Version?: string;
  DisableSchemaValidation?: boolean;
  ImportInfo?: string[];
  Warnings?: string[];
}

/** `overwrite:header.x` → `$request.header.y` and friends; for responses keyed by status code. */
export type ParameterMap = Record<string, string>;

export interface RouteDoc {
  RouteId: string;
  RouteKey: string;
  ApiKeyRequired: boolean;
  AuthorizationType: string;
  AuthorizationScopes?: string[];
  AuthorizerId?: string;
  OperationName?: string;
  Target?: string;
  ApiGatewayManaged?: boolean;
  RequestParameters?: Record<string, { Required: boolean }>;
  /** WebSocket APIs: `$default` makes the route two-way (route responses sent back to the client). */
  RouteResponseSelectionExpression?: string;
  ModelSelectionExpression?: string;
  RequestModels?: Record<string, string>;
}

export interface IntegrationDoc {
  IntegrationId: string;
  IntegrationType: string;
  ConnectionType: string;
  PayloadFormatVersion: string;
  TimeoutInMillis: number;
  IntegrationUri?: string;
  IntegrationMethod?: string;
  IntegrationSubtype?: string;
  CredentialsArn?: string;
  Description?: string;
  ApiGatewayManaged?: boolean;
  RequestParameters?: ParameterMap;
  ResponseParameters?: Record<string, ParameterMap>;
  /** WebSocket APIs: Velocity templates by the TemplateSelectionExpression's value (or `$default`). */
  RequestTemplates?: Record<string, string>;
  TemplateSelectionExpression?: string;
  PassthroughBehavior?: string;
  ContentHandlingStrategy?: string;
}

/** A WebSocket route's response (only `$default` is served: AWS allows no other key). */
export interface RouteResponseDoc {
  RouteResponseId: string;
  RouteResponseKey: string;
  ModelSelectionExpression?: string;
  ResponseModels?: Record<string, string>;
  ResponseParameters?: Record<string, unknown>;
  /** The route it belongs to (not part of AWS's description). */
  RouteId: string;
}

/** A WebSocket integration's response: its key is `$default` or a `/regex/` matched against the status
 * (HTTP) or the error message (Lambda); its templates transform the backend's answer. */
export interface IntegrationResponseDoc {
  IntegrationResponseId: string;
  IntegrationResponseKey: string;
  ContentHandlingStrategy?: string;
  ResponseParameters?: Record<string, string>;
  ResponseTemplates?: Record<string, string>;
  TemplateSelectionExpression?: string;
  /** The integration it belongs to (not part of AWS's description). */
  IntegrationId: string;
}

export interface StageDoc {
  StageName: string;
  AutoDeploy: boolean;
  CreatedDate: number;
  LastUpdatedDate: number;
  DefaultRouteSettings: Record<string, unknown>;
  RouteSettings: Record<string, Record<string, unknown>>;
  StageVariables?: Record<string, string>;
  Tags: Record<string, string>;
  DeploymentId?: string;
  AccessLogSettings?: Record<string, unknown>;
  Description?: string;
  ApiGatewayManaged?: boolean;
  LastDeploymentStatusMessage?: string;
}

export interface DeploymentDoc {
  DeploymentId: string;
  CreatedDate: number;
  DeploymentStatus: string;
  AutoDeployed: boolean;
  Description?: string;
}

export interface AuthorizerDoc {
  AuthorizerId: string;
  AuthorizerType: string;
  Name: string;
  IdentitySource: string[];
  JwtConfiguration?: { Audience?: string[]; Issuer?: string };
  AuthorizerUri?: string;
  AuthorizerPayloadFormatVersion?: string;
  AuthorizerResultTtlInSeconds?: number;
  EnableSimpleResponses?: boolean;
  AuthorizerCredentialsArn?: string;
  IdentityValidationExpression?: string;
}

/** What a deployment froze: the routes with their integrations and authorizers, and the CORS settings. */
export interface Snapshot {
  routes: RouteDoc[];
  integrations: IntegrationDoc[];
  authorizers: AuthorizerDoc[];
  cors?: CorsConfiguration;
  /** WebSocket APIs only (absent from deployments made before they were served). */
  routeResponses?: RouteResponseDoc[];
  integrationResponses?: IntegrationResponseDoc[];
}

export interface ChildDocs {
  route: RouteDoc;
  integration: IntegrationDoc;
  stage: StageDoc;
  deployment: DeploymentDoc;
  authorizer: AuthorizerDoc;
  snapshot: Snapshot;
  routeResponse: RouteResponseDoc;
  integrationResponse: IntegrationResponseDoc;
}

export type ChildKind = keyof ChildDocs;
