// The edge's opt-in checks, off unless asked for: who signed (`--verify-signatures` verifies the SigV4
// signature; `--iam` alone trusts the access key), and what runs after the protocol decoded the input but
// before the operation (IAM authorisation, injected faults). With none of them on, the edge pays one
// property read per request. See src/lib/iam/README.md.

import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from '../core/errors.js';
import type { Principal } from '../core/ports/identity.js';
import type { RequestContext, ServiceDefinition } from '../core/service.js';
import type { Route } from './identify-service.js';
import { type ErrorFlavor, principalOfKey, type SignatureVerifier, verifySignature } from './signature.js';
import { readCredentialScope } from './sigv4.js';

export interface EdgeSecurity {
  /** Verify signatures (`--verify-signatures`); else the access key is trusted to say who signed. */
  readonly verifySignatures: boolean;
  readonly verifier: SignatureVerifier;
  /** Whether the signer must be known at all (IAM authorisation on, or signatures verified). */
  readonly identifySigner: boolean;
}

/** What runs between decoding and the operation: throws the ServiceError to answer instead. */
export type BeforeOperation = (
  definition: ServiceDefinition,
  operation: string,
  input: Record<string, unknown>,
  ctx: RequestContext,
  request: { readonly headers: IncomingHttpHeaders; readonly secure: boolean; readonly sourceIp?: string },
) => void | Promise<void>;

/** The signer of a request, its authentication error, or undefined (unsigned, or nothing asks). */
export function signerOf(
  security: EdgeSecurity,
  request: { method: string; rawTarget: string; headers: IncomingHttpHeaders; body?: Buffer },
  flavor: ErrorFlavor,
): Principal | ServiceError | undefined {
  if (security.verifySignatures) return verifySignature(request, flavor, security.verifier);
  if (!security.identifySigner) return undefined;
  const question = request.rawTarget.indexOf('?');
  const search = new URLSearchParams(question === -1 ? '' : request.rawTarget.slice(question + 1));
  const scope = readCredentialScope(request.headers.authorization, search);
  return scope ? principalOfKey(scope.accessKeyId, security.verifier) : undefined;
}

/** How each protocol words authentication failures. */
export function errorFlavor(protocol: Route['protocol']): ErrorFlavor {
  if (protocol === 'rest-xml') return 's3';
  if (protocol === 'query') return 'query';
  if (protocol === 'rest-json') return 'rest-json';
  return 'json';
}
