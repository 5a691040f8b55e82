// How a task's failure is named: the error and cause a Task state's Retry and Catch see.
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html

import { ServiceError } from '../../../../core/errors.js';

export class TaskError extends Error {
  readonly error: string;
  readonly causeText: string;
  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.error = error;
    this.causeText = cause;
  }
}

/** A service's refusal as the integration reports it: `<Prefix>.<Code>` with a cause in the Java SDK's
 * form, which is what Step Functions' own workers wrote ("… (Service: AmazonSQS; Status Code: 400; Error
 * Code: QueueDoesNotExist; Request ID: …)"). Anything else that escapes a call is States.TaskFailed. */
export function serviceFailure(thrown: unknown, prefix: string, serviceName: string): TaskError {
  if (thrown instanceof TaskError) return thrown;
  if (thrown instanceof ServiceError) {
    const status = thrown.status ?? 400;
    return new TaskError(
      `${prefix}.${thrown.code}`,
      `${thrown.message} (Service: ${serviceName}; Status Code: ${status}; Error Code: ${thrown.code}; Request ID: ${crypto.randomUUID()}; Proxy: null)`,
    );
  }
  return new TaskError('States.TaskFailed', thrown instanceof Error ? thrown.message : String(thrown));
}

/** The Java SDK's response metadata that optimized integrations add to their results. */
export function sdkMetadata(contentType: string): Record<string, unknown> {
  const requestId = crypto.randomUUID();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: { 'Content-Type': [contentType], 'x-amzn-RequestId': [requestId] },
      HttpHeaders: { 'Content-Type': contentType, 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
