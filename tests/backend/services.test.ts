/** @jest-environment node */
import type {
  AdminServiceApplication,
  AdminServiceItem,
  Page,
  PointsEntry,
  ServiceApplication,
  ServiceItem,
} from '../../typings';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { yearTotal } from '../../backend/domain/points/ledger';
import type { ServiceApplicationDoc } from '../../backend/domain/services/model';
import type { Write } from '../../backend/ports/store';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, zipBuffer } from '../helpers/files';
import { auditEntries } from '../helpers/members';

const TEXT = '本人申请开具2025年度继续教育学分证明，用于职称评审。';
const DOCX_BYTES = zipBuffer([
  { name: '[Content_Types].xml', content: '<x/>' },
  { name: 'word/document.xml', content: '<x/>' },
]);
const XLSX_BYTES = zipBuffer([
  { name: '[Content_Types].xml', content: '<x/>' },
  { name: 'xl/workbook.xml', content: '<x/>' },
]);

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
let service: AdminServiceItem;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = 'http://127.0.0.1:8787';
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
  service = await createService();
});
afterEach(() => t.close());

let requests = 0;
const nextRequest = () => `service-req-${(requests += 1)}`;

async function createService(fields: Record<string, unknown> = {}, by: DuesAdmin = secretariat) {
  return dataOf<AdminServiceItem>(
    await by.call('admin.services.save', {
      name: '继续教育学分证明',
      description: '为会员开具年度继续教育学分证明。\n每年一次。',
      requirements: '请写明年度与用途',
      active: true,
      requestId: nextRequest(),
      ...fields,
    }),
  );
}

const apply = (fields: Record<string, unknown> = {}, by: DuesMember = me) =>
  by.call('services.apply', {
    serviceId: service.id,
    text: TEXT,
    attachmentFileIds: [],
    requestId: nextRequest(),
    ...fields,
  });
const applied = async (fields: Record<string, unknown> = {}, by: DuesMember = me) =>
  dataOf<ServiceApplication>(await apply(fields, by));
const processAs = (
  by: DuesAdmin,
  applicationId: string,
  status: string,
  extra: Record<string, unknown> = {},
) => by.call('admin.services.process', { applicationId, status, ...extra });
const process = (applicationId: string, status: string, extra: Record<string, unknown> = {}) =>
  processAs(secretariat, applicationId, status, extra);

const points = (m: DuesMember = me) => yearTotal(t.deps, m.id, 2026);
const applyEntries = () =>
  t.store.count(COLLECTIONS.pointsLedger, { where: { kind: 'serviceApply' } });
const stored = () => t.store.count(COLLECTIONS.serviceApplications);
const applicationDoc = (id: string) =>
  t.store.get<ServiceApplicationDoc>(COLLECTIONS.serviceApplications, id);
const fileDoc = (id: string) => t.store.get<AttachedFileDoc>(COLLECTIONS.files, id);
const audits = async (name: string) => (await auditEntries(t)).filter((e) => e.action === name);
const ownList = async (m: DuesMember = me, paging: Record<string, unknown> = {}) =>
  dataOf<Page<ServiceApplication>>(await m.call('services.applications', paging));

/** Makes the next batch that writes points fail, as a process dying at that moment would. */
function failNextPointsBatch() {
  const batch = t.store.batch.bind(t.store);
  let armed = true;
  t.store.batch = async (writes: Write[]) => {
    const writesPoints = writes.some(
      (w) => w.op === 'insert' && w.collection === COLLECTIONS.pointsLedger,
    );
    if (armed && writesPoints) {
      armed = false;
      throw new Error('process died before the points');
    }
    return batch(writes);
  };
}

