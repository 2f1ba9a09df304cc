/**
 * The checks a Bot Framework JWT must pass before the SDK verifies its signature: the SDK throws
 * plain errors (answered 500) on tokens that are not JWTs at all, and would fetch Microsoft's signing
 * keys for a token that could never be valid. Signature, issuer and endorsements stay with the SDK.
 */

/** Algorithms the Bot Framework signs with (AuthenticationConstants.AllowedSigningAlgorithms). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** The SDK's clock tolerance. */
const CLOCK_SKEW_S = 300;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type Json = Record<string, unknown>;

function segment(part: string): Json | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why `authorization` cannot be a valid Bot Framework token for `appId`, or undefined when it may be
 * (then the SDK checks signature and issuer).
 */
export function tokenProblem(authorization: string | undefined, appId: string, nowMs = Date.now()): string | undefined {
  if (!authorization) return 'no Authorization header';
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!match) return 'the Authorization header is not "Bearer <token>"';
  const parts = match[1].split('.');
  if (parts.length !== 3 || !BASE64URL.test(parts[2])) return 'the token is not a signed JWT';
  const header = segment(parts[0]);
  const payload = segment(parts[1]);
  if (!header || !payload) return 'the token is not a JWT';
  if (typeof header.alg !== 'string' || !ALGORITHMS.has(header.alg)) return 'the token is not signed with an allowed algorithm';
  if (typeof header.kid !== 'string' || !header.kid) return 'the token names no signing key';
  if (typeof payload.iss !== 'string' || !payload.iss) return 'the token has no issuer';
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(appId)) return 'the token is not for this bot';
  const now = nowMs / 1000;
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_SKEW_S < now) return 'the token has expired';
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf - CLOCK_SKEW_S > now)) return 'the token is not valid yet';
  return undefined;
}
