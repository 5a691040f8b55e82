#!/usr/bin/env node
// Generates src/core/generated/<service>.ts from AWS's published service models, as botocore ships them.
//
// Why botocore's data/: it is the one copy of AWS's models on these machines that keeps the constraint
// traits (min, max, pattern, enum, required) and the HTTP/XML bindings; the `aws-sdk` v2 package's
// `apis/*.min.json` drop the constraints, and the SDK v3 clients carry no constraints at all. The output is
// checked in, so neither the build nor CI needs python3 or botocore: run this again (`npm run
// generate:shapes`) when a model changes. Facts only: no documentation text is copied.
//
// Usage: node scripts/generate-shapes.mjs [--botocore DIR] [--only name,...]   (default: the botocore python3
// imports; every service)

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** Nimbus's services and the model each is generated from. `outputs: false` leaves out output shapes where
 * the protocol writes outputs as the engine returns them (awsJson) or the service declares its own (Lambda's
 * header-bound outputs): fewer shapes to load at start-up. */
const SERVICES = [
  // Both services answer a batch without entries with their own EmptyBatchRequest, so their batch entries
  // are optional here and checked by the operation. (The model marks them required.)
  {
    name: 'sqs',
    model: 'sqs/2012-11-05',
    overlay: sqsQueryNames(),
    optional: [
      'SendMessageBatchRequest.Entries',
      'DeleteMessageBatchRequest.Entries',
      'ChangeMessageVisibilityBatchRequest.Entries',
    ],
  },
  { name: 'sns', model: 'sns/2010-03-31', optional: ['PublishBatchInput.PublishBatchRequestEntries'] },
  // DynamoDB keeps binary values in their base64 wire form (values are stored and returned as sent). Its
  // TableName members accept a name or an ARN, and AWS checks a name against the name's own rules (3–255
  // characters, [a-zA-Z0-9_.-]+) rather than the model's 1–1024: the service checks both forms itself.
  {
    name: 'dynamodb',
    model: 'dynamodb/2012-08-10',
    blobsAsText: true,
    outputs: false,
    replace: { TableArn: 's.string()' },
  },
  {
    name: 'dynamodb-streams',
    folder: 'dynamodb/streams',
    model: 'dynamodbstreams/2012-08-10',
    blobsAsText: true,
    outputs: false,
  },
  // Lambda's bodies are read whole at the edge (its payload limits are below the edge's), so the model's
  // streaming InvokeArgs arrives as bytes.
  { name: 'lambda', model: 'lambda/2015-03-31', bufferedStreams: true, outputs: false },
  { name: 'eventbridge', model: 'events/2015-10-07', outputs: false },
  { name: 'cloudwatch-logs', model: 'logs/2014-03-28', outputs: false },
  { name: 'iam', model: 'iam/2010-05-08' },
  { name: 'sts', model: 'sts/2011-06-15' },
  { name: 'cloudformation', model: 'cloudformation/2010-05-15' },
  // S3 still declares its shapes by hand (its README says why): every operation is generated, for the move.
  { name: 's3', model: 's3/2006-03-01', allOperations: true },
  { name: 'ssm', model: 'ssm/2014-11-06', outputs: false },
  { name: 'secrets-manager', model: 'secretsmanager/2017-10-17', outputs: false },
  // Kinesis keeps its output shapes: its CBOR answers write blobs and timestamps by them.
  { name: 'kinesis', model: 'kinesis/2013-12-02' },
  // Firehose's HTTP endpoint destinations: AWS takes https:// URLs only; Nimbus also takes http:// so local
  // servers can be endpoints (as its EventBridge API destinations do).
  {
    name: 'firehose',
    model: 'firehose/2015-08-04',
    outputs: false,
    replace: { HttpEndpointUrl: "s.string({ min: 1, max: 1000, pattern: pattern('https?://.*') })" },
  },
  // Step Functions' operations are split between the registry (state machines, versions, aliases, activities) and
  // the executor, built by two hands at once: every operation's shapes are generated.
  { name: 'sfn', model: 'stepfunctions/2016-11-23', outputs: false, allOperations: true },
  // API Gateway's HTTP and WebSocket APIs (restJson): outputs kept, the protocol writes them by their bindings.
  { name: 'apigatewayv2', model: 'apigatewayv2/2018-11-29' },
  // API Gateway's REST APIs (v1, restJson): outputs kept, the protocol writes them by their bindings.
  { name: 'apigateway', model: 'apigateway/2015-07-09', allOperations: true },
  // Cognito user pools (awsJson 1.1): every operation generated, the service grows by families of them.
  { name: 'cognito-idp', model: 'cognito-idp/2016-04-18', outputs: false, allOperations: true },
  // AppSync (restJson): outputs kept, the protocol writes them by their bindings.
  { name: 'appsync', model: 'appsync/2017-07-25', allOperations: true },
  // Cognito identity pools (awsJson 1.1): every operation generated (23 of them).
  { name: 'cognito-identity', model: 'cognito-identity/2014-06-30', outputs: false, allOperations: true },
  // CloudWatch metrics (smithy rpcv2Cbor and awsQuery): outputs kept, both protocols write them by their shapes.
  { name: 'cloudwatch', model: 'cloudwatch/2010-08-01', allOperations: true },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function main() {
  const botocore = botocoreDir();
  const script = 'import botocore, json; print(json.dumps(botocore.__version__))';
  const version = JSON.parse(execFileSync('python3', ['-c', script]).toString());
  mkdirSync(join(root, 'src/core/generated'), { recursive: true });
  for (const service of selected()) {
    const path = join(botocore, service.model, 'service-2.json.gz');
    const model = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
    const text = emitService(service, model, `botocore ${version}, data/${service.model}/service-2.json`);
    writeFileSync(join(root, 'src/core/generated', `${service.name}.ts`), text);
    console.log(`src/core/generated/${service.name}.ts: ${Object.keys(model.operations).length} operations`);
  }
}

/** The services named by `--only a,b` (to regenerate one while another service's folder is mid-change),
 * else all. */
function selected() {
  const flag = process.argv.indexOf('--only');
  if (flag === -1) return SERVICES;
  const names = new Set(process.argv[flag + 1].split(','));
  return SERVICES.filter((service) => names.has(service.name));
}

function botocoreDir() {
  const flag = process.argv.indexOf('--botocore');
  if (flag !== -1) return process.argv[flag + 1];
  const script = 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))';
  return execFileSync('python3', ['-c', script]).toString().trim();
}

