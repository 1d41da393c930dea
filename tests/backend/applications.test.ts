/** @jest-environment node */
import type {
  AdminApplication,
  ApplicationReceipt,
  ApplicationStatusAnswer,
  Page,
} from '../../typings';
import type { ApplicationDoc } from '../../backend/domain/applications/model';
import type { MemberDoc } from '../../backend/domain/members/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, type DuesAdmin } from '../helpers/dues';
import { auditEntries } from '../helpers/members';
import {
  APPLICANT_ID_NUMBER,
  APPLICANT_PHONE,
  applicantUploads,
  applicationForm,
} from '../helpers/applications';

const PHONE = APPLICANT_PHONE;
const ID_NUMBER = APPLICANT_ID_NUMBER;

let t: TestBackend;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

/** A submit with the form and a freshly uploaded PDF, as the applicant's page sends it. */
const submit = async (overrides: Record<string, unknown> = {}) =>
  t.call('application.submit', applicationForm({ ...(await applicantUploads(t)), ...overrides }));
const submitted = async (overrides: Record<string, unknown> = {}) =>
  dataOf<ApplicationReceipt>(await submit(overrides));
const applications = () => t.store.find<ApplicationDoc>(COLLECTIONS.applications);
const review = (admin: DuesAdmin, data: Record<string, unknown>) =>
  admin.call('admin.applications.review', data);

describe('application.submit', () => {
  it('stores the application under review and answers an 8-character reference code', async () => {
    const receipt = await submitted();

    expect(receipt.status).toBe('underReview');
    expect(receipt.referenceCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const [stored] = await applications();
    expect(stored).toMatchObject({ phone: PHONE, idNumber: ID_NUMBER, name: '林晓雯' });
    expect(stored?.files).toHaveLength(1);
    expect((await auditEntries(t)).map((a) => a.action)).toContain('application.submit');
  });

  it.each([
    ['a missing name', { name: undefined }, 'name', '请填写姓名'],
    ['a missing work unit', { workUnit: '' }, 'workUnit', '请填写工作单位'],
    ['a bad phone', { phone: '1390000111' }, 'phone', '手机号应为11位（此处为10位）'],
    [
      'a bad ID number',
      { idNumber: '110105194912310021' },
      'idNumber',
      '身份证号校验位不正确，请核对',
    ],
    [
      'an ID number without its consent',
      { idNumberConsent: false },
      'idNumberConsent',
      '填写身份证号需同意保存身份证号',
    ],
    [
      'no consent to personal information',
      { personalInfoConsent: false },
      'personalInfoConsent',
      '请阅读并同意个人信息处理规则',
    ],
    ['a bad request id', { requestId: 'short' }, 'requestId', '请求标识无效，请重新提交'],
    [
      'a member type the society does not offer',
      { memberType: '荣誉会员' },
      'memberType',
      '请从列表中选择会员类型',
    ],
    [
      'a birth date still to come',
      { birthDate: '2027-01-01' },
      'birthDate',
      '出生日期不正确，请核对',
    ],
    [
      'a birth date before 1900',
      { birthDate: '1899-12-31' },
      'birthDate',
      '出生日期不正确，请核对',
    ],
    [
      'an ID number of another birth date',
      { birthDate: '1949-12-30' },
      'idNumber',
      '身份证号中的出生日期与所填出生日期不一致，请核对',
    ],
    [
      'an ID number of the other gender',
      { gender: '男' },
      'idNumber',
      '身份证号与所填性别不一致，请核对',
    ],
  ])('refuses %s and writes nothing', async (_case, overrides, field, message) => {
    const result = await submit(overrides);

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field, message });
    expect(await applications()).toHaveLength(0);
  });

  it('answers a repeat of the same request, even at once, with one application', async () => {
    const uploads = await applicantUploads(t);
    const [first, second] = await Promise.all([submitted(uploads), submitted(uploads)]);
    const third = await submitted(uploads);

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await applications()).toHaveLength(1);
  });

  it('sends a phone that is already a member’s to login', async () => {
    await t.seedMember({ phone: PHONE, name: '林晓雯' });

    const result = await submit();

    expect(result).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      field: 'phone',
      reason: 'alreadyMember',
    });
    expect(result.ok ? '' : result.message).toContain('请直接登录');
    expect(await applications()).toHaveLength(0);
  });

  it('tells a phone with an application under review so, also for two new requests at once', async () => {
    const results = await Promise.all([
      submit({ requestId: 'req-aaaaaaaa' }),
      submit({ requestId: 'req-bbbbbbbb' }),
    ]);
    const later = await submit({ requestId: 'req-cccccccc' });

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of [...results.filter((r) => !r.ok), later]) {
      expect(refused).toMatchObject({ ok: false, code: 'CONFLICT', reason: 'underReview' });
      expect(refused.ok ? '' : refused.message).toContain('正在审核中');
    }
    expect(await applications()).toHaveLength(1);
  });
});

