/**
 * The portal's only way to the backend: `POST /api` with `{ action, data }` and the session
 * token, answering the result envelope. Views never call `fetch` themselves.
 */
import type {
  ActionName,
  ActionRequest,
  ActionResponse,
  ActionResult,
  ErrorCode,
} from '../../../typings';
import { ERROR_CODES } from '../../../typings';
import { getToken, realmOf, type Realm } from './tokens';

/** A refused call: `code` is for the code, `message` (Chinese) for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    /** When a LOCKED or RATE_LIMITED caller may try again. */
    readonly retryAt: Date | null = null,
    /** On INVALID_INPUT, the request field the message is about, when the backend names one. */
    readonly field: string | null = null,
    /** On CONFLICT, which conflict, when the backend tells them apart. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type SessionLossHandler = (
  realm: Realm,
  code: 'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED',
) => void;

let onSessionLoss: SessionLossHandler = () => undefined;

/**
 * Lets the router react to a lost session (or a pending password change) wherever it shows
 * up; registered once at start-up so the client does not depend on the router.
 */
export function handleSessionLoss(handler: SessionLossHandler): void {
  onSessionLoss = handler;
}

/**
 * Calls one action, typed from the contract; throws `ApiError` on any refusal. `realm` is for
 * the few actions both realms call (files.link): the console passes 'admin'.
 */
export async function callAction<N extends ActionName>(
  name: N,
  data: ActionRequest<N>,
  realm: Realm = realmOf(name),
): Promise<ActionResponse<N>> {
  const reply = await post<ActionResponse<N>>(
    '/api',
    { 'Content-Type': 'application/json' },
    JSON.stringify({ action: name, data }),
    realm,
  );
  return unwrap(reply, realm);
}

/** Uploads one file for a later action to refer to by id; it travels with the admin token. */
export async function uploadFile(file: File, realm: Realm = 'admin'): Promise<{ fileId: string }> {
  const body = new FormData();
  body.append('file', file, file.name);
  return unwrap(await post<{ fileId: string }>('/api/files', {}, body, realm), realm);
}

/** How an upload made with an upload grant is going, and how to stop it. */
export interface GrantUploadOptions {
  /** The share of the file's bytes sent so far, 0 to 1. */
  onProgress?: (sent: number) => void;
  /** Aborting it ends the upload; the promise then rejects with a NETWORK error. */
  signal?: AbortSignal;
}

/**
 * Uploads one page of an 入会申请 with its upload grant (`application.uploadGrant`) as the
 * bearer token instead of a session's: the applicant has no login. XMLHttpRequest rather than
 * fetch, because only it reports how much of the body has been sent.
 */
export function uploadWithGrant(
  file: File,
  grant: string,
  options: GrantUploadOptions = {},
): Promise<{ fileId: string }> {
  if (options.signal?.aborted) return Promise.reject(new ApiError('NETWORK', ''));
  const body = new FormData();
  body.append('file', file, file.name);
  const request = new XMLHttpRequest();

  const reply = new Promise<Reply<{ fileId: string }>>((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(event.loaded / event.total);
      }
    };
    request.onerror = () => reject(new ApiError('NETWORK', ''));
    request.onabort = () => reject(new ApiError('NETWORK', ''));
    request.onload = () => {
      // As in `post`: the envelope is the answer whatever the status; no envelope is a fault.
      const result = request.response as ActionResult<{ fileId: string }> | null;
      if (result === null) reject(new ApiError('INTERNAL', ''));
      // A grant is no session: its refusal must not end the member's login in this tab.
      else resolve({ result, sentToken: false });
    };
  });

  request.open('POST', '/api/files');
  request.responseType = 'json';
  request.setRequestHeader('Authorization', `Bearer ${grant}`);
  options.signal?.addEventListener('abort', () => request.abort(), { once: true });
  request.send(body);
  return reply.then((answer) => unwrap(answer, 'member'));
}

interface Reply<T> {
  result: ActionResult<T>;
  sentToken: boolean;
}

async function post<T>(
  url: string,
  headers: Record<string, string>,
  body: BodyInit,
  realm: Realm,
): Promise<Reply<T>> {
  const token = getToken(realm);
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...headers, ...auth }, body });
  } catch {
    throw new ApiError('NETWORK', '');
  }

  // The envelope is the answer, whatever the status; a body that is not one is a fault.
  try {
    return { result: (await response.json()) as ActionResult<T>, sentToken: token !== null };
  } catch {
    throw new ApiError('INTERNAL', '');
  }
}

function unwrap<T>({ result, sentToken }: Reply<T>, realm: Realm): T {
  if (result && result.ok === true) return result.data;
  if (!result || result.ok !== false) throw new ApiError('INTERNAL', '');

  const code: ErrorCode = ERROR_CODES.includes(result.code) ? result.code : 'INTERNAL';
  // Without a token there was no session to lose: a wrong password is just an error.
  if (sentToken && (code === 'UNAUTHENTICATED' || code === 'PASSWORD_CHANGE_REQUIRED')) {
    onSessionLoss(realm, code);
  }
  const retryAt = result.retryAt ? new Date(result.retryAt) : null;
  throw new ApiError(
    code,
    result.message ?? '',
    retryAt,
    result.field ?? null,
    result.reason ?? null,
  );
}
