// Alarm evaluation on the cloud clock: one wake-up armed for the earliest due alarm; each alarm is evaluated
// when it is put and then as each Period completes, over its last EvaluationPeriods complete periods, "M out of N" (DatapointsToAlarm) breaching
// ones put it in ALARM, missing datapoints are treated as TreatMissingData says, and a change of state is
// recorded in the history, sent to EventBridge and runs the new state's actions.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-evaluation

import { WakeUp } from '../../../core/wake-up.js';
import type { CloudWatch } from '../cloudwatch.js';
import { dimensionsKey } from '../metrics/metrics.js';
import { runQueries } from '../metrics/queries.js';
import { statistic } from '../metrics/statistics.js';
import type { AlarmRow } from '../store.js';
import { type AlarmConfig, type AlarmState, alarmTime, breaches, configOf, periodOf } from './alarm.js';
import { publishStateChange, runActions, type StateChange } from './notify.js';

export class AlarmEvaluator {
  private readonly wakeUp: WakeUp;

  constructor(
    private readonly cloudwatch: CloudWatch,
    private readonly log: (message: string) => void,
  ) {
    this.wakeUp = new WakeUp(cloudwatch.clock, () => this.evaluateDue());
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.wakeUp.stop();
  }

  /** Arms the wake-up for the earliest due alarm (after a put, a delete or an evaluation). */
  schedule(): void {
    const due = (this.cloudwatch.sql.nextDue.get() as { due: number | null }).due;
    if (due !== null) this.wakeUp.kick(Math.max(due, this.cloudwatch.now()));
  }

  /** Sets the state (SetAlarmState, or an evaluation), with its history item, event and actions. */
  setState(
    row: AlarmRow,
    value: AlarmState,
    reason: string,
    reasonData: string | undefined,
    evaluated = false,
  ): void {
    // An evaluation that finds the state unchanged leaves its reason as it was (CloudWatch updates the
    // reason on a transition: "Unchecked: Initial alarm creation" stays until the first one).
    if (evaluated && value === row.state) return;
    const { sql } = this.cloudwatch;
    const now = this.cloudwatch.now();
    const config = configOf(row);
    sql.setState.run(value, reason, reasonData ?? null, now, row.account, row.region, row.name);
    if (value === row.state) return;
    const change: StateChange = {
      account: row.account,
      region: row.region,
      config,
      configUpdatedAt: row.updated_at,
      oldState: { value: row.state as AlarmState, reason: row.reason, timestamp: row.state_updated_at },
      newState: { value, reason, reasonData, timestamp: now },
    };
    const data = {
      version: '1.0',
      oldState: { stateValue: row.state, stateReason: row.reason },
      newState: {
        stateValue: value,
        stateReason: reason,
        ...(reasonData ? { stateReasonData: JSON.parse(reasonData) } : {}),
      },
    };
    this.history(row, 'StateUpdate', `Alarm updated from ${row.state} to ${value}`, data);
    publishStateChange(this.cloudwatch.call, change).catch((error: Error) =>
      this.log(`cloudwatch: state change event of ${row.name} not sent: ${error.message}`),
    );
    const actions =
      value === 'ALARM'
        ? config.AlarmActions
        : value === 'OK'
          ? config.OKActions
          : config.InsufficientDataActions;
    if (row.actions_enabled !== 1 || !actions?.length) return;
    runActions(this.cloudwatch.call, change, actions).then(
      (outcomes) => {
        for (const { action, error } of outcomes) {
          const summary = error
            ? `Failed to execute action ${action}`
            : `Successfully executed action ${action}`;
          this.history(row, 'Action', summary, {
            actionState: error ? 'Failed' : 'Succeeded',
            notificationResource: action,
            ...(error ? { error } : {}),
          });
        }
      },
      (error: Error) => this.log(`cloudwatch: actions of ${row.name} failed: ${error.message}`),
    );
  }

  history(
    row: Pick<AlarmRow, 'account' | 'region' | 'name'>,
    type: string,
    summary: string,
    data: unknown,
  ): void {
    this.cloudwatch.sql.insertHistory.run(
      row.account,
      row.region,
      row.name,
      this.cloudwatch.now(),
      type,
      summary,
      JSON.stringify(data),
    );
  }

