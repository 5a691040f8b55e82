// What a protocol hands back to the server: a complete response, ready to write.

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

/** Errors every AWS JSON service answers with the coral namespace rather than its own. */
export const COMMON_ERRORS: Readonly<Record<string, number>> = {
  UnknownOperationException: 400,
  SerializationException: 400,
  ValidationException: 400,
  MissingAuthenticationTokenException: 403,
  InvalidAction: 400,
  NotImplemented: 501,
  RequestEntityTooLarge: 413,
  InternalFailure: 500,
};
