// Resource policy documents: parsed (a document that is not JSON is MalformedPolicyDocumentException),
// checked for the shape of an IAM policy, and told apart when they grant public access.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html

import { isPlainObject } from '../../core/validate.js';
import { malformedPolicy } from './errors.js';

export type PolicyDocument = Record<string, unknown>;

export function parsePolicy(text: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicy('This resource policy contains a syntax error.');
  }
  if (!isPlainObject(parsed)) throw malformedPolicy('This resource policy contains a syntax error.');
  return parsed;
}

/** What ValidateResourcePolicy reports: a Statement list whose entries have an Effect of Allow or Deny
 * and an Action. */
export function policyProblems(document: PolicyDocument): string[] {
  const problems: string[] = [];
  const statements = statementsOf(document);
  if (statements.length === 0) problems.push('The policy must contain at least one Statement.');
  statements.forEach((statement, i) => {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      problems.push(`Statement ${i + 1}: Effect must be Allow or Deny.`);
    }
    if (statement.Action === undefined && statement.NotAction === undefined) {
      problems.push(`Statement ${i + 1}: the statement must name an Action or NotAction.`);
    }
  });
  return problems;
}

/** An Allow to every principal (`*` or `{"AWS": "*"}`) without a Condition: what BlockPublicPolicy
 * refuses. */
export function isPublic(document: PolicyDocument): boolean {
  return statementsOf(document).some((statement) => {
    if (statement.Effect !== 'Allow' || statement.Condition !== undefined) return false;
    const principal = statement.Principal;
    if (principal === '*') return true;
    if (!isPlainObject(principal)) return false;
    const aws = principal.AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  });
}

function statementsOf(document: PolicyDocument): Record<string, unknown>[] {
  const statement = document.Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  return list.filter(isPlainObject);
}
