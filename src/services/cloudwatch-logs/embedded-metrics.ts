// Embedded metric format: a log event whose message is a JSON object with `_aws.CloudWatchMetrics` becomes
// metrics, in any log group (the `x-amzn-logs-format: json/emf` header is optional), as CloudWatch Logs
// extracts them. Each directive's Metrics (up to 100, values a number or an array of up to 100 numbers) are
// published once per dimension set (up to 30 dimensions each, values strings) at `_aws.Timestamp`. An event
// that breaks the specification is stored but yields no metric, counted as EMFValidationErrors (or
// EMFParsingErrors when it is not JSON) in AWS/Logs, as AWS does.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Generation_PutLogEvents.html

import type { MetricScope, MetricSink, MetricUnit, Observation } from '../../core/ports/metrics.js';

const MAX_METRICS = 100;
const MAX_VALUES = 100;
const MAX_DIMENSIONS = 30;
const MAX_NAME = 1024;
const TWO_WEEKS_MS = 14 * 86_400_000;
const TWO_HOURS_MS = 2 * 3_600_000;
const UNITS: ReadonlySet<string> = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

/** What the Node.js runtime's console puts before a line (`<ISO time>\t<request id>\tINFO\t`): EMF logged with
 * console.log keeps being extracted on AWS (as Powertools' maintainers note in
 * https://github.com/aws-powertools/powertools-lambda-typescript/pull/1786), so the prefix is skipped. */
const LAMBDA_CONSOLE_PREFIX = /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[^\t]*\t[A-Z]+\t/;

/** Why an event yielded no metric, when it claimed to be EMF. */
export type EmfProblem = 'parsing' | 'validation';

/** The observations an EMF message carries, or the problem that voids it; undefined for a message that is
 * not EMF at all (no `_aws` member), which is the common case and costs one substring search. */
export function extractEmbeddedMetrics(
  message: string,
  now: number,
): { observations: Observation[] } | { problem: EmfProblem } | undefined {
  if (!message.includes('"_aws"')) return undefined;
  const document = message.replace(LAMBDA_CONSOLE_PREFIX, '');
  let root: unknown;
  try {
    root = JSON.parse(document);
  } catch {
    return document.trimStart().startsWith('{') ? { problem: 'parsing' } : undefined;
  }
  if (!isObject(root) || !isObject(root._aws)) return undefined;
  const observations = validDocument(root, now);
  return observations ? { observations } : { problem: 'validation' };
}

/** Records what the events of one PutLogEvents carry, and the AWS/Logs counts of what was voided. */
export function recordEmbeddedMetrics(
  sink: MetricSink,
  scope: MetricScope,
  logGroupName: string,
  messages: readonly string[],
  now: number,
): void {
  // IncomingLogEvents and IncomingBytes: what the group took in (AWS/Logs, dimension LogGroupName).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
  const group = [{ Name: 'LogGroupName', Value: logGroupName }];
  let bytes = 0;
  for (const message of messages) bytes += Buffer.byteLength(message);
  sink.record(scope, {
    namespace: 'AWS/Logs',
    name: 'IncomingLogEvents',
    dimensions: group,
    value: messages.length,
    unit: 'None',
  });
  sink.record(scope, {
    namespace: 'AWS/Logs',
    name: 'IncomingBytes',
    dimensions: group,
    value: bytes,
    unit: 'Bytes',
  });
  for (const message of messages) {
    const extracted = extractEmbeddedMetrics(message, now);
    if (!extracted) continue;
    if ('problem' in extracted) {
      sink.record(scope, {
        namespace: 'AWS/Logs',
        name: extracted.problem === 'parsing' ? 'EMFParsingErrors' : 'EMFValidationErrors',
        dimensions: group,
        value: 1,
        unit: 'Count',
      });
      continue;
    }
    for (const observation of extracted.observations) sink.record(scope, observation);
  }
}

/** The document's observations, or undefined when any rule of the specification is broken. */
function validDocument(root: Record<string, unknown>, now: number): Observation[] | undefined {
  const metadata = root._aws as Record<string, unknown>;
  const timestamp = metadata.Timestamp;
  const directives = metadata.CloudWatchMetrics;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || !Array.isArray(directives))
    return undefined;
  // Datapoints more than two weeks old or two hours ahead are refused, as PutMetricData refuses them.
  if (now - timestamp > TWO_WEEKS_MS || timestamp - now > TWO_HOURS_MS) return undefined;
  const observations: Observation[] = [];
  for (const directive of directives) {
    if (!isObject(directive)) return undefined;
    const { Namespace, Dimensions, Metrics } = directive;
    if (!isName(Namespace) || Namespace.startsWith('AWS/')) return undefined;
    if (!Array.isArray(Dimensions) || !Array.isArray(Metrics) || Metrics.length > MAX_METRICS)
      return undefined;
    const dimensionSets: { Name: string; Value: string }[][] = [];
    for (const set of Dimensions) {
      if (!Array.isArray(set) || set.length > MAX_DIMENSIONS) return undefined;
      const dimensions: { Name: string; Value: string }[] = [];
      for (const name of set) {
        const value = isName(name) ? root[name] : undefined;
        if (!isName(value)) return undefined;
        dimensions.push({ Name: name as string, Value: value });
      }
      dimensionSets.push(dimensions);
    }
    for (const metric of Metrics) {
      if (!isObject(metric) || !isName(metric.Name)) return undefined;
      const unit = metric.Unit ?? 'None';
      const resolution = metric.StorageResolution ?? 60;
      if (typeof unit !== 'string' || !UNITS.has(unit) || (resolution !== 1 && resolution !== 60))
        return undefined;
      const target = root[metric.Name];
      // A metric whose member is absent has nothing to publish; AWS's own libraries never write one.
      if (target === undefined) continue;
      const values = Array.isArray(target) ? target : [target];
      if (values.length > MAX_VALUES || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        return undefined;
      }
      for (const dimensions of dimensionSets) {
        for (const value of values as number[]) {
          observations.push({
            namespace: Namespace,
            name: metric.Name,
            dimensions,
            value,
            unit: unit as MetricUnit,
            timestampMs: timestamp,
            storageResolution: resolution,
          });
        }
      }
    }
  }
  return observations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME;
}
