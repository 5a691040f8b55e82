// The logical ids serverless-appsync-plugin v2 gives what it generates (its resources/Naming.ts): every
// name reduced to its letters and digits, so that `resources` and `${appsync:…}`-style references written
// against the plugin's template find the same resources here.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/src/resources/Naming.ts

/** A name with everything but ASCII letters and digits removed (`my-table` → `mytable`). */
export function cfnName(name: string): string {
  return name.replace(/[^a-zA-Z0-9]/g, '');
}

export const appSyncNaming = {
  api: 'GraphQlApi',
  schema: 'GraphQlSchema',
  domainName: 'GraphQlDomainName',
  domainCertificate: 'GraphQlDomainCertificate',
  domainAssociation: 'GraphQlDomainAssociation',
  domainRecord: 'GraphQlDomainRoute53Record',
  logGroup: 'GraphQlApiLogGroup',
  logGroupRole: 'GraphQlApiLogGroupRole',
  logGroupPolicy: 'GraphQlApiLogGroupPolicy',
  caching: 'GraphQlCaching',
  lambdaAuthorizerPermission: 'LambdaAuthorizerPermission',
  /** The plugin names an API key `GraphQlApi<Name>` (not …ApiKey…). */
  apiKey: (name: string) => cfnName(`GraphQlApi${name}`),
  dataSource: (name: string) => `GraphQlDs${cfnName(name)}`,
  dataSourceRole: (name: string) => `GraphQlDs${cfnName(`${name}Role`)}`,
  resolver: (type: string, field: string) => cfnName(`GraphQlResolver${type}${field}`),
  pipelineFunction: (name: string) => cfnName(`GraphQlFunctionConfiguration${name}`),
};
