// The error a serverless.yml that cannot be compiled raises: the Framework's message and its error code,
// so that what a user reads matches what `serverless package` would print.

export class ServerlessError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ServerlessError';
  }
}
