// The stream and consumer status machines, on the cloud clock and computed on read: a row keeps the
// status it entered and the time it holds until; after that the stream is ACTIVE (a reshard it was
// applying takes effect then). AWS takes seconds to minutes for each; Nimbus keeps only what clients can
// tell apart, so that waiters (`waitUntilStreamExists` polls every 10 s) never wait.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StreamDescription.html (StreamStatus)

/** How long each transitional status lasts on the cloud clock, in ms. CREATING is over by the next call
 * (a client that waits for ACTIVE finds it at once); UPDATING lasts half a second, long enough that a
 * second reshard sent straight after the first gets AWS's ResourceInUseException, as on AWS (tests move
 * the clock past it). Consumers are ACTIVE by the next call too. */
export const STATUS_MS = {
  CREATING: 0,
  UPDATING: 500,
  CONSUMER_CREATING: 0,
} as const;

/** The status a row shows at `now`. */
export function currentStatus(row: { status: string; status_until: number }, now: number): string {
  return now < row.status_until ? row.status : 'ACTIVE';
}
