// AWS::Lambda::Function's configuration properties as CreateFunction / UpdateFunctionConfiguration members,
// with the default each goes back to when a template drops it (Lambda's own defaults).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html
// https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html

import { numberProperty, type ResourceProperties, stringProperty } from '../../../core/resources.js';
import { defined, isObject, type Json, stringMap } from './properties.js';

/** Properties whose feature Nimbus does not serve (a clear error instead of a function without it). */
export const UNSERVED_FUNCTION_PROPERTIES: Record<string, string> = {
  CodeSigningConfigArn: 'code signing is not served',
  FileSystemConfigs: 'Amazon EFS file systems are not mounted',
  ImageConfig: 'container image functions are not served',
  CapacityProviderConfig: 'Lambda Managed Instances (capacity providers) are not served',
  DurableConfig: 'durable functions are not served',
  TenancyConfig: 'tenant isolation is not served',
};

/** The configuration members the template sets (CloudFormation's `KmsKeyArn` is the API's `KMSKeyArn`). */
export function configuration(properties: ResourceProperties): Json {
  const p = properties;
  return defined({
    Runtime: stringProperty(p.Runtime),
    Role: stringProperty(p.Role),
    Handler: stringProperty(p.Handler),
    Description: stringProperty(p.Description),
    Timeout: numberProperty(p.Timeout),
    MemorySize: numberProperty(p.MemorySize),
    Environment: isObject(p.Environment) ? { Variables: stringMap(p.Environment.Variables) } : undefined,
    DeadLetterConfig: isObject(p.DeadLetterConfig)
      ? { TargetArn: stringProperty(p.DeadLetterConfig.TargetArn) ?? '' }
      : undefined,
    TracingConfig: isObject(p.TracingConfig) ? { Mode: stringProperty(p.TracingConfig.Mode) } : undefined,
    KMSKeyArn: stringProperty(p.KmsKeyArn),
    VpcConfig: isObject(p.VpcConfig)
      ? defined({
          SubnetIds: p.VpcConfig.SubnetIds ?? [],
          SecurityGroupIds: p.VpcConfig.SecurityGroupIds ?? [],
          Ipv6AllowedForDualStack: p.VpcConfig.Ipv6AllowedForDualStack,
        })
      : undefined,
    EphemeralStorage: isObject(p.EphemeralStorage)
      ? { Size: numberProperty(p.EphemeralStorage.Size) }
      : undefined,
    LoggingConfig: isObject(p.LoggingConfig)
      ? defined({
          LogFormat: stringProperty(p.LoggingConfig.LogFormat),
          ApplicationLogLevel: stringProperty(p.LoggingConfig.ApplicationLogLevel),
          SystemLogLevel: stringProperty(p.LoggingConfig.SystemLogLevel),
          LogGroup: stringProperty(p.LoggingConfig.LogGroup),
        })
      : undefined,
    SnapStart: isObject(p.SnapStart) ? { ApplyOn: stringProperty(p.SnapStart.ApplyOn) } : undefined,
    Layers: Array.isArray(p.Layers) ? p.Layers.map((arn) => stringProperty(arn) ?? '') : undefined,
  });
}

/** What each member returns to when the template drops it: Lambda's defaults for a new function. */
export function configurationDefaults(functionName: string): Json {
  return {
    Description: '',
    Timeout: 3,
    MemorySize: 128,
    Environment: { Variables: {} },
    DeadLetterConfig: { TargetArn: '' },
    TracingConfig: { Mode: 'PassThrough' },
    KMSKeyArn: '',
    VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${functionName}` },
    SnapStart: { ApplyOn: 'None' },
    Layers: [],
  };
}
