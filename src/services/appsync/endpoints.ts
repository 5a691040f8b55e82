// Where an API answers: the `uris` AppSync hands out, in a form every client resolves (the path form on
// Nimbus's own port: names under `.localhost` do not resolve through glibc, so Node and Python clients
// could not reach a host form), and the host forms the endpoint also accepts.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html#discovering-the-real-time-endpoint

/** The path form's prefix: `/_nimbus/appsync/<apiId>/graphql` (and `/graphql/realtime` for WebSockets,
 * which is where Amplify and the AppSync clients look for a custom domain's real-time endpoint). */
export const APPSYNC_PATH_PREFIX = '/_nimbus/appsync/';

/** `<apiId>.appsync-api.localhost`, `<apiId>.appsync-realtime-api.localhost` and their AWS names. */
export const APPSYNC_HOST =
  /^([a-z0-9]{26})\.(appsync-api|appsync-realtime-api)\.(?:localhost|([a-z0-9-]+)\.amazonaws\.com)$/;

export function apiUris(endpoint: string, apiId: string): Record<string, string> {
  const graphql = `${endpoint}${APPSYNC_PATH_PREFIX}${apiId}/graphql`;
  return { GRAPHQL: graphql, REALTIME: `${graphql.replace(/^http/, 'ws')}/realtime` };
}

/** The `dns` member: the host names AWS would give the API. */
export function apiDns(region: string, apiId: string): Record<string, string> {
  return {
    GRAPHQL: `${apiId}.appsync-api.${region}.amazonaws.com`,
    REALTIME: `${apiId}.appsync-realtime-api.${region}.amazonaws.com`,
  };
}