describe('application.status', () => {
  it('answers the phone with its reference code, typed loosely, and nothing else', async () => {
    const receipt = await submitted();

    const found = dataOf<ApplicationStatusAnswer>(
      await t.call('application.status', {
        phone: '139 0000 1111',
        referenceCode: ` ${receipt.referenceCode.toLowerCase()} `,
      }),
    );
    expect(found).toEqual({
      status: 'underReview',
      referenceCode: receipt.referenceCode,
      reason: null,
      submittedAt: '2026-06-15T04:00:00.000Z',
      reviewedAt: null,
      memberNo: null,
      form: {
        memberType: '个人会员',
        name: '林晓雯',
        gender: '女',
        birthDate: '1949-12-31',
        phone: PHONE,
        idNumberMasked: '1101**********002X',
        idNumberConsent: true,
        workUnit: '四川大学华西医院',
        department: '心内科',
        title: '主治医师',
        position: null,
        education: '博士',
        specialty: '心血管内科',
        address: '成都市武侯区国学巷37号',
        email: 'lin@example.org',
      },
      files: [
        {
          fileId: expect.stringMatching(/^f_/),
          name: '入会申请表-1.pdf',
          contentType: 'application/pdf',
          size: expect.any(Number),
        },
      ],
    });

    const wrongCode = await t.call('application.status', {
      phone: PHONE,
      referenceCode: 'ZZZZZZZZ',
    });
    const wrongPhone = await t.call('application.status', {
      phone: '13900002222',
      referenceCode: receipt.referenceCode,
    });
    expect(wrongCode).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(wrongPhone).toEqual(wrongCode);
  });
});

