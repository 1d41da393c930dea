/** @jest-environment node */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../../backend/adapters/sqlite/store';
import { parseArgs, runCli, type CliHooks } from '../../../backend/local/cli/roster-import';
import { COLLECTIONS } from '../../../backend/schema/collections';
import { runChild as runCliChild, runInProcess as runCliInProcess } from '../../helpers/cli';
import { countAll, isChinese, readSample, SAMPLE_XLSX } from './support';

const CLI = 'backend/local/cli/roster-import.ts';

interface CliJson {
  imported: number;
  updated: number;
  unchanged: number;
  rowErrors: { row: number; code?: string; reason: string }[];
  conflicts: { row: number; phone: string; sameAsRow: number }[];
}

const runChild = (args: string[], env: Record<string, string>) => runCliChild(CLI, args, env);
const runInProcess = (args: string[], hooks: Partial<CliHooks> = {}) =>
  runCliInProcess(runCli, args, hooks);

describe('parseArgs', () => {
  it.each([
    [['roster.xlsx'], { file: 'roster.xlsx', dryRun: false, json: false, envId: null }],
    [['--dry-run', 'a.xlsx', '--json'], { file: 'a.xlsx', dryRun: true, json: true, envId: null }],
    [
      ['a.xlsx', '--env', 'prod-1a2b'],
      { file: 'a.xlsx', dryRun: false, json: false, envId: 'prod-1a2b' },
    ],
    [
      ['--env=prod-1a2b', 'a.xlsx'],
      { file: 'a.xlsx', dryRun: false, json: false, envId: 'prod-1a2b' },
    ],
    [
      ['--json', '--', '--odd-name.xlsx'],
      { file: '--odd-name.xlsx', dryRun: false, json: true, envId: null },
    ],
  ])('reads %j', (argv, options) => {
    expect(parseArgs(argv)).toEqual({ kind: 'run', options });
  });

  it.each([
    [[]],
    [['a.xlsx', 'b.xlsx']],
    [['a.xlsx', '--env']],
    [['a.xlsx', '--env', 'not an id']],
    [['a.xlsx', '--env', 'one', '--env', 'two']],
    [['a.xlsx', '--verbose']],
    [['a.xlsx', '--dry-run=yes']],
  ])('refuses %j', (argv) => {
    const parsed = parseArgs(argv);
    expect(parsed.kind).toBe('error');
    // Option names aside, the message is Chinese.
    const message = parsed.kind === 'error' ? parsed.message.replace(/--?[a-z-]+/g, '') : '';
    expect(isChinese(message)).toBe(true);
  });

  it('refuses secrets on the command line without repeating them', () => {
    const parsed = parseArgs(['a.xlsx', '--secret-key=AKIDsecretvalue']);
    expect(parsed).toEqual({ kind: 'error', message: expect.stringContaining('TCB_SECRET_KEY') });
    expect(JSON.stringify(parsed)).not.toContain('AKIDsecretvalue');
  });

  it('answers help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });
});

describe('npm run roster:import', () => {
  const { expected } = readSample();
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const countStore = async () => {
    const store = createSqliteStore(join(dataDir, 'store.sqlite'));
    try {
      return await countAll(store);
    } finally {
      store.close();
    }
  };

  it('imports the sample as the expected file says, then finds it all unchanged', async () => {
    // A zone west of UTC: reading a UTC-midnight date in local time would give the day before.
    const env = { DATA_DIR: dataDir, TZ: 'America/Los_Angeles' };
    const first = runChild([SAMPLE_XLSX, '--json'], env);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as CliJson;
    expect(Object.keys(report).sort()).toEqual([
      'conflicts',
      'imported',
      'rowErrors',
      'unchanged',
      'updated',
    ]);
    expect(report).toMatchObject({ imported: expected.memberCount, updated: 0, unchanged: 0 });
    expect(report.rowErrors.map((error) => error.row)).toEqual(
      expected.rowErrors.map((e) => e.row),
    );
    expect(report.rowErrors.every((error) => isChinese(error.reason))).toBe(true);
    expect(report.conflicts).toEqual(expected.conflicts);
    expect((await countStore())[COLLECTIONS.members]).toBe(expected.memberCount);

    const store = createSqliteStore(join(dataDir, 'store.sqlite'));
    const expiries = new Map(
      (
        await store.find<{ _id: string; phone: string; expiresOn: string | null }>(
          COLLECTIONS.members,
          {},
          { limit: 1000 },
        )
      ).map((member) => [member.phone, member.expiresOn]),
    );
    store.close();
    expect(expected.members.map((m) => expiries.get(m.phone))).toEqual(
      expected.members.map((m) => m.expiresOn),
    );

    const second = runChild([SAMPLE_XLSX, '--json'], env);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: expected.memberCount,
    });
  }, 120_000);

  it('writes nothing on --dry-run, to a fresh folder or to an existing store', async () => {
    const fresh = runChild([SAMPLE_XLSX, '--dry-run', '--json'], {
      DATA_DIR: join(dataDir, 'new'),
    });
    expect(fresh.status).toBe(0);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ imported: expected.memberCount });
    expect(existsSync(join(dataDir, 'new'))).toBe(false);

    expect(runChild([SAMPLE_XLSX], { DATA_DIR: dataDir }).status).toBe(0);
    const before = await countStore();
    const dry = runChild([SAMPLE_XLSX, '--dry-run', '--json'], { DATA_DIR: dataDir });
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ imported: 0, unchanged: expected.memberCount });
    expect(await countStore()).toEqual(before);
  }, 120_000);

  it('exits 1 on an unreadable file and 2 on bad arguments', () => {
    const corrupt = join(dataDir, 'roster.xlsx');
    writeFileSync(corrupt, 'this is no workbook');

    const unreadable = runChild([corrupt, '--json'], { DATA_DIR: dataDir });
    expect(unreadable.status).toBe(1);
    expect(JSON.parse(unreadable.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(runChild([], { DATA_DIR: dataDir }).status).toBe(2);
    expect(existsSync(join(dataDir, 'store.sqlite'))).toBe(false);
  }, 120_000);

  it('prints a readable Chinese summary without --json', async () => {
    const run = await runInProcess([SAMPLE_XLSX, '--dry-run'], { env: { DATA_DIR: dataDir } });

    expect(run.status).toBe(0);
    expect(run.out).toContain(`新增 ${expected.memberCount} 人`);
    for (const error of expected.rowErrors) expect(run.out).toContain(`第 ${error.row} 行`);
    for (const conflict of expected.conflicts) expect(run.out).toContain(conflict.phone);
  });

  it('exits 1 when the file does not exist', async () => {
    const missing = join(dataDir, 'missing.xlsx');
    const run = await runInProcess([missing], { env: { DATA_DIR: dataDir } });

    expect(run.status).toBe(1);
    expect(run.err).toContain('无法读取文件');
  });
});

