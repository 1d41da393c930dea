/** @jest-environment node */
import { ROSTER_LIST_LIMIT, type ActionResult, type RosterReport } from '../../../typings';
import type { AdminPrincipal, Caller, Principal } from '../../../backend/core/context';
import { createDispatcher } from '../../../backend/core/dispatch';
import { maskPhone } from '../../../backend/core/mask';
import { buildRegistry, type AnyAction } from '../../../backend/core/registry';
import { storeUpload } from '../../../backend/domain/files/uploads';
import { rosterActions } from '../../../backend/domain/roster/actions';
import { COLLECTIONS } from '../../../backend/schema/collections';
import { generateRoster } from '../../../bench/roster-fixture';
import { countAll, createRosterDeps, readSample, SECRETARIAT } from './support';

const CALLER: Caller = {
  transport: 'http',
  openid: null,
  token: 'token',
  clientIp: '127.0.0.1',
  requestId: 'request-1',
};

describe('admin.roster.preview and admin.roster.commit', () => {
  const { bytes, expected } = readSample();
  let t: ReturnType<typeof createRosterDeps>;
  let principal: Principal;
  let call: (action: string, data: unknown) => Promise<ActionResult<unknown>>;

  beforeEach(() => {
    t = createRosterDeps();
    principal = SECRETARIAT;
    const registry = buildRegistry(rosterActions as AnyAction[]);
    const dispatcher = createDispatcher(t.deps, registry, async () => principal);
    call = (action, data) => dispatcher.dispatch({ action, data }, CALLER);
  });
  afterEach(() => t.close());

  const upload = async (owner: AdminPrincipal = SECRETARIAT) => {
    const file = { name: '会员名册.xlsx', contentType: 'application/octet-stream', bytes };
    return (await storeUpload(t.deps, owner, file, t.clock.now())).fileId;
  };
  const report = (result: ActionResult<unknown>): RosterReport => {
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    return result.data as RosterReport;
  };

  it('previews the upload with every phone masked and writes nothing', async () => {
    const fileId = await upload();
    const before = await countAll(t.store);

    const preview = report(await call('admin.roster.preview', { fileId }));

    expect(preview).toMatchObject({
      dryRun: true,
      sheet: expected.sheet,
      headerRow: expected.headerRow,
      imported: expected.memberCount,
    });
    expect(preview.conflicts).toEqual(
      expected.conflicts.map((conflict) => ({ ...conflict, phone: maskPhone(conflict.phone) })),
    );
    expect(preview.adds.map((row) => row.phoneMasked)).toEqual(
      expected.members.map((member) => maskPhone(member.phone)),
    );
    expect(JSON.stringify(preview)).not.toMatch(/1\d{10}/);
    expect(await countAll(t.store)).toEqual(before);
  });

  it('commits the upload, then reports the same file unchanged', async () => {
    const fileId = await upload();

    const committed = report(await call('admin.roster.commit', { fileId }));
    const again = report(await call('admin.roster.commit', { fileId }));

    expect(committed).toMatchObject({ dryRun: false, imported: expected.memberCount });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: expected.memberCount });
    expect(await t.store.count(COLLECTIONS.members)).toBe(expected.memberCount);
    expect(await t.store.count(COLLECTIONS.importRuns)).toBe(2);
  });

  it('lists at most ROSTER_LIST_LIMIT planned rows while the counts stay complete', async () => {
    const big = await generateRoster(ROSTER_LIST_LIMIT + 20);
    const file = { name: 'big.xlsx', contentType: 'application/octet-stream', bytes: big };
    const { fileId } = await storeUpload(t.deps, SECRETARIAT, file, t.clock.now());

    const preview = report(await call('admin.roster.preview', { fileId }));
    const small = report(await call('admin.roster.preview', { fileId: await upload() }));

    expect(preview.imported).toBe(ROSTER_LIST_LIMIT + 20);
    expect(preview.adds).toHaveLength(ROSTER_LIST_LIMIT);
    expect(preview.listsTruncated).toBe(true);
    expect(small.listsTruncated).toBe(false);
  });

  it('is refused to finance', async () => {
    const fileId = await upload();
    principal = { ...SECRETARIAT, role: 'finance' };

    expect(await call('admin.roster.commit', { fileId })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await t.store.count(COLLECTIONS.members)).toBe(0);
  });

  it("does not read another admin's upload", async () => {
    const fileId = await upload({ ...SECRETARIAT, adminId: 'admin-other' });

    expect(await call('admin.roster.preview', { fileId })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('takes exactly a fileId', async () => {
    const fileId = await upload();

    expect(await call('admin.roster.commit', { fileId, dryRun: true })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await call('admin.roster.preview', {})).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});
