// The request-target of an HTTP request (`/path?query`), split without building a WHATWG URL:
// a URL object costs more than the rest of routing on the hot path.

export interface RequestTarget {
  /** The path as sent, without the query. */
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
}

const NO_PARAMS = new URLSearchParams();

export function parseRequestTarget(raw: string | undefined): RequestTarget {
  const target = raw ?? '/';
  const question = target.indexOf('?');
  if (question === -1) return { pathname: target, searchParams: NO_PARAMS };
  return {
    pathname: target.slice(0, question),
    searchParams: new URLSearchParams(target.slice(question + 1)),
  };
}
