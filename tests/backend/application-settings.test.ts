/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  AdminApplication,
  ApplicationOptions,
  ApplicationQrCode,
  ApplicationSettings,
  Dashboard,
  DuesOrder,
  DuesQuote,
  Page,
  ReminderOutboxItem,
} from '../../typings';
import { seedApplicationTemplate } from '../../backend/domain/applications/settings';
import { redeemTicket } from '../../backend/domain/files/links';
import { SubscriptionMessageError, type SubscriptionMessage } from '../../backend/ports/wechat';
import { COLLECTIONS } from '../../backend/schema/collections';
import { APPLICANT_PHONE as PHONE, submitApplication } from '../helpers/applications';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, uploadAs, withDemoSettings, type DuesAdmin } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, zipBuffer } from '../helpers/files';

const DEMO_TEMPLATE = resolve(__dirname, '../../backend/local/seed/application-form-template.docx');

let t: TestBackend;
let superAdmin: DuesAdmin;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = 'http://127.0.0.1:8787';
  superAdmin = await duesAdmin(t, 'superAdmin');
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

const settings = async (admin: DuesAdmin = secretariat) =>
  dataOf<ApplicationSettings>(await admin.call('admin.applications.settings.get'));
const approve = (applicationId: string) =>
  secretariat.call('admin.applications.review', { applicationId, decision: 'approve' });

