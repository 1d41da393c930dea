/** @jest-environment node */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionName, ActionRequest, ActionResult } from '../../typings';
import { createCloudbaseStore } from '../../backend/adapters/cloudbase/store';
import { createBackend } from '../../backend/app';
import { fixedClock } from '../../backend/core/clock';
import { DEFAULT_CONFIG, type BackendDeps } from '../../backend/core/context';
import { createMemoryLogger } from '../../backend/core/logger';
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import type { AdminDoc } from '../../backend/domain/admins/model';
import type { AuditDoc } from '../../backend/domain/audit/audit';
import { verifyPassword } from '../../backend/domain/auth/passwords';
import { parseArgs, runReset, type ResetHooks } from '../../backend/local/cli/admin-reset';
import { createLocalDeps } from '../../backend/local/deps';
import { COLLECTIONS } from '../../backend/schema/collections';
import { runChild as runCliChild, runInProcess as runCliInProcess } from '../helpers/cli';
import { FakeDatabase, FakeStorage } from '../helpers/fake-cloudbase';

const CLI = 'backend/local/cli/admin-reset.ts';
const OLD_PASSWORD = 'Forgotten-Passw0rd';
const PRINTED = /临时密码（只显示这一次）：(\S+)/;

const runChild = (args: string[], env: Record<string, string>) => runCliChild(CLI, args, env);
const runInProcess = (args: string[], hooks: Partial<ResetHooks> = {}) =>
  runCliInProcess(runReset, args, hooks);

/** One action against the store in DATA_DIR, as the local server would run it. */
async function call<N extends ActionName>(
  deps: BackendDeps,
  action: N,
  data: ActionRequest<N>,
  token: string | null = null,
): Promise<ActionResult<unknown>> {
  const caller = { transport: 'http' as const, openid: null, clientIp: '127.0.0.1' };
  return createBackend(deps).dispatch(
    { action, data },
    { ...caller, token, requestId: randomUUID() },
  );
}

const tokenOf = (result: ActionResult<unknown>): string =>
  result.ok ? (result.data as { token: string }).token : '';

describe('parseArgs', () => {
  it.each([
    [['admin'], { kind: 'run', username: 'admin', envId: null }],
    [['admin', '--env', 'env-1a2b'], { kind: 'run', username: 'admin', envId: 'env-1a2b' }],
    [['--env=env-1a2b', 'wang'], { kind: 'run', username: 'wang', envId: 'env-1a2b' }],
    [['--', '-odd'], { kind: 'run', username: '-odd', envId: null }],
  ])('reads %j', (argv, parsed) => {
    expect(parseArgs(argv)).toEqual(parsed);
  });

  it.each([[[]], [['a', 'b']], [['admin', '--env']], [['admin', '--force']]])(
    'refuses %j',
    (argv) => {
      expect(parseArgs(argv)).toMatchObject({ kind: 'error' });
    },
  );

  it('refuses secrets on the command line without repeating them', () => {
    const parsed = parseArgs(['admin', '--secret-key=AKIDsecretvalue']);
    expect(parsed).toEqual({ kind: 'error', message: expect.stringContaining('TCB_SECRET_KEY') });
    expect(JSON.stringify(parsed)).not.toContain('AKIDsecretvalue');
  });
});

