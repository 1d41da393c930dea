/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTIONS, INDEXES, type CollectionName } from '../../backend/schema/collections';
import { FakeDatabase, FakeStorage } from '../helpers/fake-cloudbase';

/**
 * The cloud function as DevTools would upload it: the bundle `npm run build` makes, loaded with
 * a stand-in for wx-server-sdk (the real one must never load outside the cloud). The stand-in
 * answers like wx-server-sdk: its database is the recording fake of that SDK's shapes.
 */
describe('the built cloud function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloud-bundle-'));
  const db = new FakeDatabase('wx-server-sdk');
  const storage = new FakeStorage('wx-server-sdk');
  let openid = 'openid-of-the-phone';
  let main: (event: unknown) => Promise<unknown>;

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', 'cloud'], {
      env: { ...process.env, CLOUD_OUTFILE: join(dir, 'index.js') },
      stdio: 'ignore',
    });
    const sdkDir = join(dir, 'node_modules/wx-server-sdk');
    mkdirSync(sdkDir, { recursive: true });
    writeFileSync(join(sdkDir, 'index.js'), 'module.exports = globalThis.__wxServerSdkStandIn;\n');

    for (const name of Object.values(COLLECTIONS) as CollectionName[]) {
      db.seed(name);
      for (const index of INDEXES[name]) if (index.unique) db.unique(name, index.fields[0]!.field);
    }
    (globalThis as Record<string, unknown>).__wxServerSdkStandIn = {
      DYNAMIC_CURRENT_ENV: Symbol('current env'),
      init: jest.fn(),
      database: () => db,
      getWXContext: () => ({ OPENID: openid, SOURCE: 'wx_client' }),
      uploadFile: storage.uploadFile.bind(storage),
      downloadFile: storage.downloadFile.bind(storage),
      deleteFile: storage.deleteFile.bind(storage),
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    main = (require(join(dir, 'index.js')) as { main: typeof main }).main;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a member from login to the dashboard through callFunction', async () => {
    db.seed(COLLECTIONS.members, [
      {
        _id: 'm1',
        phone: '13997373133',
        name: '夏慧然',
        memberNo: 'SCXH110001',
        memberType: '个人会员',
        expiresOn: '2027-09-30',
        firstLoginAt: null,
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);

    const login = (await main({
      action: 'auth.login',
      data: { phone: '13997373133', password: '13997373133' },
    })) as { ok: boolean; data: { token: string; mustChangePassword: boolean } };
    const token = login.data.token;
    const changed = await main({
      action: 'auth.changePassword',
      data: { currentPassword: '13997373133', newPassword: 'Cloud-member-2026' },
      token,
    });
    const dashboard = await main({ action: 'member.dashboard', data: {}, token });
    openid = 'someone-else';
    const elsewhere = await main({ action: 'member.dashboard', data: {}, token });

    expect(login).toMatchObject({ ok: true, data: { mustChangePassword: true } });
    expect(changed).toEqual({ ok: true, data: { mustChangePassword: false } });
    expect(dashboard).toMatchObject({
      ok: true,
      data: { name: '夏慧然', expiresOn: '2027-09-30', pointsThisYear: 1 },
    });
    expect(elsewhere).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(db.calls.some((call) => call.api === 'runTransaction')).toBe(true);
  });

  it('answers an unknown action with the envelope', async () => {
    expect(await main({ action: 'nothing.here', data: {} })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTION',
    });
  });
});
