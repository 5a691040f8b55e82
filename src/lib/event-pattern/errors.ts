// The error a malformed pattern or filter policy raises, worded as AWS words it
// (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html#API_PutRule_Errors).

/** Which service's wording the message uses. */
export type PatternDialect = 'eventbridge' | 'sns';

/**
 * `reason` is the bare sentence from AWS's pattern compiler (aws/event-ruler's JsonRuleCompiler), the same in
 * every service; `message` wraps it the way the dialect's API reports it, so an EventBridge operation can throw
 * `InvalidEventPatternException` with `message` unchanged and SNS `InvalidParameter` likewise. Lambda reports
 * every bad filter as "Invalid filter pattern definition." and can ignore both.
 */
export class PatternError extends Error {
  readonly reason: string;
  readonly dialect: PatternDialect;

  constructor(reason: string, dialect: PatternDialect) {
    super(formatMessage(reason, dialect));
    this.name = 'PatternError';
    this.reason = reason;
    this.dialect = dialect;
  }
}

/** Raised while parsing; the dialect is attached by the compile entry point. */
export class ReasonError extends Error {}

export function fail(reason: string): never {
  throw new ReasonError(reason);
}

function formatMessage(reason: string, dialect: PatternDialect): string {
  if (dialect === 'eventbridge') return `Event pattern is not valid. Reason: ${reason}`;
  // SNS prefixes every policy complaint with the attribute name, except the scope one, which it words itself.
  if (reason.startsWith('Filter policy scope')) return `Invalid parameter: ${reason}`;
  return `Invalid parameter: FilterPolicy: ${reason}`;
}