/** The operations the service serves, read from its `operations` table in src/services/<folder>/index.ts:
 * only theirs get shapes (the others keep their HTTP trait and errors, to be told apart from unknown ones),
 * so that start-up loads what is used. Serving a new operation: add it there, then run this again. */
function servedOperations(service) {
  if (service.allOperations) return undefined;
  const index = readFileSync(join(root, 'src/services', service.folder ?? service.name, 'index.ts'), 'utf8');
  const table = /\n\s+operations: \{([^}]*)\}/.exec(index)?.[1];
  if (!table) throw new Error(`${service.name}: no operations table in its index.ts`);
  return new Set([...table.matchAll(/(\w+):/g)].map((match) => match[1]));
}

function emitService(service, model, source) {
  const shapes = model.shapes;
  const served = servedOperations(service);
  const withShapes = (name) => served === undefined || served.has(name);
  const overlay = service.overlay ?? {};
  const reachable = new Set();
  const recursive = new Set();
  const order = [];
  const visit = (name, stack) => {
    if (stack.has(name)) {
      recursive.add(name);
      return;
    }
    if (reachable.has(name)) return;
    reachable.add(name);
    stack.add(name);
    for (const dependency of dependencies(shapes[name])) visit(dependency, stack);
    stack.delete(name);
    order.push(name);
  };
  const operations = Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, operation] of operations) {
    if (!withShapes(name)) continue;
    if (operation.input) visit(operation.input.shape, new Set());
    if (operation.output && service.outputs !== false) visit(operation.output.shape, new Set());
  }
  const errorNames = new Set();
  for (const [, operation] of operations)
    for (const error of operation.errors ?? []) errorNames.add(error.shape);
  for (const [name, shape] of Object.entries(shapes)) if (shape.exception) errorNames.add(name);

  const ids = new Map([...reachable].map((name) => [name, identifier(name)]));
  const ref = (name) => ids.get(name);
  const lines = [
    `// The ${model.metadata.serviceFullName} API model: every operation's input and output shapes, its`,
    `// errors and protocol facts. Generated by scripts/generate-shapes.mjs from ${source};`,
    '// do not edit: run `npm run generate:shapes`.',
    '',
    "import { type Member, pattern, s, type StructureShape } from '../shapes.js';",
    "import type { ModelError, ModelMetadata, ModelOperation } from '../model.js';",
    '',
  ];
  for (const name of order) {
    if (recursive.has(name)) {
      lines.push(`export const ${ref(name)}: StructureShape<Record<never, Member>> = s.recursive();`);
    }
  }
  for (const name of order) {
    if (recursive.has(name)) continue;
    lines.push(`export const ${ref(name)} = ${shapeExpression(name, shapes, ref, service, overlay)};`);
  }
  for (const name of order) {
    if (!recursive.has(name)) continue;
    const members = structureMembers(name, shapes, ref, service, overlay);
    lines.push(`s.complete(${ref(name)}, ${members});`);
  }
  lines.push('', 'export const operations = {');
  for (const [name, operation] of operations) {
    const parts = [];
    if (withShapes(name)) {
      parts.push(`input: ${operation.input ? ref(operation.input.shape) : 's.structure({})'}`);
      if (operation.output && service.outputs !== false) parts.push(`output: ${ref(operation.output.shape)}`);
    }
    const http = operation.http ?? {};
    const code = http.responseCode && http.responseCode !== 200 ? `, code: ${http.responseCode}` : '';
    parts.push(`http: { method: '${http.method ?? 'POST'}', uri: ${quote(http.requestUri ?? '/')}${code} }`);
    const errors = (operation.errors ?? []).map((error) => quote(error.shape));
    parts.push(`errors: [${errors.join(', ')}]`);
    lines.push(`  ${name}: { ${parts.join(', ')} },`);
  }
  lines.push('} satisfies Record<string, ModelOperation>;', '');
  lines.push('export const errors: Readonly<Record<string, ModelError>> = {');
  for (const name of [...errorNames].sort()) {
    const shape = shapes[name] ?? {};
    const error = shape.error ?? {};
    const status = error.httpStatusCode ?? (shape.fault ? 500 : 400);
    const parts = [
      `status: ${status}`,
      `fault: '${error.senderFault === false || shape.fault ? 'Receiver' : 'Sender'}'`,
    ];
    if (error.code && error.code !== name) parts.push(`queryCode: ${quote(error.code)}`);
    lines.push(`  ${name}: { ${parts.join(', ')} },`);
  }
  lines.push('};', '');
  const meta = model.metadata;
  const metadata = {
    apiVersion: meta.apiVersion,
    protocol: meta.protocol,
    serviceId: meta.serviceId,
    signingName: meta.signingName ?? meta.endpointPrefix,
    targetPrefix: meta.targetPrefix,
    jsonVersion: meta.jsonVersion,
    xmlNamespace: meta.xmlNamespace,
    awsQueryCompatible: meta.awsQueryCompatible ? true : undefined,
  };
  const entries = Object.entries(metadata).filter(([, value]) => value !== undefined);
  lines.push(
    `export const metadata: ModelMetadata = { ${entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? quote(v) : v}`).join(', ')} };`,
    '',
  );
  return lines.join('\n');
}

function dependencies(shape) {
  switch (shape.type) {
    case 'structure':
      return Object.values(shape.members ?? {}).map((member) => member.shape);
    case 'list':
      return [shape.member.shape];
    case 'map':
      return [shape.key.shape, shape.value.shape];
    default:
      return [];
  }
}

function shapeExpression(name, shapes, ref, service, overlay) {
  const shape = shapes[name];
  if (service.replace?.[name]) return service.replace[name];
  const options = [];
  const limit = (kind) => {
    if (shape.min !== undefined) options.push(`min: ${shape.min}`);
    if (shape.max !== undefined) options.push(`max: ${shape.max}`);
    return kind;
  };
  const withOptions = (builder) => `s.${builder}(${options.length ? `{ ${options.join(', ')} }` : ''})`;
  switch (shape.type) {
    case 'string': {
      limit();
      if (shape.enum) options.push(`enum: [${shape.enum.map(quote).join(', ')}]`);
      if (shape.pattern !== undefined && compiles(shape.pattern))
        options.push(`pattern: pattern(${quote(shape.pattern)})`);
      return withOptions('string');
    }
    case 'integer':
    case 'long':
      limit();
      return withOptions('integer');
    case 'float':
    case 'double':
      limit();
      return withOptions('double');
    case 'boolean':
      return 's.boolean()';
    case 'timestamp':
      if (shape.timestampFormat) options.push(`format: '${shape.timestampFormat}'`);
      return withOptions('timestamp');
    case 'blob':
      if (shape.streaming && !service.bufferedStreams) return 's.stream()';
      if (service.blobsAsText) options.push('text: true');
      limit();
      return withOptions('blob');
    case 'list': {
      limit();
      if (shape.flattened) options.push('flattened: true');
      const memberName = shape.member.locationName ?? overlay[`${name}.member`];
      if (memberName) options.push(`memberName: ${quote(memberName)}`);
      return `s.list(${ref(shape.member.shape)}${options.length ? `, { ${options.join(', ')} }` : ''})`;
    }
    case 'map': {
      limit();
      if (shape.flattened) options.push('flattened: true');
      const [keyName, valueName] = overlay[name] ?? [shape.key.locationName, shape.value.locationName];
      if (keyName && keyName !== 'key') options.push(`keyName: ${quote(keyName)}`);
      if (valueName && valueName !== 'value') options.push(`valueName: ${quote(valueName)}`);
      return `s.map(${ref(shape.value.shape)}${options.length ? `, { ${options.join(', ')} }` : ''})`;
    }
    case 'structure':
      return `s.structure(${structureMembers(name, shapes, ref, service, overlay)})`;
    default:
      throw new Error(`${name}: shape type ${shape.type} is not supported`);
  }
}

function structureMembers(name, shapes, ref, service, overlay) {
  const shape = shapes[name];
  const required = new Set(shape.required ?? []);
  const members = Object.entries(shape.members ?? {}).map(([memberName, member]) => {
    const relaxed = service.optional?.includes(`${name}.${memberName}`);
    const builder = required.has(memberName) && !relaxed ? 's.required' : 's.optional';
    const binding = memberBinding(memberName, member, shape, overlay[`${name}.${memberName}`]);
    // A payload can be marked streaming on the member rather than on its blob shape (S3's Body).
    const target = member.streaming && !service.bufferedStreams ? 's.stream()' : ref(member.shape);
    return `${quoteKey(memberName)}: ${builder}(${target}${binding ? `, ${binding}` : ''})`;
  });
  return members.length ? `{ ${members.join(', ')} }` : '{}';
}

/** Where a member travels: an HTTP binding (REST), or its awsQuery/XML name when that differs. */
function memberBinding(memberName, member, structure, overlayName) {
  if (structure.payload === memberName) return '{ payload: true }';
  switch (member.location) {
    case 'uri':
      return `{ uri: ${quote(member.locationName)} }`;
    case 'querystring':
      return `{ querystring: ${quote(member.locationName ?? memberName)} }`;
    case 'header':
      return `{ header: ${quote(member.locationName.toLowerCase())} }`;
    case 'headers':
      return `{ headerPrefix: ${quote((member.locationName ?? '').toLowerCase())} }`;
    case 'statusCode':
      return '{ statusCode: true }';
  }
  const queryName = member.locationName ?? overlayName;
  return queryName && queryName !== memberName ? quote(queryName) : undefined;
}

/** Java patterns that JavaScript cannot compile (POSIX classes such as `\p{Alnum}`) are left out. */
function compiles(text) {
  try {
    new RegExp(`^(?:${text})$`, 'u');
    return true;
  } catch {
    try {
      new RegExp(`^(?:${text})$`);
      return true;
    } catch {
      return false;
    }
  }
}

const GLOBALS = new Set([
  'String',
  'Boolean',
  'Number',
  'Object',
  'Array',
  'Map',
  'Set',
  'Date',
  'Error',
  'Function',
  'Symbol',
  'Promise',
  'JSON',
  'Math',
  'RegExp',
  'Record',
  'Buffer',
  'Infinity',
  'NaN',
  'Long',
  'Integer',
  'Float',
  'Double',
  'Blob',
  'Timestamp',
  'Tag',
  'Event',
  'Uint8Array',
  'URL',
  'Response',
  'Request',
  'Headers',
  'errors',
  'operations',
  'metadata',
  'pattern',
  's',
]);

function identifier(name) {
  const safe = name.replace(/[^A-Za-z0-9_$]/g, '_');
  const id = /^[0-9]/.test(safe) ? `_${safe}` : safe;
  return GLOBALS.has(id) ? `${id}_` : id;
}

function quote(text) {
  return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function quoteKey(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** SQS's current model is awsJson only, so it lost the awsQuery names (`Attribute.1.Name`) that query-era
 * clients still send; these are the 2012-11-05 query API's `locationName`s, kept beside the model.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html */
function sqsQueryNames() {
  return {
    QueueAttributeMap: ['Name', 'Value'],
    MessageSystemAttributeMap: ['Name', 'Value'],
    MessageBodyAttributeMap: ['Name', 'Value'],
    MessageBodySystemAttributeMap: ['Name', 'Value'],
    TagMap: ['Key', 'Value'],
    'CreateQueueRequest.Attributes': 'Attribute',
    'CreateQueueRequest.tags': 'Tag',
    'SetQueueAttributesRequest.Attributes': 'Attribute',
    'GetQueueAttributesRequest.AttributeNames': 'AttributeName',
    'GetQueueAttributesResult.Attributes': 'Attribute',
    'ReceiveMessageRequest.AttributeNames': 'AttributeName',
    'ReceiveMessageRequest.MessageSystemAttributeNames': 'MessageSystemAttributeName',
    'ReceiveMessageRequest.MessageAttributeNames': 'MessageAttributeName',
    'ReceiveMessageResult.Messages': 'Message',
    'Message.Attributes': 'Attribute',
    'Message.MessageAttributes': 'MessageAttribute',
    'SendMessageRequest.MessageAttributes': 'MessageAttribute',
    'SendMessageRequest.MessageSystemAttributes': 'MessageSystemAttribute',
    'SendMessageBatchRequestEntry.MessageAttributes': 'MessageAttribute',
    'SendMessageBatchRequestEntry.MessageSystemAttributes': 'MessageSystemAttribute',
    'SendMessageBatchRequest.Entries': 'SendMessageBatchRequestEntry',
    'SendMessageBatchResult.Successful': 'SendMessageBatchResultEntry',
    'SendMessageBatchResult.Failed': 'BatchResultErrorEntry',
    'DeleteMessageBatchRequest.Entries': 'DeleteMessageBatchRequestEntry',
    'DeleteMessageBatchResult.Successful': 'DeleteMessageBatchResultEntry',
    'DeleteMessageBatchResult.Failed': 'BatchResultErrorEntry',
    'ChangeMessageVisibilityBatchRequest.Entries': 'ChangeMessageVisibilityBatchRequestEntry',
    'ChangeMessageVisibilityBatchResult.Successful': 'ChangeMessageVisibilityBatchResultEntry',
    'ChangeMessageVisibilityBatchResult.Failed': 'BatchResultErrorEntry',
    'MessageAttributeValue.StringListValues': 'StringListValue',
    'MessageAttributeValue.BinaryListValues': 'BinaryListValue',
    'MessageSystemAttributeValue.StringListValues': 'StringListValue',
    'MessageSystemAttributeValue.BinaryListValues': 'BinaryListValue',
    'ListQueuesResult.QueueUrls': 'QueueUrl',
    'ListDeadLetterSourceQueuesResult.queueUrls': 'QueueUrl',
    'AddPermissionRequest.AWSAccountIds': 'AWSAccountId',
    'AddPermissionRequest.Actions': 'ActionName',
    'TagQueueRequest.Tags': 'Tag',
    'UntagQueueRequest.TagKeys': 'TagKey',
    'ListQueueTagsResult.Tags': 'Tag',
    'ListMessageMoveTasksResult.Results': 'ListMessageMoveTasksResultEntry',
  };
}

main();
