// What the resolver runtimes (VTL mapping templates in vtl/, APPSYNC_JS code in js/) take and give back:
// the engine builds a ResolverContext per field and evaluates one request or response handler at a time.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html

/** `$ctx.identity` / `ctx.identity`: its shape depends on the authorization mode the request used. */
export type ResolverIdentity =
  | null // API_KEY and AWS_LAMBDA without resolverContext: AppSync passes no identity
  | {
      readonly kind: 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT';
      readonly sub: string;
      readonly issuer: string;
      readonly username?: string;
      readonly claims: Readonly<Record<string, unknown>>;
      readonly sourceIp: readonly string[];
      readonly defaultAuthStrategy?: 'ALLOW' | 'DENY';
      readonly groups?: readonly string[] | null;
    }
  | {
      readonly kind: 'AWS_IAM';
      readonly accountId: string;
      readonly cognitoIdentityPoolId: string | null;
      readonly cognitoIdentityId: string | null;
      readonly sourceIp: readonly string[];
      readonly username: string;
      readonly userArn: string;
      readonly cognitoIdentityAuthType: string | null;
      readonly cognitoIdentityAuthProvider: string | null;
    }
  | { readonly kind: 'AWS_LAMBDA'; readonly resolverContext: Readonly<Record<string, unknown>> };

/** One error as AppSync reports it in the response's `errors` (with `path` and `locations` added). */
export interface ResolverError {
  readonly message: string;
  readonly errorType?: string;
  readonly data?: unknown;
  readonly errorInfo?: unknown;
}

export interface ResolverInfo {
  readonly fieldName: string;
  readonly parentTypeName: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Fields selected below this one, as AppSync lists them (`["id", "author/name"]`). */
  readonly selectionSetList: readonly string[];
  readonly selectionSetGraphQL: string;
}

export interface ResolverContext {
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly source: unknown;
  readonly identity: ResolverIdentity;
  /** Shared by every handler of one field's resolver (pipeline functions included); handlers write it. */
  readonly stash: Record<string, unknown>;
  /** Pipeline: the previous function's (or the before handler's) result. */
  readonly prev?: { readonly result: unknown };
  /** Response handlers: the data source's answer. */
  readonly result?: unknown;
  /** Response handlers: the data source's error, when it failed. */
  readonly error?: { readonly message: string; readonly type: string } | null;
  readonly info: ResolverInfo;
  readonly request: {
    readonly headers: Readonly<Record<string, string>>;
    readonly domainName: string | null;
  };
  /** `ctx.env`: the API's environment variables (PutGraphqlApiEnvironmentVariables). */
  readonly env?: Readonly<Record<string, string>>;
  /** Added by the runtimes' author: the cloud clock ($util.time, autoUlid, autoKsuid). Absent, the runtimes
   * read the process clock, so the engine should always pass `engine.clock.now`. */
  readonly now?: () => number;
}

/** What evaluating one handler produced. */
export interface Evaluation {
  /**
   * The handler's output: for a request handler, the data-source request the engine sends (the VTL
   * template's rendered text parsed as JSON; the JS `request` function's return value); for a response
   * handler, the field's value. Absent when `error` is set.
   */
  readonly result?: unknown;
  /** VTL only: the rendered text, exactly as EvaluateMappingTemplate returns it. */
  readonly rendered?: string;
  /** `$util.error` / `util.error` (ends evaluation), or a runtime/template error (errorType set). */
  readonly error?: ResolverError;
  /** `$util.appendError` / `util.appendError`: reported with the field's value, evaluation goes on. */
  readonly appendedErrors: readonly ResolverError[];
  /** `#return` / `runtime.earlyReturn`: skip the data source (and, in a pipeline, the rest). */
  readonly earlyReturn?: { readonly value: unknown };
  /** `$util.unauthorized()` / `util.unauthorized()`. */
  readonly unauthorized?: boolean;
  /** `$util.log.*` / `console.log` lines, as EvaluateMappingTemplate/EvaluateCode return them. */
  readonly logs: readonly string[];
  /** `extensions.setSubscriptionFilter`, `setSubscriptionInvalidationFilter`, `invalidateSubscriptions`. */
  readonly subscriptionFilter?: unknown;
  readonly subscriptionInvalidationFilter?: unknown;
  readonly invalidations: readonly unknown[];
  /** Added by the runtimes' author: `extensions.evictFromApiCache` calls ({ typeName, fieldName, keys }). */
  readonly evictions?: readonly unknown[];
  /** Added by the runtimes' author: `$util.http.addResponseHeader(s)`, for the GraphQL HTTP response. */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/** Added by the runtimes' author: one problem `check` found, as CreateFunction/EvaluateCode report it. */
export interface CodeError {
  readonly errorType: string;
  readonly value: string;
  readonly location: { readonly line: number; readonly column: number; readonly span: number };
}

/** The two runtimes share this face; the engine picks one by the resolver's `runtime`. */
export interface ResolverRuntime {
  /** Checks code or a template when a resolver or function is created (AppSync refuses bad code then). */
  check(
    source: string,
  ):
    | { readonly ok: true }
    | { readonly ok: false; readonly message: string; readonly codeErrors?: readonly CodeError[] };
  evaluate(source: string, handler: 'request' | 'response', context: ResolverContext): Promise<Evaluation>;
}
