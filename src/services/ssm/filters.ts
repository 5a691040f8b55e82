// ParameterFilters for DescribeParameters and GetParametersByPath: which keys and options each operation
// takes (AWS's documented rules, its observed messages as moto reproduces them), and the match itself.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ParameterStringFilter.html

import { invalidFilterKey, invalidFilterOption, invalidFilterValue, validation } from './errors.js';
import { asPath, checkPath } from './names.js';
import type { ParameterStore } from './ssm.js';
import type { CurrentRow, VersionRow } from './store.js';

export interface ParameterStringFilter {
  readonly Key: string;
  readonly Option?: string;
  readonly Values?: readonly string[];
}

/** Which operation the filters are for: their keys differ. */
export type FilterContext = 'describe' | 'path';

/** Picks the version a parameter is reported with (its latest, or the labelled one for a Label filter),
 * or undefined when the filters exclude it. */
export type FilterMatch = (row: CurrentRow) => VersionRow | undefined;

const VALUES: Readonly<Record<string, readonly string[]>> = {
  Type: ['String', 'StringList', 'SecureString'],
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
};

/** Checks the filters as AWS does, first failure first, and compiles them into one match. */
export function compileFilters(
  filters: readonly ParameterStringFilter[],
  context: FilterContext,
  ssm: ParameterStore,
): FilterMatch {
  const seen = new Set<string>();
  for (const filter of filters) {
    checkFilter(filter, context);
    if (seen.has(filter.Key)) {
      throw invalidFilterKey(
        `The following filter is duplicated in the request: ${filter.Key}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(filter.Key);
  }
  return (row) => {
    let reported: VersionRow = row;
    for (const filter of filters) {
      const option = filter.Option ?? (filter.Key === 'Path' ? 'OneLevel' : 'Equals');
      const values = filter.Values ?? [];
      if (filter.Key === 'Label') {
        const labels = ssm.labels(row);
        const versions = values.map((label) => labels.get(label)).filter((v) => v !== undefined);
        if (versions.length === 0) return undefined;
        const labelled = ssm.version(row, Math.max(...versions));
        if (!labelled) return undefined;
        reported = labelled;
      } else if (filter.Key.startsWith('tag:')) {
        const tag = ssm.tags(row).find((t) => t.Key === filter.Key.slice(4));
        if (!tag || (values.length > 0 && !matches(tag.Value, option, values))) return undefined;
      } else if (!matchesAttribute(row, filter.Key, option, values)) return undefined;
    }
    return reported;
  };
}

function checkFilter(filter: ParameterStringFilter, context: FilterContext): void {
  const { Key: key } = filter;
  if (context === 'describe' && key === 'Label') {
    throw invalidFilterKey(
      'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
    );
  }
  // "For GetParametersByPath, the following patterns listed for Key aren't valid: tag, DataType, Name,
  // Path, and Tier." (API_ParameterStringFilter.html)
  if (context === 'path' && (['Name', 'Path', 'Tier', 'DataType'].includes(key) || key.startsWith('tag:'))) {
    throw invalidFilterKey(
      `The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`,
    );
  }
  const values = filter.Values ?? [];
  if (!key.startsWith('tag:') && values.length === 0) {
    throw invalidFilterValue(`The following filter values are missing : null for filter key ${key}.`);
  }
  const option = filter.Option ?? (key === 'Path' ? 'OneLevel' : 'Equals');
  const options =
    key === 'Path'
      ? ['Recursive', 'OneLevel']
      : key === 'Label'
        ? ['Equals']
        : key === 'Name' && context === 'describe'
          ? ['Equals', 'BeginsWith', 'Contains']
          : ['BeginsWith', 'Equals'];
  if (!options.includes(option)) {
    throw invalidFilterOption(
      `The following filter option is not valid: ${option}. Valid options include: [${options.join(', ')}].`,
    );
  }
  const allowed = VALUES[key];
  const unknown = allowed && values.find((value) => !allowed.includes(value));
  if (allowed && unknown !== undefined) {
    throw invalidFilterOption(
      `The following filter value is not valid: ${unknown}. Valid values include: [${allowed.join(', ')}].`,
    );
  }
  if (key === 'Path') for (const value of values) checkPathValue(value);
}

function checkPathValue(value: string): void {
  if (/^\/(aws|ssm)/i.test(value)) {
    throw validation(
      'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.',
    );
  }
  checkPath(value);
}

function matchesAttribute(row: CurrentRow, key: string, option: string, values: readonly string[]): boolean {
  switch (key) {
    case 'Name':
      if (option === 'Contains') return values.some((value) => row.name.includes(value));
      // `db` and `/db` name one parameter, so both spellings match it.
      return matches(asPath(row.name), option, values.map(asPath));
    case 'Path': {
      const name = asPath(row.name);
      const parent = name.slice(0, name.lastIndexOf('/')) || '/';
      return values.some((value) => {
        const path = value.length > 1 ? value.replace(/\/+$/, '') : value;
        if (option === 'OneLevel') return parent === path;
        return path === '/' || name.startsWith(`${path}/`);
      });
    }
    case 'Type':
      return matches(row.type, option, values);
    case 'KeyId':
      return row.key_id !== null && matches(row.key_id, option, values);
    case 'Tier':
      return matches(row.tier, option, values);
    case 'DataType':
      return matches(row.data_type, option, values);
    default:
      return false;
  }
}

function matches(actual: string, option: string, values: readonly string[]): boolean {
  return option === 'BeginsWith'
    ? values.some((value) => actual.startsWith(value))
    : values.some((value) => actual === value);
}
