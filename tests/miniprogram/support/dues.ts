import { randomUUID } from 'node:crypto';
import { ensureFirstAdmin } from '../../../backend/domain/admins/accounts';
import { demoDuesSettings, writeDuesSettings } from '../../../backend/domain/dues/settings';
import { ApiError } from '../../../miniprogram/services/api-error';
import { getToken } from '../../../miniprogram/services/session';
import type { UploadRequest } from '../../../miniprogram/services/upload';
import { dataOf } from '../../helpers/backend';
import { TEST_OPENID, type ConnectedBackend } from './backend';

/** The society's name: the demo account name is the society's. */
export const SOCIETY_NAME = '四川省性学会';
const ADMIN_PASSWORD = 'Secretariat-2026!';

/** The demo society's fees (个人会员 ¥300.00 a year), account and 1-3 years. */
export function seedDuesSettings(backend: ConnectedBackend): Promise<void> {
  return writeDuesSettings(backend.deps, demoDuesSettings(SOCIETY_NAME), backend.clock.now());
}

/** A working finance account (created by the super-admin, password changed): its token. */
export async function financeToken(backend: ConnectedBackend): Promise<string> {
  await ensureFirstAdmin(backend.deps, ADMIN_PASSWORD, backend.clock.now());
  const login = (username: string, password: string) =>
    backend.call('admin.login', { username, password });
  const superToken = dataOf<{ token: string }>(await login('admin', ADMIN_PASSWORD)).token;
  const { temporaryPassword } = dataOf<{ temporaryPassword: string }>(
    await backend.call(
      'admin.accounts.create',
      { username: 'lisi', displayName: '李会计', role: 'finance' },
      { token: superToken },
    ),
  );
  const token = dataOf<{ token: string }>(await login('lisi', temporaryPassword)).token;
  const changed = await backend.call(
    'admin.changePassword',
    { currentPassword: temporaryPassword, newPassword: 'Lotus-Tianfu-2026' },
    { token },
  );
  if (!changed.ok) throw new Error(`finance password not changed: ${changed.code}`);
  return token;
}

/** Hands `bytes` to the in-process backend's upload gate, as the member's upload would. */
export async function uploadBytes(
  backend: ConnectedBackend,
  bytes: Buffer,
  token: string | null = getToken(),
  from: 'miniprogram' | 'console' = 'miniprogram',
): Promise<string> {
  // The admin console uploads over HTTP; the member's session is bound to their OPENID.
  const caller =
    from === 'console'
      ? { transport: 'http' as const, openid: null, token, clientIp: '127.0.0.1' }
      : { transport: 'callFunction' as const, openid: TEST_OPENID, token, clientIp: null };
  const name = 'voucher';
  const gate = await backend.backend.openUpload({ ...caller, requestId: randomUUID() });
  const result = gate.ok ? await gate.store({ name, bytes }) : gate;
  if (!result.ok) throw new ApiError(result.code, result.message);
  return result.data.fileId;
}

/**
 * An upload the test drives: it reports progress when told and finishes when released, so a
 * page can be looked at half-way.
 */
export interface HeldUpload {
  request: UploadRequest;
  progress(percent: number): void;
  /** Stores the bytes behind the path and answers the file id to the page. */
  release(): Promise<void>;
}

/** An uploader that holds every upload in `held` until the test releases it. */
export function holdingUploader(
  backend: ConnectedBackend,
  bytesOf: (filePath: string) => Buffer,
  held: HeldUpload[],
) {
  return (request: UploadRequest) =>
    new Promise<string>((resolve, reject) => {
      held.push({
        request,
        progress: (percent) => request.onProgress?.(percent),
        release: () =>
          uploadBytes(backend, bytesOf(request.filePath), request.token).then(resolve, reject),
      });
    });
}

/** Records what the page asked of WeChat's clipboard, action sheet and pickers. */
export const wxDues = {
  clipboard: [] as string[],
  /** The row the member taps in the next action sheet; null closes it. */
  sheetTap: 0 as number | null,
  /** What wx.chooseMedia hands out next. */
  media: [] as string[],
  /** What wx.chooseMessageFile hands out next. */
  messageFiles: [] as { path: string; name: string }[],
  sheets: [] as string[][],
  chosenCounts: [] as number[],
};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void };

/** Installs the fakes of the WeChat APIs the renewal pages use; call in beforeEach. */
export function installDuesWx(): void {
  wxDues.clipboard.length = 0;
  wxDues.sheets.length = 0;
  wxDues.chosenCounts.length = 0;
  wxDues.sheetTap = 0;
  wxDues.media = [];
  wxDues.messageFiles = [];
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const later = (run: () => void) => void Promise.resolve().then(run);

  wx.getRandomValues = (options: { length: number } & Callbacks<{ randomValues: ArrayBuffer }>) => {
    const bytes = new Uint8Array(options.length).map(() => Math.floor(Math.random() * 256));
    later(() => options.success?.({ randomValues: bytes.buffer }));
  };
  wx.setClipboardData = (options: { data: string } & Callbacks<unknown>) => {
    wxDues.clipboard.push(options.data);
    later(() => options.success?.({ errMsg: 'setClipboardData:ok' }));
  };
  wx.showActionSheet = (options: { itemList: string[] } & Callbacks<{ tapIndex: number }>) => {
    wxDues.sheets.push(options.itemList);
    const tap = wxDues.sheetTap;
    later(() =>
      tap === null
        ? options.fail?.({ errMsg: 'showActionSheet:fail cancel' })
        : options.success?.({ tapIndex: tap }),
    );
  };
  wx.chooseMedia = (options: { count: number } & Callbacks<unknown>) => {
    wxDues.chosenCounts.push(options.count);
    const tempFiles = wxDues.media.map((tempFilePath) => ({ tempFilePath, size: 100 }));
    later(() => options.success?.({ tempFiles, errMsg: 'chooseMedia:ok' }));
  };
  wx.chooseMessageFile = (options: { count: number } & Callbacks<unknown>) => {
    wxDues.chosenCounts.push(options.count);
    const tempFiles = wxDues.messageFiles.map((file) => ({ ...file, size: 100, type: 'file' }));
    later(() => options.success?.({ tempFiles, errMsg: 'chooseMessageFile:ok' }));
  };
}
