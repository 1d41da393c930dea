/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend } from '../../backend/app';
import { fixedClock } from '../../backend/core/clock';
import { createMemoryLogger } from '../../backend/core/logger';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { parseJobArgs, usage } from '../../backend/local/cli/job';
import { createLocalDeps } from '../../backend/local/deps';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { callerWith, openTestSession, PDF_BYTES, PNG_BYTES } from '../helpers/files';

const ROOT = resolve(__dirname, '../..');
const DAY = 86_400_000;

describe('the daily uploads job', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  async function upload(bytes: Buffer): Promise<UploadDoc> {
    const token = await openTestSession(t.deps, { kind: 'admin' });
    const gate = await t.backend.openUpload(callerWith(token));
    if (!gate.ok) throw new Error(gate.code);
    const { fileId } = dataOf<{ fileId: string }>(await gate.store({ name: 'x', bytes }));
    return (await t.store.get<UploadDoc>(COLLECTIONS.files, fileId))!;
  }

  it('deletes the bytes and the record of uploads past expiresAt, and counts them', async () => {
    const old = await upload(PDF_BYTES);
    t.clock.advance(3 * DAY);
    const recent = await upload(PNG_BYTES);
    const attached = await upload(PNG_BYTES);
    // What a later feature does when an order keeps its voucher.
    await t.store.update(COLLECTIONS.files, attached._id, { set: { expiresAt: null } });
    t.clock.advance(5 * DAY);

    const result = await t.backend.runJobs(['uploads']);

    expect(result).toEqual({ uploads: { removed: 1, failed: 0 } });
    expect(await t.store.get(COLLECTIONS.files, old._id)).toBeNull();
    expect(await t.deps.files.get(old.storedFileId)).toBeNull();
    expect(await t.deps.files.get(recent.storedFileId)).toEqual(PNG_BYTES);
    expect(await t.store.get(COLLECTIONS.files, attached._id)).not.toBeNull();
  });

  it('keeps the record of a file the store could not delete, for the next run', async () => {
    const stuck = await upload(PDF_BYTES);
    const gone = await upload(PNG_BYTES);
    const remove = t.deps.files.remove.bind(t.deps.files);
    t.deps.files.remove = async (fileId) => {
      if (fileId === stuck.storedFileId) throw new Error('storage unavailable');
      return remove(fileId);
    };
    t.clock.advance(8 * DAY);

    const first = await t.backend.runJobs(['uploads']);
    t.deps.files.remove = remove;
    const second = await t.backend.runJobs(['uploads']);

    expect(first).toEqual({ uploads: { removed: 1, failed: 1 } });
    expect(second).toEqual({ uploads: { removed: 1, failed: 0 } });
    expect(await t.store.get(COLLECTIONS.files, gone._id)).toBeNull();
    expect(t.logger.lines.some((line) => line.includes('upload_expiry_failed'))).toBe(true);
  });

  it('runs among the daily jobs the timer starts', async () => {
    expect(Object.keys(await t.backend.runJobs())).toEqual(['purge', 'uploads', 'reminders']);
  });
});

describe('npm run job', () => {
  it.each([[['--help']], [['--', '--help']], [['-h']], [['uploads', '--help']]])(
    'reads %j as a request for help',
    (argv) => {
      expect(parseJobArgs(argv)).toEqual({ kind: 'help' });
    },
  );

  it('names the jobs it may run, and refuses anything else', () => {
    expect(parseJobArgs(['--', 'uploads'])).toEqual({ kind: 'run', names: ['uploads'] });
    expect(parseJobArgs([])).toEqual({ kind: 'run', names: [] });
    expect(parseJobArgs(['nope'])).toMatchObject({ kind: 'error' });
    expect(parseJobArgs(['--verbose'])).toMatchObject({ kind: 'error' });
    expect(usage()).toMatch(/purge[\s\S]*uploads/);
  });

  it('prints the usage for --help and runs `uploads` against DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'job-cli-'));
    try {
      // An expired upload in the data folder, as the local server would have left it.
      const deps = createLocalDeps(dataDir, {
        clock: fixedClock('2020-01-01T00:00:00Z'),
        logger: createMemoryLogger(),
      });
      const token = await openTestSession(deps, { kind: 'admin' });
      const gate = await createBackend(deps).openUpload(callerWith(token));
      const stored = gate.ok ? await gate.store({ name: 'a.pdf', bytes: PDF_BYTES }) : gate;
      const { fileId } = dataOf<{ fileId: string }>(stored);
      const doc = (await deps.store.get<UploadDoc>(COLLECTIONS.files, fileId))!;
      deps.store.close();

      const help = runJob(['--help'], dataDir);
      const run = runJob(['uploads'], dataDir);

      expect(help.status).toBe(0);
      expect(help.stdout).toContain('用法：npm run job');
      expect(help.stderr).not.toContain('未知');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('{"uploads":{"removed":1,"failed":0}}');
      expect(existsSync(join(dataDir, 'files', doc.storagePath))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function runJob(args: string[], dataDir: string) {
  const child = spawnSync('npx', ['tsx', 'backend/local/cli/job.ts', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
