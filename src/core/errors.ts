// ServiceError: how an operation or engine says "AWS would answer with this error".
// The protocol layer renders it in the service's wire format (JSON __type, XML <Error>, ...).

export type ErrorFault = 'Sender' | 'Receiver';

export interface ServiceErrorOptions {
  /** HTTP status; when absent the service's error table or 400 decides. */
  status?: number;
  fault?: ErrorFault;
  /** Extra members rendered beside the message (e.g. CancellationReasons). */
  fields?: Record<string, unknown>;
  /** REST protocols: response headers that go with the error (S3's `x-amz-delete-marker` on a 404). */
  headers?: Record<string, string>;
}

export class ServiceError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly fault: ErrorFault;
  readonly fields: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: string, message: string, options: ServiceErrorOptions = {}) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.status = options.status;
    this.fault = options.fault ?? ((options.status ?? 400) >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

/** The error for a request body that does not parse in the protocol's format. */
export function serializationError(message: string): ServiceError {
  return new ServiceError('SerializationException', message);
}