describe('npm run roster:import -- --env', () => {
  const { expected } = readSample();
  const secrets = { TCB_SECRET_ID: 'AKIDfake0123456789', TCB_SECRET_KEY: 'fakeKey9876543210' };
  const dataDir = join(tmpdir(), 'roster-cli-never-created');

  it('imports into the cloud store opened with credentials from the environment', async () => {
    const cloud = createSqliteStore(':memory:');
    const openCloudStore = jest.fn(async () => cloud);

    const run = await runInProcess([SAMPLE_XLSX, '--env', 'society-1a2b', '--json'], {
      env: { ...secrets, DATA_DIR: dataDir },
      openCloudStore,
    });

    expect(run.status).toBe(0);
    expect(openCloudStore).toHaveBeenCalledWith('society-1a2b', {
      secretId: secrets.TCB_SECRET_ID,
      secretKey: secrets.TCB_SECRET_KEY,
    });
    expect(await cloud.count(COLLECTIONS.members)).toBe(expected.memberCount);
    expect(existsSync(dataDir)).toBe(false);
    expect(run.out + run.err).not.toMatch(/AKIDfake|fakeKey/);
    cloud.close();
  });

  it('needs both credentials and opens nothing without them', async () => {
    const openCloudStore = jest.fn();

    const run = await runInProcess([SAMPLE_XLSX, '--env', 'society-1a2b'], {
      env: { TCB_SECRET_ID: secrets.TCB_SECRET_ID },
      openCloudStore,
    });

    expect(run.status).toBe(2);
    expect(run.err).toContain('TCB_SECRET_KEY');
    expect(openCloudStore).not.toHaveBeenCalled();
  });

  it('never prints a secret, even when the SDK echoes it', async () => {
    const run = await runInProcess([SAMPLE_XLSX, '--env', 'society-1a2b', '--json'], {
      env: secrets,
      openCloudStore: async () => {
        throw new Error(`signature mismatch for key ${secrets.TCB_SECRET_KEY}`);
      },
    });

    expect(run.status).toBe(1);
    expect(run.out + run.err).not.toContain(secrets.TCB_SECRET_KEY);
    expect(run.err).toContain('[redacted]');
  });
});
