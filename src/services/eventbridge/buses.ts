// Event buses: the default bus every account has in every region (made on first use), and custom buses.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html

import type { Clock } from '../../core/clock.js';
import { alreadyExists, busNotFound, validation } from './errors.js';
import { busArn, DEFAULT_BUS } from './names.js';
import type { BusRow, EventsStatements } from './store.js';

export class Buses {
  constructor(
    private readonly sql: EventsStatements,
    private readonly clock: Clock,
  ) {}

  find(account: string, region: string, name: string): BusRow | undefined {
    const row = this.sql.bus.get(busArn(account, region, name)) as BusRow | undefined;
    if (row || name !== DEFAULT_BUS) return row;
    return this.insert(account, region, DEFAULT_BUS, undefined, {});
  }

  require(account: string, region: string, name: string): BusRow {
    const row = this.find(account, region, name);
    if (!row) throw busNotFound(name);
    return row;
  }

  create(
    account: string,
    region: string,
    name: string,
    description: string | undefined,
    tags: Record<string, string>,
  ): BusRow {
    // Names with a slash belong to partner event sources, which Nimbus does not have.
    if (name.includes('/')) throw validation(`Event source ${name} does not exist.`);
    if (this.find(account, region, name)) throw alreadyExists(`Event bus ${name} already exists.`);
    return this.insert(account, region, name, description, tags);
  }

  /** Every bus of the place, the default one first made if needed. */
  list(account: string, region: string): BusRow[] {
    this.find(account, region, DEFAULT_BUS);
    return this.sql.busesPage.all(account, region) as BusRow[];
  }

  delete(bus: BusRow): void {
    if (bus.name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
    this.sql.deleteRulesOfBus.run(bus.arn);
    this.sql.deleteBus.run(bus.arn);
  }

  private insert(
    account: string,
    region: string,
    name: string,
    description: string | undefined,
    tags: Record<string, string>,
  ): BusRow {
    return this.sql.insertBus.get({
      arn: busArn(account, region, name),
      account,
      region,
      name,
      description: description ?? null,
      tags: JSON.stringify(tags),
      created_at: this.clock.now(),
    }) as BusRow;
  }
}
