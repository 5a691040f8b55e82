// Input shapes Lambda's operations share, from the API reference.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html

import { s } from '../../core/shapes.js';
import { RUNTIMES } from './runtimes.js';

const FUNCTION_NAME_PATTERN = {
  regex:
    /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/,
  text: '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
};

/** FunctionName in the path: a name, partial or full ARN, optionally qualified. */
export const functionNameInPath = s.required(s.string({ min: 1, max: 170, pattern: FUNCTION_NAME_PATTERN }), {
  uri: 'FunctionName',
});
export const qualifierInQuery = s.optional(
  s.string({
    min: 1,
    max: 128,
    pattern: { regex: /^(\$LATEST|[a-zA-Z0-9-_]+)$/, text: '(|[a-zA-Z0-9$_-]+)' },
  }),
  { querystring: 'Qualifier' },
);

export const roleShape = s.string({
  pattern: {
    regex: /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/,
    text: 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
  },
});

export const environmentShape = s.structure({ Variables: s.optional(s.map(s.string())) });
export const deadLetterConfigShape = s.structure({ TargetArn: s.optional(s.string()) });
export const tracingConfigShape = s.structure({
  Mode: s.optional(s.string({ enum: ['Active', 'PassThrough'] })),
});
export const ephemeralStorageShape = s.structure({ Size: s.required(s.integer({ min: 512, max: 10240 })) });
export const vpcConfigShape = s.structure({
  SubnetIds: s.optional(s.list(s.string())),
  SecurityGroupIds: s.optional(s.list(s.string())),
  Ipv6AllowedForDualStack: s.optional(s.boolean()),
});
export const loggingConfigShape = s.structure({
  LogFormat: s.optional(s.string({ enum: ['JSON', 'Text'] })),
  ApplicationLogLevel: s.optional(s.string({ enum: ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] })),
  SystemLogLevel: s.optional(s.string({ enum: ['DEBUG', 'INFO', 'WARN'] })),
  LogGroup: s.optional(s.string({ min: 1, max: 512 })),
});

/** The configuration members CreateFunction and UpdateFunctionConfiguration share. */
export const configurationMembers = {
  Runtime: s.optional(s.string({ enum: RUNTIMES })),
  Role: s.optional(roleShape),
  Handler: s.optional(s.string({ max: 128, pattern: { regex: /^[^\s]+$/, text: '[^\\s]+' } })),
  Description: s.optional(s.string({ max: 256 })),
  Timeout: s.optional(s.integer({ min: 1, max: 900 })),
  MemorySize: s.optional(s.integer({ min: 128, max: 10240 })),
  Environment: s.optional(environmentShape),
  DeadLetterConfig: s.optional(deadLetterConfigShape),
  TracingConfig: s.optional(tracingConfigShape),
  KMSKeyArn: s.optional(s.string()),
  Layers: s.optional(s.list(s.string({ min: 1, max: 140 }))),
  EphemeralStorage: s.optional(ephemeralStorageShape),
  VpcConfig: s.optional(vpcConfigShape),
  LoggingConfig: s.optional(loggingConfigShape),
  SnapStart: s.optional(
    s.structure({ ApplyOn: s.optional(s.string({ enum: ['PublishedVersions', 'None'] })) }),
  ),
};

export const codeShape = s.structure({
  ZipFile: s.optional(s.blob()),
  S3Bucket: s.optional(s.string({ min: 3, max: 63 })),
  S3Key: s.optional(s.string({ min: 1, max: 1024 })),
  S3ObjectVersion: s.optional(s.string({ min: 1, max: 1024 })),
  ImageUri: s.optional(s.string()),
});

export const destinationConfigShape = s.structure({
  OnSuccess: s.optional(s.structure({ Destination: s.optional(s.string({ max: 350 })) })),
  OnFailure: s.optional(s.structure({ Destination: s.optional(s.string({ max: 350 })) })),
});
