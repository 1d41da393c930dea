/**
 * `npm run bench`: figures, never assertions. Store reads and writes per action, latency at
 * 200 and 20,000 imported members, the import time of 10,000 rows, and the sizes of the built
 * cloud function and the mini-program's main package. 通知, 服务, 会内活动 and 年度名单 are
 * measured in engagement.ts. Every backend's clock stands at BENCH_NOW (world.ts).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ensureFirstAdmin } from '../backend/domain/admins/accounts';
import { runRosterImport } from '../backend/domain/roster/import';
import { COLLECTIONS } from '../backend/schema/collections';
import { countingStore } from './counting-store';
import { engagementLatency, engagementStoreCalls, type Timing } from './engagement';
import { kib, ms, table, timeCalls } from './measure';
import { generateRoster } from './roster-fixture';
import { cloudFunctionSize, miniprogramPackageSizes } from './sizes';
import { BENCH_NOW, call, caller, closeWorld, world, type World } from './world';

const ADMIN_PASSWORD = 'Bench-console-2026';
const NEW_PASSWORD = 'Bench-member-2026';

/** Imports an n-member roster and creates the first admin, at the world's clock. */
async function seed(w: World, members: number) {
  const now = w.deps.clock.now();
  await runRosterImport(w.deps, await generateRoster(members), { dryRun: false, actor: null, now });
  await ensureFirstAdmin(w.deps, ADMIN_PASSWORD, now);
}

async function storeCallsPerAction() {
  let counter: ReturnType<typeof countingStore> | null = null;
  const w = world((store) => (counter = countingStore(store)));
  const counts = counter as unknown as ReturnType<typeof countingStore>;
  await seed(w, 200);
  const [member] = await w.store.find<{ _id: string; phone: string }>(
    COLLECTIONS.members,
    {},
    { limit: 1 },
  );
  const phone = member!.phone;

  const rows: (string | number)[][] = [];
  const measure = async (label: string, fn: () => Promise<unknown>) => {
    counts.reset();
    await fn();
    rows.push([label, counts.counts.reads, counts.counts.writes]);
  };
  let token = '';
  let adminToken = '';
  await measure('society.info', () => call(w, 'society.info', {}));
  await measure('auth.login (first ever)', async () => {
    token = String((await call(w, 'auth.login', { phone, password: phone })).token);
  });
  await measure('auth.changePassword', () =>
    call(w, 'auth.changePassword', { currentPassword: phone, newPassword: NEW_PASSWORD }, token),
  );
  await measure('auth.login (again)', async () => {
    token = String((await call(w, 'auth.login', { phone, password: NEW_PASSWORD })).token);
  });
  await measure('member.dashboard', () => call(w, 'member.dashboard', {}, token));
  await measure('auth.logout', () => call(w, 'auth.logout', {}, token));
  await measure('admin.login', async () => {
    adminToken = String(
      (await call(w, 'admin.login', { username: 'admin', password: ADMIN_PASSWORD })).token,
    );
  });
  await measure('admin.members.list (page 1)', () => call(w, 'admin.members.list', {}, adminToken));
  await measure('admin.members.list (search)', () =>
    call(w, 'admin.members.list', { query: '张' }, adminToken),
  );
  const gate = await w.backend.openUpload(caller(adminToken));
  const upload = gate.ok
    ? await gate.store({ name: 'roster.xlsx', bytes: await generateRoster(200) })
    : gate;
  const fileId = upload.ok ? upload.data.fileId : '';
  await measure('admin.roster.preview (200 rows)', () =>
    call(w, 'admin.roster.preview', { fileId }, adminToken),
  );
  await measure('admin.roster.commit (200 unchanged)', () =>
    call(w, 'admin.roster.commit', { fileId }, adminToken),
  );

  // 入会申请: the applicant's grant, upload and submit, then the secretariat's approval.
  let uploadGrant = '';
  await measure('application.uploadGrant', async () => {
    uploadGrant = String((await call(w, 'application.uploadGrant', {})).uploadGrant);
  });
  const formGate = await w.backend.openUpload(caller(uploadGrant));
  const form = formGate.ok
    ? await formGate.store({ name: '入会申请表.pdf', bytes: Buffer.from('%PDF-1.7\n%%EOF\n') })
    : formGate;
  let applicationId = '';
  await measure('application.submit (1 PDF)', async () => {
    const receipt = await call(w, 'application.submit', {
      memberType: '个人会员',
      name: '林晓雯',
      gender: '女',
      birthDate: '1990-05-20',
      phone: '13900001111',
      workUnit: '四川大学华西医院',
      personalInfoConsent: true,
      requestId: randomUUID(),
      uploadGrant,
      fileIds: [form.ok ? form.data.fileId : ''],
    });
    applicationId = String(receipt.applicationId);
  });
  await measure('admin.applications.list (under review)', () =>
    call(w, 'admin.applications.list', { status: 'underReview' }, adminToken),
  );
  await measure('admin.applications.review (approve)', () =>
    call(w, 'admin.applications.review', { applicationId, decision: 'approve' }, adminToken),
  );
  await engagementStoreCalls(w, measure, adminToken);

  console.log('\nStore calls per action (reads = get/find/count; writes = each written document)');
  table(['action', 'reads', 'writes'], rows);
  closeWorld(w);
}

