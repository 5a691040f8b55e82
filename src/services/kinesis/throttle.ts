// Per-shard write limits, off unless NIMBUS_KINESIS_THROTTLE=1: "Each shard can support writes up to 1,000
// records per second, up to a maximum data write total of 1 MiB per second", beyond which PutRecord fails
// and PutRecords fails the records over, with ProvisionedThroughputExceededException. Counted per second of
// the cloud clock, in memory (a restart forgets the current second, as a new second would).
// https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html

const RECORDS_PER_SECOND = 1000;
const BYTES_PER_SECOND = 1024 * 1024;

interface Window {
  second: number;
  records: number;
  bytes: number;
}

export class ShardThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(readonly enabled: boolean) {}

  /** Whether the shard may take one more record of `bytes` at `now`; counts it if so. */
  admit(streamId: number, shard: number, bytes: number, now: number): boolean {
    if (!this.enabled) return true;
    const key = `${streamId}/${shard}`;
    const second = Math.floor(now / 1000);
    let window = this.windows.get(key);
    if (!window || window.second !== second) {
      window = { second, records: 0, bytes: 0 };
      this.windows.set(key, window);
    }
    if (window.records + 1 > RECORDS_PER_SECOND || window.bytes + bytes > BYTES_PER_SECOND) return false;
    window.records += 1;
    window.bytes += bytes;
    return true;
  }

  reset(): void {
    this.windows.clear();
  }
}