describe('admin.applications.review', () => {
  it('approves: a member with the form, a member number, joined today, who logs in with phone/phone', async () => {
    const receipt = await submitted();

    const approved = dataOf<AdminApplication>(
      await review(secretariat, { applicationId: receipt.applicationId, decision: 'approve' }),
    );

    expect(approved).toMatchObject({ status: 'approved', memberNo: 'SQ20260001' });
    const [member] = await t.store.find<MemberDoc>(COLLECTIONS.members, {
      where: { phone: PHONE },
    });
    expect(member).toMatchObject({
      name: '林晓雯',
      memberNo: 'SQ20260001',
      memberType: '个人会员',
      joinedOn: '2026-06-15',
      expiresOn: null,
      idNumber: ID_NUMBER,
      idNumberConsent: true,
      department: '心内科',
    });
    const login = dataOf<{ mustChangePassword: boolean }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    expect(login.mustChangePassword).toBe(true);
    const status = dataOf<ApplicationStatusAnswer>(
      await t.call('application.status', { phone: PHONE, referenceCode: receipt.referenceCode }),
    );
    expect(status).toMatchObject({ status: 'approved', memberNo: 'SQ20260001' });
    expect((await auditEntries(t)).map((a) => a.action)).toContain('admin.applications.approve');
  });

  it('gives two applications approved at once by two reviewers distinct member numbers', async () => {
    const superAdmin = await duesAdmin(t, 'superAdmin');
    // Two people, so not one ID number: these two leave it out.
    const noId = { idNumber: null, idNumberConsent: false };
    const a = await submitted({ phone: '13900003333', ...noId });
    const b = await submitted({ phone: '13900004444', ...noId });

    const results = await Promise.all([
      review(secretariat, { applicationId: a.applicationId, decision: 'approve' }),
      review(superAdmin, { applicationId: b.applicationId, decision: 'approve' }),
    ]);

    const numbers = results.map((r) => dataOf<AdminApplication>(r).memberNo).sort();
    expect(numbers).toEqual(['SQ20260001', 'SQ20260002']);
  });

  it('looks past a long run of numbers the roster gave out, in pages', async () => {
    for (let n = 1; n <= 620; n += 1) {
      await t.seedMember({
        phone: `137${String(n).padStart(8, '0')}`,
        name: `老会员${n}`,
        memberNo: `SQ2026${String(n).padStart(4, '0')}`,
      });
    }
    // An unrelated number sorting among them does not end the run.
    await t.seedMember({ phone: '13600000000', name: '别的编号', memberNo: 'SQ20260300A' });
    const receipt = await submitted();

    const approved = dataOf<AdminApplication>(
      await review(secretariat, { applicationId: receipt.applicationId, decision: 'approve' }),
    );

    expect(approved.memberNo).toBe('SQ20260621');
  });

  it('counts on across years for a pattern without a year', async () => {
    const superAdmin = await duesAdmin(t, 'superAdmin');
    await superAdmin.call('admin.applications.settings.update', { memberNoPattern: 'SX{NNNNN}' });
    const first = await submitted({ phone: '13900003333' });
    await review(secretariat, { applicationId: first.applicationId, decision: 'approve' });
    t.clock.advance(365 * 86_400_000);
    const second = await submitted({
      phone: '13900004444',
      idNumber: null,
      idNumberConsent: false,
    });
    // A year on, the secretariat has a new session.
    const nextYear = await duesAdmin(t, 'secretariat', 'secretariat-2027');

    const approved = dataOf<AdminApplication>(
      await review(nextYear, { applicationId: second.applicationId, decision: 'approve' }),
    );

    expect(approved.memberNo).toBe('SX00002');
  });

  it('skips a number the roster already gave out', async () => {
    await t.seedMember({ phone: '13700000000', name: '老会员', memberNo: 'SQ20260001' });
    const receipt = await submitted();

    const approved = dataOf<AdminApplication>(
      await review(secretariat, { applicationId: receipt.applicationId, decision: 'approve' }),
    );

    expect(approved.memberNo).toBe('SQ20260002');
  });

  it('rejects with a reason the applicant then sees; a reason is required', async () => {
    const receipt = await submitted();
    const noReason = await review(secretariat, {
      applicationId: receipt.applicationId,
      decision: 'reject',
    });
    expect(noReason).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'reason' });

    await review(secretariat, {
      applicationId: receipt.applicationId,
      decision: 'reject',
      reason: '申请表未签字',
    });

    const status = dataOf<ApplicationStatusAnswer>(
      await t.call('application.status', { phone: PHONE, referenceCode: receipt.referenceCode }),
    );
    expect(status).toMatchObject({
      status: 'rejected',
      reason: '申请表未签字',
      reviewedAt: '2026-06-15T04:00:00.000Z',
    });
    expect(await t.store.count(COLLECTIONS.members)).toBe(0);
  });

  it('refuses to approve an ID number a member already holds, and creates no member', async () => {
    const holder = await t.seedMember({ phone: '13700000000', name: '林晓雯', memberNo: 'M0001' });
    await t.store.update(COLLECTIONS.members, holder, {
      set: { idNumber: ID_NUMBER, idNumberConsent: true },
    });
    const receipt = await submitted();

    const result = await review(secretariat, {
      applicationId: receipt.applicationId,
      decision: 'approve',
    });

    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', reason: 'idNumberInUse' });
    expect(result.ok ? '' : result.message).toContain('会员编号 M0001');
    expect(await t.store.count(COLLECTIONS.members)).toBe(1);
    const [stored] = await applications();
    expect(stored?.status).toBe('underReview');
  });

  it('refuses to review an application that is no longer under review', async () => {
    const receipt = await submitted();
    await review(secretariat, { applicationId: receipt.applicationId, decision: 'approve' });

    for (const decision of ['approve', 'reject']) {
      const again = await review(secretariat, {
        applicationId: receipt.applicationId,
        decision,
        reason: '重复审核',
      });
      expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    }
    expect(await t.store.count(COLLECTIONS.members)).toBe(1);
  });
});

describe('admin.applications.list', () => {
  it('lists under review oldest first, with the phone and ID number masked', async () => {
    await submitted();
    t.clock.advance(60_000);
    await submitted({ phone: '13900005555', requestId: 'req-00000002' });

    const page = dataOf<Page<AdminApplication>>(
      await secretariat.call('admin.applications.list', { status: 'underReview' }),
    );

    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.phoneMasked)).toEqual(['139****1111', '139****5555']);
    expect(page.items[0]?.idNumberMasked).toBe('1101**********002X');
  });

  it('is for the secretariat and the super-admin only', async () => {
    const finance = await duesAdmin(t, 'finance');

    expect(await finance.call('admin.applications.list', {})).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await t.call('admin.applications.list', {})).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect(
      await finance.call('admin.applications.review', { applicationId: 'x', decision: 'approve' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