describe('the member number pattern', () => {
  it('defaults to SQ{YYYY}{NNNN} and previews the next number without using it', async () => {
    expect(await settings()).toEqual({
      memberNoPattern: 'SQ{YYYY}{NNNN}',
      nextMemberNo: 'SQ20260001',
      template: null,
    });
    expect(await settings()).toMatchObject({ nextMemberNo: 'SQ20260001' });
  });

  it('gives approvals numbers of the pattern the super-admin saved', async () => {
    const saved = dataOf<ApplicationSettings>(
      await superAdmin.call('admin.applications.settings.update', {
        memberNoPattern: 'SCSX-{YY}{NNN}',
      }),
    );
    expect(saved.nextMemberNo).toBe('SCSX-26001');

    const receipt = await submitApplication(t);
    const approved = dataOf<AdminApplication>(await approve(receipt.applicationId));

    expect(approved.memberNo).toBe('SCSX-26001');
    expect((await settings()).nextMemberNo).toBe('SCSX-26002');
  });

  it.each([
    ['no running number', 'SQ{YYYY}', '编号规则须含且只含一个流水号，如 {NNNN}'],
    ['two running numbers', '{NNN}{NNN}', '编号规则须含且只含一个流水号，如 {NNNN}'],
    ['a two-digit running number', 'SQ{NN}', '流水号位数应为 3-8 位（{NNN} 至 {NNNNNNNN}）'],
    ['Chinese characters', '学会{NNNN}', '编号规则只能含字母、数字、- 以及 {YYYY}、{YY}、{NNNN}'],
    ['two years', '{YYYY}{YY}{NNNN}', '编号规则中年份只能出现一次'],
  ])('refuses a pattern with %s and keeps the old one', async (_case, memberNoPattern, message) => {
    const result = await superAdmin.call('admin.applications.settings.update', { memberNoPattern });

    expect(result).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'memberNoPattern',
      message,
    });
    expect((await settings()).memberNoPattern).toBe('SQ{YYYY}{NNNN}');
  });

  it('is the super-admin’s to change; the secretariat reads it', async () => {
    const refused = await secretariat.call('admin.applications.settings.update', {
      memberNoPattern: 'X{NNNN}',
    });
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('admin.applications.settings.get')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('the blank form template', () => {
  const docx = () =>
    zipBuffer([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);

  async function setTemplate(bytes: Buffer, name: string) {
    const fileId = await superAdmin.upload(bytes, name);
    return superAdmin.call('admin.applications.settings.update', {
      memberNoPattern: 'SQ{YYYY}{NNNN}',
      templateFileId: fileId,
    });
  }

  it('is offered to applicants once set, and downloads through a one-time link', async () => {
    expect(dataOf<ApplicationOptions>(await t.call('application.options', {})).template).toBe(null);
    expect(await t.call('application.template', {})).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    const saved = dataOf<ApplicationSettings>(await setTemplate(docx(), '入会申请表.docx'));
    expect(saved.template).toMatchObject({
      name: '入会申请表.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });

    const options = dataOf<ApplicationOptions>(await t.call('application.options', {}));
    expect(options.template).toEqual({ name: '入会申请表.docx' });
    const link = dataOf<{ url: string; name: string }>(await t.call('application.template', {}));
    expect(link.name).toBe('入会申请表.docx');
    const ticket = link.url.slice(link.url.lastIndexOf('/') + 1);
    const download = await redeemTicket(t.deps, ticket);
    expect(download?.bytes.equals(docx())).toBe(true);
    expect(await redeemTicket(t.deps, ticket)).toBeNull();
  });

  it('takes a PDF or a Word file only, and a replaced one is removed', async () => {
    const refused = await setTemplate(JPEG_BYTES, '照片.jpg');
    expect(refused).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'templateFileId',
      message: '空白申请表只能是 PDF 或 Word（.docx）文件',
    });
    // A Word file with macros (a .docm renamed) is not even taken as an upload.
    const withMacros = zipBuffer([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
      { name: 'word/vbaProject.bin', content: 'macro' },
    ]);
    await expect(superAdmin.upload(withMacros, '申请表.docx')).rejects.toThrow('INVALID_INPUT');

    await setTemplate(docx(), 'old.docx');
    const first = (await settings()).template;
    await setTemplate(PDF_BYTES, 'new.pdf');
    expect((await settings()).template).toMatchObject({ name: 'new.pdf' });
    const templates = await t.store.find(COLLECTIONS.files, {
      where: { attachedAs: 'applicationTemplate' },
    });
    expect(templates).toHaveLength(1);
    expect(first?.name).toBe('old.docx');

    await superAdmin.call('admin.applications.settings.update', {
      memberNoPattern: 'SQ{YYYY}{NNNN}',
      templateFileId: null,
    });
    expect((await settings()).template).toBeNull();
    expect(
      await t.store.count(COLLECTIONS.files, { where: { attachedAs: 'applicationTemplate' } }),
    ).toBe(0);
  });

  it('comes with the demo society: the Word file the seed script made', async () => {
    const bytes = readFileSync(DEMO_TEMPLATE);
    await seedApplicationTemplate(
      t.deps,
      { name: '入会申请表（示例）.docx', bytes },
      t.clock.now(),
    );

    expect((await settings()).template).toMatchObject({
      name: '入会申请表（示例）.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: bytes.length,
    });
  });
});

describe('the 入会申请 code', () => {
  it('is locally a QR code of the portal’s form', async () => {
    const code = dataOf<ApplicationQrCode>(await secretariat.call('admin.applications.qrCode'));

    expect(code).toMatchObject({ kind: 'qr', target: 'http://127.0.0.1:8787/apply' });
    expect(code.image).toMatch(/^data:image\/png;base64,/);
    // The first QR code drawn in a fresh module registry takes seconds on a loaded machine.
  }, 30_000);

  it('is in the cloud a mini-program code of the form’s page', async () => {
    const asked: unknown[] = [];
    t.deps.miniProgramCodes = {
      async unlimited(request) {
        asked.push(request);
        return { contentType: 'image/jpeg', bytes: Buffer.from('wxacode') };
      },
    };

    const code = dataOf<ApplicationQrCode>(await secretariat.call('admin.applications.qrCode'));

    expect(asked).toEqual([
      { scene: 'apply', page: 'package-apply/pages/apply/index', envVersion: 'release' },
    ]);
    expect(code).toEqual({
      kind: 'wxacode',
      target: 'package-apply/pages/apply/index',
      image: `data:image/jpeg;base64,${Buffer.from('wxacode').toString('base64')}`,
    });
  });

  it('needs the portal address locally', async () => {
    t.deps.config.portalUrl = null;

    expect(await secretariat.call('admin.applications.qrCode')).toMatchObject({
      ok: false,
      code: 'NOT_CONFIGURED',
    });
  });
});

describe('the result message', () => {
  const TEMPLATE = 'tmpl-application-result';
  let sent: SubscriptionMessage[];
  beforeEach(() => {
    sent = [];
    t.deps.config.applicationResultTemplateId = TEMPLATE;
    t.deps.subscriptionMessages = {
      async send(message) {
        sent.push(message);
      },
    };
  });
  const fromWechat = { transport: 'callFunction' as const, openid: 'o-applicant' };
  const outbox = async () =>
    dataOf<Page<ReminderOutboxItem>>(await superAdmin.call('admin.reminders.outbox', {})).items;

  it('is sent to the WeChat account that accepted it, and recorded in the outbox', async () => {
    const receipt = await submitApplication(t, { resultMessageAccepted: true }, fromWechat);
    expect(
      dataOf<ApplicationOptions>(await t.call('application.options', {})).resultTemplateId,
    ).toBe(TEMPLATE);

    await approve(receipt.applicationId);

    expect(sent).toEqual([
      {
        touser: 'o-applicant',
        templateId: TEMPLATE,
        page: 'package-apply/pages/apply-status/index',
        data: {
          thing1: { value: '林晓雯' },
          phrase2: { value: '已通过' },
          thing3: { value: '编号SQ20260001，请登录缴费' },
        },
        miniprogramState: 'formal',
      },
    ]);
    const [entry] = await outbox();
    expect(entry).toMatchObject({
      kind: 'applicationApproved',
      applicationId: receipt.applicationId,
      memberName: '林晓雯',
      expiresOn: null,
      status: 'sent',
    });
    expect(entry?.memberId).toEqual(expect.any(String));
  });

  it('is only recorded when the applicant did not accept it, and the review stands', async () => {
    const receipt = await submitApplication(t);

    const rejected = await secretariat.call('admin.applications.review', {
      applicationId: receipt.applicationId,
      decision: 'reject',
      reason: '请上传签字后的申请表',
    });

    expect(rejected).toMatchObject({ ok: true });
    expect(sent).toHaveLength(0);
    expect(await outbox()).toMatchObject([
      { kind: 'applicationRejected', status: 'noSubscription', memberId: null },
    ]);
  });

  it('is recorded as failed when WeChat refuses, and the approval stands', async () => {
    t.deps.subscriptionMessages = {
      async send() {
        throw new SubscriptionMessageError('43101', 'user refuse to accept the msg');
      },
    };
    const receipt = await submitApplication(t, { resultMessageAccepted: true }, fromWechat);

    expect(await approve(receipt.applicationId)).toMatchObject({ ok: true });
    expect(await outbox()).toMatchObject([
      { kind: 'applicationApproved', status: 'failed', errorCode: '43101' },
    ]);
  });
});

describe('from approval to an active member', () => {
  it('logs in with phone/phone, sees 待缴费, pays the first dues and is active from confirmation', async () => {
    await withDemoSettings(t);
    const receipt = await submitApplication(t);
    await approve(receipt.applicationId);

    const login = dataOf<{ token: string; mustChangePassword: boolean }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    expect(login.mustChangePassword).toBe(true);
    await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: 'Xinhuiyuan2026' },
      { token: login.token },
    );
    const member = (action: Parameters<TestBackend['call']>[0], data: object = {}) =>
      t.call(action, data as Record<string, unknown>, { token: login.token });

    const before = dataOf<Dashboard>(await member('member.dashboard'));
    expect(before).toMatchObject({ status: 'awaitingFirstDues', expiresOn: null });
    const quote = dataOf<DuesQuote>(await member('dues.quote', { years: 1 }));
    expect(quote).toMatchObject({
      currentExpiresOn: null,
      firstPayment: true,
      periodFrom: '2026-06-15',
      periodUntil: '2027-06-14',
    });

    const order = dataOf<DuesOrder>(
      await member('dues.createOrder', { years: 1, invoice: null, requestId: 'first-dues-1' }),
    );
    const voucher = await uploadAs(t, login.token, JPEG_BYTES, '转账凭证.jpg');
    await member('dues.attachVoucher', { orderId: order.id, fileIds: [voucher] });
    t.clock.advance(3 * 86_400_000);
    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('admin.dues.confirm', { orderId: order.id })).toMatchObject({
      ok: true,
    });

    const after = dataOf<Dashboard>(await member('member.dashboard'));
    expect(after).toMatchObject({ status: 'active', expiresOn: '2027-06-17' });
  });
});
