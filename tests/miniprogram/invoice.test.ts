import { callAction } from '../../miniprogram/services/transport';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, textOf, typeInto, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
/** A unified social credit code with a valid check digit. */
const CREDIT_CODE = '91350100M000100Y43';

describe('开票信息', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
  });
  afterEach(() => backend.close());

  async function openForm() {
    const page = renderPage('invoice');
    await backend.settle();
    await tap(page, '.edit');
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await backend.settle();
  }

  async function chooseTitleType(page: Rendered, titleType: '个人' | '单位') {
    find(page, '.title-type').dispatchEvent('change', { detail: { value: titleType } });
    await backend.settle();
  }

  /** What the portal shows: the same action's answer. */
  async function stored() {
    return (await callAction('member.invoiceInfo.get', {})).invoiceInfo;
  }

  it('says so before anything is filled in', async () => {
    const page = renderPage('invoice');
    await backend.settle();

    expect(textOf(page, '.none')).toBe('尚未填写开票信息');
  });

  it('saves a 个人 invoice with a title and an email, readable by member.invoiceInfo.get', async () => {
    const page = await openForm();

    typeInto(page, '.field-title', '夏慧然');
    typeInto(page, '.field-email', 'xia@example.cn');
    await tap(page, '.submit');

    expect(textOf(page, '.row-titleType >>> .t-cell__note')).toBe('个人');
    expect(textOf(page, '.row-email >>> .t-cell__note')).toBe('xia@example.cn');
    expect(textOf(page, '.row-bank >>> .t-cell__note')).toBe('未填写');
    expect(wxFake.toasts).toContain('已保存');
    expect(await stored()).toEqual({
      titleType: '个人',
      title: '夏慧然',
      taxNumber: null,
      address: null,
      phone: null,
      bank: null,
      bankAccount: null,
      email: 'xia@example.cn',
    });
  });

  it('asks a 单位 for its credit code before any call', async () => {
    const page = await openForm();

    await chooseTitleType(page, '单位');
    typeInto(page, '.field-title', '四川大学华西医院');
    await tap(page, '.submit');

    expect(textOf(page, '.field-taxNumber >>> .t-input__tips')).toBe(
      '单位发票请填写统一社会信用代码',
    );
    expect(backend.sent).not.toContain('member.invoiceInfo.update');
  });

  it('asks a 单位 for its title before any call', async () => {
    const page = await openForm();

    await chooseTitleType(page, '单位');
    typeInto(page, '.field-taxNumber', CREDIT_CODE);
    await tap(page, '.submit');

    expect(textOf(page, '.field-title >>> .t-input__tips')).toBe(
      '单位发票请填写发票抬头（单位名称）',
    );
    expect(backend.sent).not.toContain('member.invoiceInfo.update');
  });

  it('shows the backend’s check-digit message on the credit code and saves nothing', async () => {
    const page = await openForm();

    await chooseTitleType(page, '单位');
    typeInto(page, '.field-title', '四川大学华西医院');
    typeInto(page, '.field-taxNumber', '91350100M000100Y44');
    await tap(page, '.submit');

    expect(textOf(page, '.field-taxNumber >>> .t-input__tips')).toBe(
      '统一社会信用代码校验位不正确，请核对',
    );
    expect(await stored()).toBeNull();
  });

  it('shows a bad e-receipt email on its field', async () => {
    const page = await openForm();

    typeInto(page, '.field-email', 'not-an-email');
    await tap(page, '.submit');

    expect(textOf(page, '.field-email >>> .t-input__tips')).toBe('接收电子发票的邮箱格式不正确');
    expect(await stored()).toBeNull();
  });

  it('saves a 单位 invoice with every field, and edits it again from what is stored', async () => {
    const page = await openForm();

    await chooseTitleType(page, '单位');
    typeInto(page, '.field-title', '四川大学华西医院');
    typeInto(page, '.field-taxNumber', CREDIT_CODE.toLowerCase());
    typeInto(page, '.field-address', '成都市武侯区国学巷37号');
    typeInto(page, '.field-phone', '028-85422114');
    typeInto(page, '.field-bank', '中国银行成都华西支行');
    typeInto(page, '.field-bankAccount', '1234 5678 9012');
    await tap(page, '.submit');

    expect(textOf(page, '.row-titleType >>> .t-cell__note')).toBe('单位');
    expect(textOf(page, '.row-taxNumber >>> .t-cell__note')).toBe(CREDIT_CODE);
    expect(await stored()).toMatchObject({
      titleType: '单位',
      title: '四川大学华西医院',
      taxNumber: CREDIT_CODE,
      phone: '028-85422114',
      bankAccount: '1234 5678 9012',
      email: null,
    });

    await tap(page, '.edit');
    expect(page.data.form).toMatchObject({ titleType: '单位', taxNumber: CREDIT_CODE });
  });
});