describe('the catalogue', () => {
  it('creates one service for one requestId, even five at once, audited once', async () => {
    const request = {
      name: '会员推荐信',
      description: '',
      requirements: '',
      active: true,
      requestId: 'service-req-same',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => secretariat.call('admin.services.save', request)),
    );
    const ids = answers.map((a) => dataOf<AdminServiceItem>(a).id);
    expect(new Set(ids).size).toBe(1);
    expect(await t.store.count(COLLECTIONS.services, { where: { name: '会员推荐信' } })).toBe(1);
    const created = (await audits('admin.services.create')).filter((a) => a.target === ids[0]);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorId: secretariat.id, summary: { name: '会员推荐信' } });
  });

  it('shows members the active services in creation order, never an inactive one', async () => {
    t.clock.advance(1000);
    const hidden = await createService({ name: '已停办的服务', active: false });
    t.clock.advance(1000);
    const second = await createService({ name: '学术会议推荐' });

    const list = dataOf<{ items: ServiceItem[] }>(await me.call('services.list', {}));
    expect(list.items).toEqual([
      {
        id: service.id,
        name: '继续教育学分证明',
        description: '为会员开具年度继续教育学分证明。\n每年一次。',
        requirements: '请写明年度与用途',
      },
      {
        id: second.id,
        name: '学术会议推荐',
        description: expect.any(String),
        requirements: '请写明年度与用途',
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(hidden.id);
  });

  it('lists every service in the console, active first, applications counted', async () => {
    t.clock.advance(1000);
    const hidden = await createService({ name: '已停办的服务', active: false });
    t.clock.advance(1000);
    const second = await createService({ name: '学术会议推荐' });
    const done = await applied();
    dataOf(await process(done.id, 'rejected', { reply: '请补充年度与用途后再申请' }));
    await applied();

    const list = dataOf<{ items: AdminServiceItem[] }>(
      await secretariat.call('admin.services.list', {}),
    );
    expect(list.items.map((s) => [s.id, s.active, s.applications])).toEqual([
      [service.id, true, 2],
      [second.id, true, 0],
      [hidden.id, false, 0],
    ]);
  });

  it('edits a service, audited with the fields that changed', async () => {
    t.clock.advance(60_000);
    const edited = await createService({ serviceId: service.id, name: '学分证明', active: false });
    expect(edited).toMatchObject({
      id: service.id,
      name: '学分证明',
      active: false,
      createdAt: service.createdAt,
      updatedAt: '2026-06-15T04:01:00.000Z',
    });
    const [edit] = await audits('admin.services.edit');
    expect(edit).toMatchObject({ target: service.id, fields: ['name', 'active'] });
    expect(await t.store.count(COLLECTIONS.services)).toBe(1);
  });

  it('lets one of two edits at once land; the other is told to look again', async () => {
    const [a, b] = await Promise.all([
      createService({ serviceId: service.id, name: '编辑甲' }).catch((e: Error) => e),
      createService({ serviceId: service.id, name: '编辑乙' }).catch((e: Error) => e),
    ]);
    const failures = [a, b].filter((r) => r instanceof Error);
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('CONFLICT');
    expect(await audits('admin.services.edit')).toHaveLength(1);
  });

  it('refuses to edit a service that does not exist, on serviceId', async () => {
    expect(
      await secretariat.call('admin.services.save', {
        serviceId: 'missing',
        name: '不存在的服务',
        description: '',
        requirements: '',
        active: true,
        requestId: nextRequest(),
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'serviceId' });
  });

  it.each([
    ['a one-character name', { name: '证' }, 'name', '服务名称应为2-50个字'],
    ['a 51-character name', { name: '证'.repeat(51) }, 'name', '服务名称应为2-50个字'],
    ['a name of spaces', { name: '   ' }, 'name', '请填写服务名称'],
    [
      'a name of two lines',
      { name: '学分\n证明' },
      'name',
      '服务名称只能是一行文字，不能包含无法显示的字符',
    ],
    [
      'a description of 1001 characters',
      { description: '述'.repeat(1001) },
      'description',
      '服务说明不能超过1000个字',
    ],
    [
      'a description with a control character',
      { description: '说明\u0007' },
      'description',
      '服务说明不能包含无法显示的字符',
    ],
    [
      'requirements of 501 characters',
      { requirements: '求'.repeat(501) },
      'requirements',
      '申请要求不能超过500个字',
    ],
    ['no active flag', { active: undefined }, 'active', '请选择是否受理申请'],
    ['a bad requestId', { requestId: 'x' }, 'requestId', '请求标识无效，请重新提交'],
  ])('refuses %s on its field, storing nothing', async (_name, fields, field, message) => {
    const before = await t.store.count(COLLECTIONS.services);
    const answer = await secretariat.call('admin.services.save', {
      name: '新的服务',
      description: '',
      requirements: '',
      active: true,
      requestId: nextRequest(),
      ...fields,
    });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message });
    expect(await t.store.count(COLLECTIONS.services)).toBe(before);
  });
});

