// The AppSync resources as stored: each is the API's own shape (member names as AWS's), so Get/List
// answer the stored document as it is.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_GraphqlApi.html

export interface GraphqlApiDoc {
  name: string;
  apiId: string;
  authenticationType: string;
  arn: string;
  uris: Record<string, string>;
  dns?: Record<string, string>;
  tags?: Record<string, string>;
  logConfig?: Record<string, unknown>;
  userPoolConfig?: {
    userPoolId: string;
    awsRegion: string;
    defaultAction: string;
    appIdClientRegex?: string;
  };
  openIDConnectConfig?: { issuer: string; clientId?: string; iatTTL?: number; authTTL?: number };
  lambdaAuthorizerConfig?: {
    authorizerUri: string;
    authorizerResultTtlInSeconds?: number;
    identityValidationExpression?: string;
  };
  additionalAuthenticationProviders?: AuthenticationProvider[];
  xrayEnabled: boolean;
  visibility: string;
  apiType: string;
  owner: string;
  introspectionConfig: string;
  queryDepthLimit: number;
  resolverCountLimit: number;
  enhancedMetricsConfig?: Record<string, unknown>;
  /** PutGraphqlApiEnvironmentVariables: what resolvers read as `ctx.env`. */
  environmentVariables?: Record<string, string>;
  [member: string]: unknown;
}

export interface AuthenticationProvider {
  authenticationType: string;
  userPoolConfig?: { userPoolId: string; awsRegion: string; appIdClientRegex?: string };
  openIDConnectConfig?: GraphqlApiDoc['openIDConnectConfig'];
  lambdaAuthorizerConfig?: GraphqlApiDoc['lambdaAuthorizerConfig'];
}

/** The schema as last submitted: the SDL AppSync built (with its own scalars and directives implied). */
export interface SchemaDoc {
  definition: string;
  status: 'PROCESSING' | 'ACTIVE' | 'DELETING' | 'FAILED' | 'SUCCESS' | 'NOT_APPLICABLE';
  details: string;
  /** After a FAILED build: the last good definition, which the API goes on serving. */
  served?: string;
}

export interface ApiKeyDoc {
  id: string;
  description?: string;
  /** Epoch seconds. */
  expires: number;
  deletes: number;
}

export interface DataSourceDoc {
  dataSourceArn: string;
  name: string;
  description?: string;
  type: string;
  serviceRoleArn?: string;
  dynamodbConfig?: {
    tableName: string;
    awsRegion: string;
    useCallerCredentials?: boolean;
    versioned?: boolean;
  };
  lambdaConfig?: { lambdaFunctionArn: string };
  httpConfig?: { endpoint: string; authorizationConfig?: Record<string, unknown> };
  eventBridgeConfig?: { eventBusArn: string };
  [member: string]: unknown;
}

export interface ResolverDoc {
  typeName: string;
  fieldName: string;
  resolverArn: string;
  kind: 'UNIT' | 'PIPELINE';
  dataSourceName?: string;
  requestMappingTemplate?: string;
  responseMappingTemplate?: string;
  pipelineConfig?: { functions: string[] };
  runtime?: { name: string; runtimeVersion: string };
  code?: string;
  maxBatchSize?: number;
  [member: string]: unknown;
}

export interface FunctionDoc {
  functionId: string;
  functionArn: string;
  name: string;
  description?: string;
  dataSourceName: string;
  requestMappingTemplate?: string;
  responseMappingTemplate?: string;
  functionVersion?: string;
  runtime?: { name: string; runtimeVersion: string };
  code?: string;
  maxBatchSize?: number;
  [member: string]: unknown;
}

/** The children of an API by kind, as the document store keeps them. */
export interface AppSyncChildren extends Record<string, unknown> {
  schema: SchemaDoc;
  apiKey: ApiKeyDoc;
  dataSource: DataSourceDoc;
  resolver: ResolverDoc;
  function: FunctionDoc;
  apiCache: Record<string, unknown>;
  environmentVariables: Record<string, string>;
}
