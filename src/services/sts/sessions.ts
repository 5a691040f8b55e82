// STS's temporary credentials, kept in SQLite so that signatures made with them verify (`--verify-signatures`)
// and role sessions are authorised with their role's policies and their session policy (`--iam enforce`)
// across a restart, until they expire on the cloud clock.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_request.html

import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Credential, Principal } from '../../core/ports/identity.js';
import { prepareAll, type Store } from '../../core/store.js';

const MIGRATIONS = [
  `CREATE TABLE sts_sessions (
     access_key_id TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     session_token TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     principal TEXT NOT NULL);
   CREATE INDEX sts_sessions_by_expiry ON sts_sessions (expires_at);`,
];

const SQL = {
  insert:
    'INSERT INTO sts_sessions (access_key_id, secret, session_token, expires_at, principal) VALUES (?, ?, ?, ?, ?)',
  find: 'SELECT * FROM sts_sessions WHERE access_key_id = ?',
  expire: 'DELETE FROM sts_sessions WHERE expires_at < ?',
  clear: 'DELETE FROM sts_sessions',
};

interface SessionRow {
  access_key_id: string;
  secret: string;
  session_token: string;
  expires_at: number;
  principal: string;
}

export interface IssuedCredentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  readonly Expiration: number;
}

export class Sessions {
  private readonly sql: ReturnType<typeof prepareAll<typeof SQL>>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    store.migrate('sts', MIGRATIONS);
    this.sql = prepareAll(store, SQL);
  }

  /** Fresh `ASIA…` credentials for `principal`, expiring at `expiration` (epoch ms). */
  issue(principal: Principal, expiration: number): IssuedCredentials {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const credentials = {
      AccessKeyId: `ASIA${Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('')}`,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(96).toString('base64'),
      Expiration: expiration,
    };
    // Expired sessions are dropped as new ones are issued: nothing else needs them.
    this.sql.expire.run(this.clock.now() - 24 * 3600 * 1000);
    this.sql.insert.run(
      credentials.AccessKeyId,
      credentials.SecretAccessKey,
      credentials.SessionToken,
      expiration,
      JSON.stringify(principal),
    );
    return credentials;
  }

  /** The identity port (core/ports/identity.ts). */
  credential(accessKeyId: string): Credential | undefined {
    if (!accessKeyId.startsWith('ASIA')) return undefined;
    const row = this.sql.find.get(accessKeyId) as SessionRow | undefined;
    if (!row) return undefined;
    return {
      secretAccessKey: row.secret,
      sessionToken: row.session_token,
      expiresAt: row.expires_at,
      principal: JSON.parse(row.principal) as Principal,
    };
  }

  reset(): void {
    this.sql.clear.run();
  }
}