describe('services.apply', () => {
  it('stores the application, its attachments moved under it, and awards 1 point', async () => {
    const pdf = await me.upload(PDF_BYTES, '证明材料.pdf');
    const docx = await me.upload(DOCX_BYTES, '申请表.docx');
    const xlsx = await me.upload(XLSX_BYTES, '学分表.xlsx');
    const photo = await me.upload(JPEG_BYTES, '照片.jpg');
    const item = await applied({
      text: `  ${TEXT}\n第二行说明。  `,
      attachmentFileIds: [pdf, docx, xlsx, photo],
    });

    expect(item).toEqual({
      id: expect.any(String),
      serviceId: service.id,
      serviceName: '继续教育学分证明',
      text: `${TEXT}\n第二行说明。`,
      attachments: [
        {
          fileId: pdf,
          name: '证明材料.pdf',
          contentType: 'application/pdf',
          size: PDF_BYTES.length,
        },
        {
          fileId: docx,
          name: '申请表.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: DOCX_BYTES.length,
        },
        {
          fileId: xlsx,
          name: '学分表.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          size: XLSX_BYTES.length,
        },
        { fileId: photo, name: '照片.jpg', contentType: 'image/jpeg', size: JPEG_BYTES.length },
      ],
      status: 'submitted',
      reply: null,
      invalid: false,
      points: 1,
      createdAt: '2026-06-15T04:00:00.000Z',
      updatedAt: '2026-06-15T04:00:00.000Z',
      history: [{ status: 'submitted', reply: null, at: '2026-06-15T04:00:00.000Z' }],
    });
    expect(await fileDoc(pdf)).toMatchObject({
      storagePath: `services/${me.id}/${item.id}/${pdf}.pdf`,
      attachedAs: 'serviceAttachment',
      serviceMemberId: me.id,
      serviceApplicationId: item.id,
      expiresAt: null,
    });
    expect(await t.deps.files.get((await fileDoc(docx))!.storedFileId)).toEqual(DOCX_BYTES);
    expect(await points()).toBe(1);
  });

  it('is audited without the member’s words', async () => {
    const item = await applied();
    const [audit] = await audits('services.apply');
    expect(audit).toMatchObject({
      actorId: me.id,
      target: item.id,
      summary: { serviceId: service.id, attachments: 0 },
    });
    expect(JSON.stringify(audit)).not.toContain('职称评审');
    expect(t.logger.lines.join('\n')).not.toContain('职称评审');
  });

  it('stores one application, one point, for five submits of one requestId at once', async () => {
    const file = await me.upload(PDF_BYTES, 'a.pdf');
    const requestId = nextRequest();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => apply({ requestId, attachmentFileIds: [file] })),
    );
    const items = answers.map((a) => dataOf<ServiceApplication>(a));
    expect(new Set(items.map((i) => i.id)).size).toBe(1);
    expect(items.every((i) => i.attachments.length === 1)).toBe(true);
    expect(await stored()).toBe(1);
    expect(await points()).toBe(1);
    expect(await applyEntries()).toBe(1);
    expect(await audits('services.apply')).toHaveLength(1);
    expect((await fileDoc(file))!.serviceApplicationId).toBe(items[0]!.id);
  });

  it('answers a repeat later with the first application, awarding nothing more', async () => {
    const requestId = nextRequest();
    const first = await applied({ requestId });
    const again = await applied({ requestId, text: '另一段完全不同的申请内容' });
    expect(again).toEqual(first);
    expect(await stored()).toBe(1);
    expect(await points()).toBe(1);
  });

  it('stores no application when the submit dies at its point; the retry both', async () => {
    const requestId = nextRequest();
    failNextPointsBatch();
    expect(await apply({ requestId })).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await stored()).toBe(0);
    expect(await points()).toBe(0);

    const retried = await applied({ requestId });
    expect(retried.points).toBe(1);
    expect(await points()).toBe(1);
    dataOf(await apply({ requestId }));
    expect(await points()).toBe(1);
    expect(await stored()).toBe(1);
  });

  it('writes no ledger entry when the rules set 申请服务 to 0', async () => {
    await t.store.insert(COLLECTIONS.settings, {
      _id: 'pointsRules',
      value: { serviceApply: 0 },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await applied()).toMatchObject({ points: 0 });
    expect(await applyEntries()).toBe(0);
  });

  it('gives each application its own point', async () => {
    await applied();
    await applied({ serviceId: (await createService({ name: '会员推荐信' })).id });
    expect(await points()).toBe(2);
  });

  it('takes one application per service at a time, another once it is done', async () => {
    const first = await applied();
    expect(await apply()).toMatchObject({ ok: false, code: 'CONFLICT', field: 'serviceId' });
    await process(first.id, 'accepted');
    expect(await apply()).toMatchObject({ ok: false, code: 'CONFLICT', field: 'serviceId' });
    expect(await stored()).toBe(1);
    expect(await points()).toBe(1);

    await process(first.id, 'completed', { reply: '证明已开具，请到秘书处领取' });
    expect(await apply()).toMatchObject({ ok: true });
    expect(await points()).toBe(2);
  });

  it('stores one of five applications to one service at once, each with its own requestId', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => apply()));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual(
      Array.from({ length: 4 }, () => expect.objectContaining({ code: 'CONFLICT' })),
    );
    expect(await stored()).toBe(1);
    expect(await points()).toBe(1);
  });

  it('counts only characters one can see: six zero-width spaces are no application', async () => {
    expect(await apply({ text: '\u200b'.repeat(6) })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'text',
    });
    expect(await apply({ text: `ab\ud800cdefg` })).toMatchObject({ ok: false, field: 'text' });
    expect(await stored()).toBe(0);
  });

  it('refuses a missing service on serviceId, writing and awarding nothing', async () => {
    const file = await me.upload(PDF_BYTES, 'a.pdf');
    const answer = await apply({ serviceId: 'no-such-service', attachmentFileIds: [file] });
    expect(answer).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      field: 'serviceId',
      message: '该服务不存在或已停止受理',
    });
    expect(await stored()).toBe(0);
    expect(await points()).toBe(0);
    expect(await audits('services.apply')).toHaveLength(0);
    expect((await fileDoc(file))!.attachedAs).toBeUndefined();
  });

  it('refuses an inactive service the same way', async () => {
    await createService({ serviceId: service.id, active: false });
    expect(await apply()).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'serviceId' });
    expect(await stored()).toBe(0);
    expect(await points()).toBe(0);
  });

  it.each([
    ['an empty text', { text: '' }, 'text', '请填写申请内容'],
    ['spaces only', { text: '    ' }, 'text', '请填写申请内容'],
    ['four characters', { text: '申请证明' }, 'text', '申请内容应为5-1000个字'],
    ['1001 characters', { text: '申'.repeat(1001) }, 'text', '申请内容应为5-1000个字'],
    ['a control character', { text: `${TEXT}\u0000` }, 'text', '申请内容不能包含无法显示的字符'],
    ['no text', { text: undefined }, 'text', '请填写申请内容'],
    ['no service', { serviceId: '' }, 'serviceId', '该服务不存在或已停止受理'],
    [
      'attachments not a list',
      { attachmentFileIds: 'f_1' },
      'attachmentFileIds',
      '附件的格式不正确',
    ],
    ['a bad requestId', { requestId: 'short' }, 'requestId', '请求标识无效，请重新提交'],
  ])('refuses %s on its field, storing nothing', async (_name, fields, field, message) => {
    const answer = await apply(fields);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message });
    expect(await stored()).toBe(0);
    expect(await points()).toBe(0);
  });

  it('refuses a field the contract does not have, such as a member id', async () => {
    const answer = await apply({ memberId: 'someone-else' });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(answer).toHaveProperty('message', expect.stringContaining('memberId'));
    expect(await stored()).toBe(0);
  });

  it('counts characters as members do: 1000 emoji are 1000', async () => {
    const item = await applied({ text: '👍'.repeat(1000) });
    expect(Array.from(item.text)).toHaveLength(1000);
  });

  it('takes at most nine attachments, each once', async () => {
    const files = [];
    for (let i = 0; i < 10; i += 1) files.push(await me.upload(PNG_BYTES, `p${i}.png`));
    expect(await apply({ attachmentFileIds: files })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'attachmentFileIds',
      message: '附件最多9个',
    });
    expect(await apply({ attachmentFileIds: [files[0], files[0]] })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'attachmentFileIds',
      message: '同一个附件不能重复添加',
    });
    expect(await stored()).toBe(0);
    for (const id of files) expect((await fileDoc(id))!.attachedAs).toBeUndefined();
  });

  it('takes only the member’s own uploads', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const theirs = await other.upload(PDF_BYTES, 'theirs.pdf');
    const mine = await me.upload(PDF_BYTES, 'mine.pdf');
    expect(await apply({ attachmentFileIds: [mine, theirs] })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await stored()).toBe(0);
    expect((await fileDoc(mine))!.attachedAs).toBeUndefined();
    expect((await fileDoc(theirs))!.attachedAs).toBeUndefined();
  });

  it('refuses an upload already attached to an earlier application', async () => {
    const file = await me.upload(PDF_BYTES, 'a.pdf');
    const first = await applied({ attachmentFileIds: [file] });
    const other = await createService({ name: '会员推荐信' });
    expect(await apply({ serviceId: other.id, attachmentFileIds: [file] })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      field: 'attachmentFileIds',
    });
    expect((await fileDoc(file))!.serviceApplicationId).toBe(first.id);
    expect(await stored()).toBe(1);
  });

  it('takes ten applications a minute from one member, not an eleventh', async () => {
    const services: AdminServiceItem[] = [];
    for (let i = 0; i < 12; i += 1) services.push(await createService({ name: `服务项目${i}` }));
    const to = (i: number) => apply({ serviceId: services[i]!.id });
    for (let i = 0; i < 10; i += 1) expect(await to(i)).toMatchObject({ ok: true });
    expect(await to(10)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await stored()).toBe(10);

    t.clock.advance(60_000);
    expect(await to(11)).toMatchObject({ ok: true });
  });
});

