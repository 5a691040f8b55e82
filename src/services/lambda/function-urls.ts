// Function URL configurations: one per function or alias, named by a 32-character url-id that is unique
// across the cloud (a request to a URL names only the id). Stored without the URL itself, which is built
// from the Host the caller used, so it stays right when the port changes across a restart.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html

import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { CorsRules } from '../../lib/cors.js';
import { type FunctionRef, functionArn, lambdaTimestamp } from './names.js';
import type { FunctionUrlRow, LambdaStatements } from './store.js';

/** A function URL's CORS configuration (src/lib/cors.ts, shared with HTTP APIs). */
export type Cors = CorsRules;

export interface UrlSettings {
  AuthType: string;
  Cors?: Cors;
  InvokeMode: string;
  CreationTime: string;
  LastModifiedTime: string;
}

export interface FunctionUrl {
  readonly urlId: string;
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** The alias, or undefined for the unqualified function. */
  readonly qualifier: string | undefined;
  readonly settings: UrlSettings;
}

/** The path form handed out as FunctionUrl: it resolves everywhere (names under `.localhost` do not
 * resolve through glibc, so Node.js and Python clients could not reach the host form). */
export const URL_PATH_PREFIX = '/_nimbus/lambda-url/';

export class FunctionUrls {
  constructor(
    private readonly sql: LambdaStatements,
    private readonly clock: Clock,
  ) {}

  find(ref: FunctionRef): FunctionUrl | undefined {
    const row = this.sql.getFunctionUrl.get(ref.account, ref.region, ref.name, ref.qualifier ?? '') as
      | FunctionUrlRow
      | undefined;
    return row && fromRow(row);
  }

  require(ref: FunctionRef): FunctionUrl {
    const url = this.find(ref);
    if (!url) {
      throw new ServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', {
        status: 404,
      });
    }
    return url;
  }

  byId(urlId: string): FunctionUrl | undefined {
    const row = this.sql.getFunctionUrlById.get(urlId) as FunctionUrlRow | undefined;
    return row && fromRow(row);
  }

  list(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>): FunctionUrl[] {
    const rows = this.sql.listFunctionUrls.all(ref.account, ref.region, ref.name) as FunctionUrlRow[];
    return rows.map(fromRow);
  }

  create(ref: FunctionRef, settings: { AuthType: string; Cors?: Cors; InvokeMode?: string }): FunctionUrl {
    if (this.find(ref)) {
      // Lambda's wording (the two spaces after "Error message:" included).
      throw new ServiceError(
        'ResourceConflictException',
        `Failed to create function url config for [functionArn = ${functionArn(ref, ref.qualifier)}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
        { status: 409 },
      );
    }
    const now = lambdaTimestamp(this.clock.now());
    const url: FunctionUrl = {
      urlId: newUrlId(),
      account: ref.account,
      region: ref.region,
      name: ref.name,
      qualifier: ref.qualifier,
      settings: {
        AuthType: settings.AuthType,
        Cors: cleanCors(settings.Cors),
        InvokeMode: settings.InvokeMode ?? 'BUFFERED',
        CreationTime: now,
        LastModifiedTime: now,
      },
    };
    this.save(url);
    return url;
  }

  /** Members given replace the stored ones; an empty Cors removes CORS (how tools drop it). */
  update(ref: FunctionRef, changes: { AuthType?: string; Cors?: Cors; InvokeMode?: string }): FunctionUrl {
    const current = this.require(ref);
    const settings: UrlSettings = {
      ...current.settings,
      AuthType: changes.AuthType ?? current.settings.AuthType,
      InvokeMode: changes.InvokeMode ?? current.settings.InvokeMode,
      Cors: changes.Cors !== undefined ? cleanCors(changes.Cors) : current.settings.Cors,
      LastModifiedTime: lambdaTimestamp(this.clock.now()),
    };
    const url = { ...current, settings };
    this.save(url);
    return url;
  }

  delete(ref: FunctionRef): void {
    this.sql.deleteFunctionUrl.run(this.require(ref).urlId);
  }

  private save(url: FunctionUrl): void {
    this.sql.putFunctionUrl.run(
      url.urlId,
      url.account,
      url.region,
      url.name,
      url.qualifier ?? '',
      JSON.stringify(url.settings),
    );
  }
}

/** The URL handed out: the path form on the endpoint the caller used. */
export function functionUrlFor(url: FunctionUrl, host: string): string {
  return `http://${host}${URL_PATH_PREFIX}${url.urlId}/`;
}

/** The configuration as Get/List/UpdateFunctionUrlConfig answer it. */
export function describeUrl(url: FunctionUrl, host: string): Record<string, unknown> {
  return {
    FunctionUrl: functionUrlFor(url, host),
    FunctionArn: functionArn(url, url.qualifier),
    ...url.settings,
  };
}

function fromRow(row: FunctionUrlRow): FunctionUrl {
  return {
    urlId: row.url_id,
    account: row.account,
    region: row.region,
    name: row.name,
    qualifier: row.qualifier === '' ? undefined : row.qualifier,
    settings: JSON.parse(row.config),
  };
}

function cleanCors(cors: Cors | undefined): Cors | undefined {
  if (!cors || Object.values(cors).every((value) => value === undefined)) return undefined;
  return cors;
}

/** 32 lowercase letters and digits, as AWS's url-ids are. */
function newUrlId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