async function latencyAt(members: number) {
  const w = world();
  await seed(w, members);
  const sample = await w.store.find<{ _id: string; phone: string }>(
    COLLECTIONS.members,
    {},
    { limit: 1, skip: Math.floor(members / 2) },
  );
  const phone = sample[0]!.phone;
  const first = await call(w, 'auth.login', { phone, password: phone });
  await call(
    w,
    'auth.changePassword',
    { currentPassword: phone, newPassword: NEW_PASSWORD },
    String(first.token),
  );
  const token = String((await call(w, 'auth.login', { phone, password: NEW_PASSWORD })).token);
  const adminToken = String(
    (await call(w, 'admin.login', { username: 'admin', password: ADMIN_PASSWORD })).token,
  );

  const rows: [string, Timing][] = [
    ['member.dashboard', await timeCalls(300, () => call(w, 'member.dashboard', {}, token))],
    [
      'auth.login (scrypt)',
      await timeCalls(20, () => call(w, 'auth.login', { phone, password: NEW_PASSWORD })),
    ],
    [
      'admin.members.list page 1',
      await timeCalls(100, () => call(w, 'admin.members.list', {}, adminToken)),
    ],
    [
      'admin.members.list last page',
      await timeCalls(50, () =>
        call(w, 'admin.members.list', { page: Math.ceil(members / 20) }, adminToken),
      ),
    ],
    [
      'admin.members.list search',
      await timeCalls(50, () => call(w, 'admin.members.list', { query: '张' }, adminToken)),
    ],
  ];
  if (members >= 20_000) rows.push(...(await engagementLatency(w, adminToken)));
  console.log(
    `\nLatency with ${members.toLocaleString('en')} members (in-process, SQLite on disk)`,
  );
  table(
    ['action', 'median', 'p95'],
    rows.map(([label, t]) => [label, ms(t.median), ms(t.p95)]),
  );
  closeWorld(w);
}

async function importTime(rows: number) {
  const w = world();
  const bytes = await generateRoster(rows);
  const now = w.deps.clock.now();
  const started = performance.now();
  const first = await runRosterImport(w.deps, bytes, { dryRun: false, actor: null, now });
  const firstMs = performance.now() - started;
  const again = performance.now();
  const second = await runRosterImport(w.deps, bytes, { dryRun: false, actor: null, now });
  const secondMs = performance.now() - again;
  console.log(`\nRoster import of ${rows.toLocaleString('en')} rows (${kib(bytes.length)} xlsx)`);
  table(
    ['run', 'time', 'imported', 'updated', 'unchanged'],
    [
      ['first import', ms(firstMs), first.imported, first.updated, first.unchanged],
      ['re-import', ms(secondMs), second.imported, second.updated, second.unchanged],
    ],
  );
  closeWorld(w);
}

async function sizes() {
  const cloud = cloudFunctionSize();
  const { main: mp, subpackages, subpackageLimit } = await miniprogramPackageSizes();
  console.log('\nSizes');
  table(
    ['artefact', 'size', 'note'],
    [
      [
        'cloud function index.js',
        kib(cloud.bytes),
        `${kib(cloud.gzip)} gzipped; wx-server-sdk installed by the cloud`,
      ],
      [
        'mini-program main package',
        kib(mp.total),
        `of ${kib(mp.limit)} allowed; miniprogram_npm ${kib(mp.npm)}; subpackages apart`,
      ],
      ...subpackages.map((sub) => [
        `mini-program subpackage ${sub.root}`,
        kib(sub.total),
        `of ${kib(subpackageLimit)} allowed; loaded when one of its pages opens`,
      ]),
    ],
  );
}

async function main() {
  console.log(
    `bench on Node ${process.version}, ${new Date().toISOString()}; backends' clock at ${BENCH_NOW}`,
  );
  await storeCallsPerAction();
  await latencyAt(200);
  await latencyAt(20_000);
  await importTime(10_000);
  await sizes();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