describe('a member sees only their own', () => {
  it('lists their own applications, newest first, paged', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const first = await applied();
    t.clock.advance(1000);
    const theirs = await applied({}, other);
    t.clock.advance(1000);
    const second = await applied({ serviceId: (await createService({ name: '会员推荐信' })).id });

    const page1 = await ownList(me, { pageSize: 1 });
    expect(page1).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: second.id }] });
    const page2 = await ownList(me, { page: 2, pageSize: 1 });
    expect(page2.items.map((i) => i.id)).toEqual([first.id]);
    expect((await ownList(other)).items.map((i) => i.id)).toEqual([theirs.id]);
    expect(JSON.stringify(await ownList())).not.toContain(theirs.id);
  });

  it('shows the service’s current name once it is renamed', async () => {
    await applied();
    await createService({ serviceId: service.id, name: '学分证明（新）' });
    expect((await ownList()).items[0]!.serviceName).toBe('学分证明（新）');
  });

  it('opens attachments through files.link for the applicant and the secretariat', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const file = await me.upload(PDF_BYTES, 'a.pdf');
    await applied({ attachmentFileIds: [file] });

    dataOf(await me.call('files.link', { fileId: file }));
    dataOf(await secretariat.call('files.link', { fileId: file }));
    dataOf(await (await duesAdmin(t, 'superAdmin')).call('files.link', { fileId: file }));
    for (const caller of [other, await duesAdmin(t, 'finance')]) {
      expect(await caller.call('files.link', { fileId: file })).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
    }
    expect(await t.call('files.link', { fileId: file })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('admin.services.process: the status machine', () => {
  it('accepts (reply optional), then completes with a reply, each step in history', async () => {
    const item = await applied();
    t.clock.advance(60_000);
    const accepted = dataOf<AdminServiceApplication>(await process(item.id, 'accepted'));
    expect(accepted).toMatchObject({ status: 'accepted', reply: null, invalid: false, points: 1 });
    t.clock.advance(60_000);
    const done = dataOf<AdminServiceApplication>(
      await process(item.id, 'completed', { reply: '证明已开具，请到秘书处领取。' }),
    );
    expect(done).toMatchObject({ status: 'completed', reply: '证明已开具，请到秘书处领取。' });
    expect(done.history).toEqual([
      { status: 'submitted', reply: null, at: '2026-06-15T04:00:00.000Z' },
      { status: 'accepted', reply: null, at: '2026-06-15T04:01:00.000Z' },
      {
        status: 'completed',
        reply: '证明已开具，请到秘书处领取。',
        at: '2026-06-15T04:02:00.000Z',
      },
    ]);
    const [mine] = (await ownList()).items;
    expect(mine).toMatchObject({ status: 'completed', reply: '证明已开具，请到秘书处领取。' });
    expect(mine!.history).toHaveLength(3);
    expect(await points()).toBe(1);
  });

  it('keeps an acceptance’s reply when one is given', async () => {
    const item = await applied();
    const accepted = dataOf<AdminServiceApplication>(
      await process(item.id, 'accepted', { reply: '已受理，三个工作日内办结' }),
    );
    expect(accepted.reply).toBe('已受理，三个工作日内办结');
    expect(accepted.history[1]).toMatchObject({ reply: '已受理，三个工作日内办结' });
  });

  it('rejects a submitted application', async () => {
    const item = await applied();
    const rejected = dataOf<AdminServiceApplication>(
      await process(item.id, 'rejected', { reply: '材料不全，请补充后重新申请' }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', invalid: false });
  });

  it('rejects an accepted application', async () => {
    const item = await applied();
    dataOf(await process(item.id, 'accepted'));
    const rejected = dataOf<AdminServiceApplication>(
      await process(item.id, 'rejected', { reply: '经核实不符合条件' }),
    );
    expect(rejected.history.map((s) => s.status)).toEqual(['submitted', 'accepted', 'rejected']);
  });

  const REPLY = { reply: '处理意见：如上' };
  it.each([
    ['submitted', 'completed', []],
    ['accepted', 'accepted', ['accepted']],
    ['completed', 'accepted', ['accepted', 'completed']],
    ['completed', 'completed', ['accepted', 'completed']],
    ['completed', 'rejected', ['accepted', 'completed']],
    ['rejected', 'accepted', ['rejected']],
    ['rejected', 'completed', ['rejected']],
    ['rejected', 'rejected', ['rejected']],
  ])('refuses %s → %s with CONFLICT, writing nothing', async (from, to, path) => {
    const item = await applied();
    for (const step of path) dataOf(await process(item.id, step, REPLY));
    const before = await applicationDoc(item.id);
    const auditsBefore = (await auditEntries(t)).length;

    const answer = await process(item.id, to, REPLY);
    const labels: Record<string, string> = {
      submitted: '待受理',
      accepted: '已受理',
      completed: '已办结',
      rejected: '已驳回',
    };
    expect(answer).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: `该申请当前为「${labels[from]}」，不能改为「${labels[to]}」`,
    });
    expect(await applicationDoc(item.id)).toEqual(before);
    expect((await auditEntries(t)).length).toBe(auditsBefore);
  });

  it.each([
    ['completing without a reply', 'completed', {}, 'reply', '办结时请填写回复'],
    ['rejecting without a reply', 'rejected', {}, 'reply', '驳回时请填写驳回理由'],
    ['a one-character reply', 'rejected', { reply: '否' }, 'reply', '回复内容应为2-500个字'],
    ['a reply of spaces', 'rejected', { reply: '   ' }, 'reply', '请填写回复内容'],
    [
      'a 501-character reply',
      'accepted',
      { reply: '复'.repeat(501) },
      'reply',
      '回复内容应为2-500个字',
    ],
    [
      'invalid with an acceptance',
      'accepted',
      { invalid: true },
      'invalid',
      '只有驳回时才能标记为无效申请',
    ],
    ['an unknown status', 'cancelled', {}, 'status', '请选择处理结果'],
  ])('refuses %s on its field', async (_name, status, extra, field, message) => {
    const item = await applied();
    const answer = await process(item.id, status, extra);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message });
    expect((await applicationDoc(item.id))!.status).toBe('submitted');
  });

  it('refuses an application that does not exist, on applicationId', async () => {
    expect(await process('missing', 'accepted')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      field: 'applicationId',
    });
  });

  it('lets one of two reviewers at once move it; the other gets CONFLICT', async () => {
    const item = await applied();
    const superAdmin = await duesAdmin(t, 'superAdmin');
    const [a, b] = await Promise.all([
      process(item.id, 'accepted'),
      processAs(superAdmin, item.id, 'rejected', {
        reply: '不符合条件',
        invalid: true,
      }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({
      code: 'CONFLICT',
      message: '该申请刚被其他管理员处理，请刷新后查看',
    });
    const doc = (await applicationDoc(item.id))!;
    expect(doc.history).toHaveLength(2);
    expect(await audits('admin.services.process')).toHaveLength(1);
    expect(await points()).toBe(doc.invalid ? 0 : 1);
  });
});

describe('rejection as invalid', () => {
  it('withdraws the application’s point: the history shows it and the total is back', async () => {
    await applied();
    const item = await applied({ serviceId: (await createService({ name: '会员推荐信' })).id });
    expect(await points()).toBe(2);

    const rejected = dataOf<AdminServiceApplication>(
      await process(item.id, 'rejected', { reply: '重复提交的无效申请', invalid: true }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', invalid: true, points: 0 });
    expect(await points()).toBe(1);
    const history = dataOf<Page<PointsEntry>>(await me.call('points.history', {}));
    expect(history.items).toContainEqual(
      expect.objectContaining({
        kind: 'serviceApply',
        points: -1,
        reason: '服务申请被驳回（无效申请）',
      }),
    );
    expect((await ownList()).items.find((i) => i.id === item.id)).toMatchObject({
      invalid: true,
      points: 0,
    });
  });

  it('withdraws once, however often it is asked again', async () => {
    const item = await applied();
    dataOf(await process(item.id, 'rejected', { reply: '无效申请', invalid: true }));
    expect(await process(item.id, 'rejected', { reply: '无效申请', invalid: true })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await points()).toBe(0);
    expect(await applyEntries()).toBe(2);
  });

  it('withdraws on a retry when the rejection stopped before the withdrawal', async () => {
    const item = await applied();
    // As if the process died between the rejection's write and the withdrawal.
    await t.store.update(COLLECTIONS.serviceApplications, item.id, {
      set: { status: 'rejected', invalid: true, points: 0 },
    });
    expect(await points()).toBe(1);

    const retry = await process(item.id, 'rejected', { reply: '无效申请', invalid: true });
    expect(retry).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await points()).toBe(0);
  });

  it('stores no rejection when the process dies at the withdrawal; the retry both', async () => {
    const item = await applied();
    failNextPointsBatch();
    const invalid = { reply: '无效申请', invalid: true };
    expect(await process(item.id, 'rejected', invalid)).toMatchObject({ code: 'INTERNAL' });
    expect((await applicationDoc(item.id))!).toMatchObject({ status: 'submitted', points: 1 });
    expect(await points()).toBe(1);

    dataOf(await process(item.id, 'rejected', invalid));
    expect(await points()).toBe(0);
    expect(await applyEntries()).toBe(2);
    expect(await audits('admin.services.process')).toHaveLength(1);
  });

  it('earns nothing on a repeated submit once rejected as invalid', async () => {
    const requestId = nextRequest();
    const item = await applied({ requestId });
    dataOf(await process(item.id, 'rejected', { reply: '无效申请', invalid: true }));
    expect(await applied({ requestId })).toMatchObject({ id: item.id, invalid: true, points: 0 });
    expect(await points()).toBe(0);
  });

  it('keeps the point when the rejection is not marked invalid', async () => {
    const item = await applied();
    const rejected = dataOf<AdminServiceApplication>(
      await process(item.id, 'rejected', { reply: '名额已满，请明年申请', invalid: false }),
    );
    expect(rejected).toMatchObject({ invalid: false, points: 1 });
    expect(await points()).toBe(1);
  });
});

describe('the console’s applications', () => {
  it('lists everyone’s, newest first, with name, number and masked phone', async () => {
    const other = await duesMember(t, { phone: '13900000002', name: '李华' });
    const first = await applied();
    t.clock.advance(1000);
    const second = await applied({}, other);

    const all = dataOf<Page<AdminServiceApplication>>(
      await secretariat.call('admin.services.applications', {}),
    );
    expect(all.items.map((i) => [i.id, i.memberName, i.memberNo, i.phoneMasked])).toEqual([
      [second.id, '李华', 'M0002', '139****0002'],
      [first.id, '张明', 'M0001', '138****0001'],
    ]);
    expect(JSON.stringify(all)).not.toContain('13800000001');
  });

  it('filters by status and by service', async () => {
    const other = await createService({ name: '学术会议推荐' });
    const first = await applied();
    t.clock.advance(1000);
    const second = await applied({ serviceId: other.id });
    dataOf(await process(first.id, 'accepted'));

    const list = async (filter: Record<string, unknown>) =>
      dataOf<Page<AdminServiceApplication>>(
        await secretariat.call('admin.services.applications', filter),
      ).items.map((i) => i.id);
    expect(await list({ status: 'accepted' })).toEqual([first.id]);
    expect(await list({ status: 'submitted' })).toEqual([second.id]);
    expect(await list({ serviceId: other.id })).toEqual([second.id]);
    expect(await list({ serviceId: other.id, status: 'accepted' })).toEqual([]);
    expect(await secretariat.call('admin.services.applications', { status: 'x' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'status',
    });
  });

  it('audits each step with its move, without the member’s words or the reply', async () => {
    const item = await applied();
    dataOf(await process(item.id, 'accepted'));
    dataOf(await process(item.id, 'rejected', { reply: '经核实属于重复申请', invalid: true }));

    const steps = await audits('admin.services.process');
    expect(steps.map((s) => [s.summary.from, s.summary.to, s.summary.invalid])).toEqual(
      expect.arrayContaining([
        ['submitted', 'accepted', false],
        ['accepted', 'rejected', true],
      ]),
    );
    expect(steps.every((s) => s.actorId === secretariat.id && s.target === item.id)).toBe(true);
    expect(JSON.stringify(steps)).not.toMatch(/职称评审|重复申请/);
  });
});

describe('roles', () => {
  it('lets the super-admin do everything the secretariat does', async () => {
    const superAdmin = await duesAdmin(t, 'superAdmin');
    const own = await createService({ name: '会员推荐信' }, superAdmin);
    const item = await applied({ serviceId: own.id });
    dataOf(await superAdmin.call('admin.services.list', {}));
    dataOf(await superAdmin.call('admin.services.applications', {}));
    dataOf(await processAs(superAdmin, item.id, 'accepted'));
  });

  it('refuses finance every console action, and members too', async () => {
    const item = await applied();
    const finance = await duesAdmin(t, 'finance');
    const calls: [string, Record<string, unknown>][] = [
      ['admin.services.list', {}],
      [
        'admin.services.save',
        {
          name: '财务的服务',
          description: '',
          requirements: '',
          active: true,
          requestId: nextRequest(),
        },
      ],
      ['admin.services.applications', {}],
      ['admin.services.process', { applicationId: item.id, status: 'accepted' }],
    ];
    for (const [action, data] of calls) {
      const name = action as Parameters<DuesAdmin['call']>[0];
      expect(await finance.call(name, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await me.call(name, data)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect((await applicationDoc(item.id))!.status).toBe('submitted');
    expect(await t.store.count(COLLECTIONS.services)).toBe(1);
  });

  it('keeps the member actions for members: admins and visitors are refused', async () => {
    expect(await secretariat.call('services.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await secretariat.call('services.applications', {})).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(
      await t.call('services.apply', {
        serviceId: service.id,
        text: TEXT,
        attachmentFileIds: [],
        requestId: nextRequest(),
      }),
    ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await stored()).toBe(0);
  });
});