describe('npm run admin:reset on the local store', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'admin-reset-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Opens the store in DATA_DIR for the duration of `use`, then closes it for the child. */
  async function withStore<T>(use: (deps: BackendDeps) => Promise<T>): Promise<T> {
    const deps = createLocalDeps(dataDir, { logger: createMemoryLogger() });
    try {
      return await use(deps);
    } finally {
      deps.store.close();
    }
  }

  it('gives the only super-admin a way back in', async () => {
    // The super-admin is logged in somewhere, and has been disabled by a mishap.
    const oldToken = await withStore(async (deps) => {
      await ensureFirstAdmin(deps, OLD_PASSWORD, new Date());
      const login = await call(deps, 'admin.login', { username: 'admin', password: OLD_PASSWORD });
      const [admin] = await deps.store.find<AdminDoc>(COLLECTIONS.admins);
      await deps.store.update(COLLECTIONS.admins, admin!._id, { set: { disabled: true } });
      return tokenOf(login);
    });
    expect(oldToken).not.toBe('');

    const run = runChild(['admin'], { DATA_DIR: dataDir });

    expect(run.status).toBe(0);
    const printed = PRINTED.exec(run.stdout)?.[1] ?? '';
    expect(printed).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(run.stdout.split(printed)).toHaveLength(2);
    expect(run.stderr).not.toContain(printed);
    expect(run.stdout).toContain('现已重新启用');

    await withStore(async (deps) => {
      expect(await call(deps, 'admin.me', {}, oldToken)).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(
        await call(deps, 'admin.login', { username: 'admin', password: OLD_PASSWORD }),
      ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      const login = await call(deps, 'admin.login', { username: 'admin', password: printed });
      expect(login).toMatchObject({
        ok: true,
        data: { admin: { mustChangePassword: true, disabled: false } },
      });

      const [admin] = await deps.store.find<AdminDoc>(COLLECTIONS.admins);
      const audit = await deps.store.find<AuditDoc>(COLLECTIONS.auditLog, {
        where: { target: admin!._id, actorKind: 'system' },
      });
      expect(audit).toEqual([
        expect.objectContaining({ action: 'admin.accounts.resetPassword', actorId: null }),
      ]);
      expect(JSON.stringify(audit)).not.toContain(printed);
    });
  }, 120_000);

  it('exits 1 on an unknown username, naming the accounts there are', async () => {
    await withStore((deps) => ensureFirstAdmin(deps, OLD_PASSWORD, new Date()));

    const run = runChild(['zhangsan'], { DATA_DIR: dataDir });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('没有账号名为“zhangsan”的管理员');
    expect(run.stderr).toContain('现有管理员：admin');
    expect(run.stdout).toBe('');
  }, 120_000);

  it('prints the usage and exits 2 without a username', () => {
    const run = runChild([], { DATA_DIR: dataDir });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('用法：npm run admin:reset -- 管理员账号名');
  }, 120_000);

  it('exits 1 on a data folder without a store, and creates nothing', async () => {
    const missing = join(dataDir, 'typo');

    const run = await runInProcess(['admin'], { env: { DATA_DIR: missing } });

    expect(run.status).toBe(1);
    expect(run.err).toContain('找不到 store.sqlite');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('npm run admin:reset -- --env', () => {
  const secrets = { TCB_SECRET_ID: 'AKIDfake0123456789', TCB_SECRET_KEY: 'fakeKey9876543210' };

  /** A cloud environment as the SDK would present it, holding the first admin. */
  async function cloudWithAdmin() {
    const database = new FakeDatabase('node-sdk');
    for (const name of Object.values(COLLECTIONS)) database.seed(name);
    const deps: BackendDeps = {
      store: createCloudbaseStore(database, { sdk: 'node-sdk' }),
      files: { put: jest.fn(), get: jest.fn(), remove: jest.fn() },
      clock: fixedClock('2026-06-15T04:00:00Z'),
      logger: createMemoryLogger(),
      config: DEFAULT_CONFIG,
    };
    await ensureFirstAdmin(deps, OLD_PASSWORD, deps.clock.now());
    return { database, env: { database, storage: new FakeStorage('node-sdk') } };
  }

  it('resets the account in the cloud database the environment id names', async () => {
    const { database, env } = await cloudWithAdmin();
    const connect = jest.fn(async () => env);

    const run = await runInProcess(['admin', '--env', 'society-1a2b'], {
      env: secrets,
      connect,
    });

    expect(run.status).toBe(0);
    expect(connect).toHaveBeenCalledWith('society-1a2b');
    const printed = PRINTED.exec(run.out)?.[1] ?? '';
    const [admin] = database.docs(COLLECTIONS.admins) as unknown as AdminDoc[];
    expect(admin).toMatchObject({ mustChangePassword: true, disabled: false });
    await expect(verifyPassword(printed, admin!.passwordHash)).resolves.toBe(true);
    await expect(verifyPassword(OLD_PASSWORD, admin!.passwordHash)).resolves.toBe(false);
    expect(database.docs(COLLECTIONS.auditLog)).toEqual([
      expect.objectContaining({ actorKind: 'system', target: admin!._id }),
    ]);
  });

  it('never prints a secret, even when the SDK echoes it', async () => {
    const run = await runInProcess(['admin', '--env', 'society-1a2b'], {
      env: secrets,
      connect: async () => {
        throw new Error(`signature mismatch for key ${secrets.TCB_SECRET_KEY}`);
      },
    });

    expect(run.status).toBe(1);
    expect(run.out + run.err).not.toContain(secrets.TCB_SECRET_KEY);
    expect(run.err).toContain('[redacted]');
  });
});
