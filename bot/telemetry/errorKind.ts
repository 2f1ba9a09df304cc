/**
 * The kind an error is counted under: its class name, plus its status or system code when it has
 * one (`RestError 503`, `StoreDeadlineError`, `TypeError`). Never its message, which may quote
 * what a person wrote or a third party's error body.
 */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,59}$/;
const CODE = /^[A-Za-z0-9_]{1,40}$/;

export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return 'NonError';
  const name = NAME.test(error.name) ? error.name : 'Error';
  const raw = (error as { statusCode?: unknown; code?: unknown }).statusCode ?? (error as { code?: unknown }).code;
  const code = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : undefined;
  return code && CODE.test(code) && !/^\d{7,}$/.test(code) ? `${name} ${code}` : name;
}
