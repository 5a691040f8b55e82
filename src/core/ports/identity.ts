// The identity port: how the edge, when asked to verify signatures (`--verify-signatures`) or to authorise
// requests (`--iam enforce|log`), learns who an access key belongs to and which policies apply to them,
// implemented by the services that own that state (IAM: users and their access keys, inline and managed
// policies, permissions boundaries; STS: temporary credentials and their session policies), so the server
// never imports their files. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html

/** Who signed: the account root, an IAM user, or a role session (AssumeRole's temporary credentials). */
export interface Principal {
  readonly type: 'root' | 'user' | 'assumed-role';
  readonly account: string;
  /** `arn:aws:iam::123456789012:user/path/alice`, `arn:aws:sts::123456789012:assumed-role/r/session`. */
  readonly arn: string;
  /** `aws:userid`: the user's AIDA… id, or `AROA…:session` for a role session. */
  readonly userId: string;
  /** The user's or the role's name. */
  readonly name: string;
  /** For a role session: the role's ARN (`aws:PrincipalArn`) and the session policies passed to AssumeRole. */
  readonly roleArn?: string;
  readonly sessionPolicies?: readonly string[];
}

/** A secret and who it belongs to, as the signature check needs them. */
export interface Credential {
  readonly secretAccessKey: string;
  readonly principal: Principal;
  /** Temporary credentials: the token that must accompany them, and when they stop working (epoch ms). */
  readonly sessionToken?: string;
  readonly expiresAt?: number;
  /** False for an access key made Inactive (UpdateAccessKey). */
  readonly active?: boolean;
}

/** The policies that apply to a principal by who it is (identity-based policies and its boundary). */
export interface PrincipalPolicies {
  /** Policy documents (JSON text): inline and attached managed policies, of the user and its groups or
   * of the role. */
  readonly identity: readonly string[];
  /** The permissions boundary's document, when one is set. */
  readonly boundary?: string;
}

/** What a service owning credentials answers (IAM's access keys, STS's temporary credentials). */
export interface CredentialSource {
  /** The credential of an access key id; undefined when this source did not issue it. */
  credential(accessKeyId: string): Credential | undefined;
}

/** What IAM answers: the policies of a user, or of the role behind a role session. */
export interface PolicySource {
  policiesOf(principal: Principal): PrincipalPolicies;
}