  /** Evaluates every alarm that is due now (PutMetricAlarm calls it, so a new alarm is evaluated before the
   * put answers and no deferred evaluation races the caller's next request), then re-arms the wake-up. */
  evaluateDue(): void {
    const { sql } = this.cloudwatch;
    const now = this.cloudwatch.now();
    for (const row of sql.dueAlarms.all(now) as AlarmRow[]) {
      const config = configOf(row);
      try {
        this.evaluate(row, config, now);
      } catch (error) {
        this.log(`cloudwatch: alarm ${row.name} not evaluated: ${(error as Error).message}`);
      }
      // Right after the period in progress completes: its datapoints are then evaluated within one period.
      const periodMs = periodOf(config) * 1000;
      sql.setNextEvaluation.run(
        Math.floor(now / periodMs) * periodMs + periodMs,
        row.account,
        row.region,
        row.name,
      );
    }
    this.schedule();
  }

  private evaluate(row: AlarmRow, config: AlarmConfig, now: number): void {
    const periodMs = periodOf(config) * 1000;
    const count = config.EvaluationPeriods;
    const end = Math.floor(now / periodMs) * periodMs;
    const start = end - count * periodMs;
    const values = this.datapoints(row, config, start, end, periodMs);
    const treat = config.TreatMissingData ?? 'missing';
    let breaching = 0;
    let present = 0;
    const evaluated: { timestamp: string; value?: number }[] = [];
    for (let t = end - periodMs; t >= start; t -= periodMs) {
      const value = values.get(t);
      evaluated.push({ timestamp: alarmTime(t), ...(value !== undefined ? { value } : {}) });
      if (value === undefined) {
        if (treat === 'breaching') breaching++;
        if (treat === 'breaching' || treat === 'notBreaching') present++;
        continue;
      }
      present++;
      if (breaches(config, value)) breaching++;
    }
    const needed = config.DatapointsToAlarm ?? count;
    const reasonData = JSON.stringify({
      version: '1.0',
      queryDate: alarmTime(now),
      startDate: alarmTime(start),
      ...(config.Statistic ? { statistic: config.Statistic } : {}),
      period: periodMs / 1000,
      recentDatapoints: [...values.values()],
      threshold: config.Threshold,
      evaluatedDatapoints: evaluated,
    });
    if (present === 0) {
      if (treat === 'ignore') return;
      this.setState(
        row,
        'INSUFFICIENT_DATA',
        `Insufficient Data: ${count} datapoint${count === 1 ? ' was' : 's were'} unknown.`,
        reasonData,
        true,
      );
      return;
    }
    const shown = [...values].map(([t, v]) => `${v} (${alarmTime(t).slice(0, 19)})`).join(', ');
    const operator = (config.ComparisonOperator ?? '')
      .replace(/Threshold$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    if (breaching >= needed) {
      const reason = `Threshold Crossed: ${breaching} out of the last ${count} datapoints [${shown}] was ${operator} the threshold (${config.Threshold}) (minimum ${needed} datapoint${needed === 1 ? '' : 's'} for OK -> ALARM transition).`;
      this.setState(row, 'ALARM', reason, reasonData, true);
      return;
    }
    const reason = `Threshold Crossed: ${present} datapoint${present === 1 ? '' : 's'} [${shown}] was not ${operator} the threshold (${config.Threshold}).`;
    this.setState(row, 'OK', reason, reasonData, true);
  }

  /** The alarm's value per period in [start, end): its statistic, or the Metrics form's returned query. */
  private datapoints(
    row: AlarmRow,
    config: AlarmConfig,
    start: number,
    end: number,
    periodMs: number,
  ): Map<number, number> {
    const where = { account: row.account, region: row.region };
    const { metrics } = this.cloudwatch;
    const out = new Map<number, number>();
    if (config.Metrics) {
      const results = runQueries(metrics, where, config.Metrics, start, end);
      const returned = results.find((r) => r.returnData) ?? results[0];
      for (const [t, v] of returned?.points ?? []) out.set(t, v);
      return out;
    }
    const metric = metrics.find(
      where,
      config.Namespace ?? '',
      config.MetricName ?? '',
      dimensionsKey(config.Dimensions),
    );
    if (!metric) return out;
    const stat = config.Statistic ?? config.ExtendedStatistic ?? 'Average';
    for (const [t, agg] of metrics.periods(metric.id, start, end, periodMs, config.Unit)) {
      const value = statistic(stat, agg);
      if (value !== undefined) out.set(t, value);
    }
    return out;
  }
}
