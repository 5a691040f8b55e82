// CSV for a distributed Map's ItemReader: RFC 4180 rows split on CSVDelimiter, and items keyed by the first
// row or by CSVHeaders, every value as text.
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html

import { type Json, StatesFailure } from '../language/index.js';
import { ITEM_READER_FAILED } from './item-reader.js';

/** CSVDelimiter's values and the characters they name. */
const DELIMITERS: Readonly<Record<string, string>> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

/** CSV rows as objects of strings keyed by the header ("Step Functions reads every value as text"). */
export function parseCsvItems(text: string, config: Record<string, Json>, limit: number): Json[] {
  const delimiter = DELIMITERS[typeof config.CSVDelimiter === 'string' ? config.CSVDelimiter : 'COMMA'];
  if (delimiter === undefined)
    throw new StatesFailure('States.Runtime', `Unknown CSVDelimiter ${JSON.stringify(config.CSVDelimiter)}`);
  const rows = parseCsv(text, delimiter);
  const location = config.CSVHeaderLocation ?? 'FIRST_ROW';
  let headers: string[];
  if (location === 'GIVEN') {
    if (!Array.isArray(config.CSVHeaders))
      throw new StatesFailure('States.Runtime', 'CSVHeaderLocation GIVEN needs CSVHeaders');
    headers = config.CSVHeaders.map(String);
  } else {
    headers = rows.shift() ?? [];
  }
  if (new Set(headers).size < headers.length) {
    // As recorded from AWS (LocalStack's snapshot of a duplicate CSVHeaders declaration).
    throw new StatesFailure(ITEM_READER_FAILED, 'CSV headers cannot contain duplicates.');
  }
  return rows
    .slice(0, limit)
    .map((row) => Object.fromEntries(headers.map((header, i) => [header, row[i] ?? ''])));
}

/** RFC 4180: quoted fields may hold delimiters, line breaks and doubled quotes; empty lines are skipped. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}
