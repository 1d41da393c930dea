import { z } from 'zod';
import type { ActionRequest, InvoiceInfo } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { checkCreditCode } from './credit-code';
import {
  blankToNull,
  EMAIL_PATTERN,
  invalid,
  memberEditable,
  optionalPattern,
  optionalText,
} from './input-fields';
import { loadOwnMember, saveMemberChanges } from './member-writes';

type InvoiceInput = ActionRequest<'member.invoiceInfo.update'>;

/** The input of `member.invoiceInfo.update`: the whole 开票信息, as the form sends it. */
export const invoiceInput: z.ZodType<InvoiceInput> = memberEditable({
  titleType: z.enum(['个人', '单位'], { error: '请选择发票抬头类型：个人或单位' }),
  title: optionalText('发票抬头', 100),
  taxNumber: optionalText('统一社会信用代码', 32),
  address: optionalText('地址', 200),
  phone: optionalPattern('电话', 32, /^[\d\s()+-]+$/, '电话只能包含数字、空格和 - + ( )'),
  bank: optionalText('开户银行', 100),
  bankAccount: optionalPattern('银行账号', 40, /^[\d\s-]+$/, '银行账号只能包含数字、空格和 -'),
  email: optionalPattern('接收电子发票的邮箱', 100, EMAIL_PATTERN, '接收电子发票的邮箱格式不正确'),
});

const INVOICE_KEYS = [
  'titleType',
  'title',
  'taxNumber',
  'address',
  'phone',
  'bank',
  'bankAccount',
  'email',
] as const;

/** The stored 开票信息 from a checked input; a 单位 needs its title and credit code. */
export function toInvoiceInfo(input: InvoiceInput): InvoiceInfo {
  const info: InvoiceInfo = {
    titleType: input.titleType,
    title: blankToNull(input.title),
    taxNumber: blankToNull(input.taxNumber),
    address: blankToNull(input.address),
    phone: blankToNull(input.phone),
    bank: blankToNull(input.bank),
    bankAccount: blankToNull(input.bankAccount),
    email: blankToNull(input.email),
  };
  if (info.titleType === '单位') {
    if (!info.title) throw invalid('单位发票请填写发票抬头（单位名称）', 'title');
    if (!info.taxNumber) throw invalid('单位发票请填写统一社会信用代码', 'taxNumber');
  }
  if (info.taxNumber) {
    const check = checkCreditCode(info.taxNumber);
    if (!check.ok) throw invalid(check.reason, 'taxNumber');
    info.taxNumber = check.value;
  }
  return info;
}

/** Replaces the caller's own 开票信息; the audit entry names the fields that changed. */
export async function updateOwnInvoice(
  ctx: ActionContext<MemberPrincipal>,
  input: InvoiceInput,
): Promise<InvoiceInfo> {
  const member = await loadOwnMember(ctx);
  const info = toInvoiceInfo(input);
  const before = member.invoice ?? null;
  const changed = INVOICE_KEYS.filter((key) => (before?.[key] ?? null) !== info[key]);
  if (changed.length === 0) return info;

  // The batch's audit fields are the invoice's own field names, not just "invoice".
  await saveMemberChanges(ctx, member, { invoice: info }, 'member.invoiceInfo.update', [], {
    fields: changed.map((key) => `invoice.${key}`),
  });
  return info;
}
