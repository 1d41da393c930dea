import { z } from 'zod';
import type { ActionRequest, DuesOrderStatus } from '../../../typings';
import { defineAction } from '../../core/registry';
import { fields, requestIdInput } from '../../core/validation';
import { fileLinkActions } from '../files/links';
import { invoiceInput } from '../members/invoice';
import { confirmOrder, issueInvoice, listOrders, rejectOrder } from './finance';
import { cancelOrder, createOrder, listOwnOrders } from './orders';
import { quoteRenewal } from './quote';
import { duesSettingsInput, readDuesSettings, updateDuesSettings } from './settings';
import { attachVouchers } from './vouchers';
import { hasControl } from '../../core/text';

// Member actions act on the session's member only: strict inputs refuse a member id, and an
// order id of someone else's answers NOT_FOUND.

const YEARS_MESSAGE = '请选择续费年限';
const years = z.number({ error: YEARS_MESSAGE }).int(YEARS_MESSAGE);
const orderId = z.string({ error: '未找到该续费订单' }).min(1).max(64);

const quote = defineAction({
  name: 'dues.quote',
  access: 'member',
  input: z.strictObject({ years: years.optional() }),
  handler: (input, ctx) => quoteRenewal(ctx, input.years),
});

// The invoice is checked exactly as 开票信息 is (members/invoice.ts) and normalised there by
// the handler (toInvoiceInfo); the schema's own type is that form's looser input, hence the
// cast to the contract's request.
const createInput = z.strictObject({
  years,
  invoice: invoiceInput.nullable(),
  saveInvoiceInfo: z.boolean().optional(),
  requestId: requestIdInput,
}) as unknown as z.ZodType<ActionRequest<'dues.createOrder'>>;

const create = defineAction({
  name: 'dues.createOrder',
  access: 'member',
  input: createInput,
  handler: (input, ctx) => createOrder(ctx, input),
});

const attach = defineAction({
  name: 'dues.attachVoucher',
  access: 'member',
  input: z.strictObject({
    orderId,
    fileIds: z
      .array(z.string().min(1).max(64), { error: '请上传缴费凭证' })
      .min(1, '请上传缴费凭证')
      .max(5, '缴费凭证最多上传 5 个文件')
      .refine((ids) => new Set(ids).size === ids.length, '同一个文件不能重复上传'),
  }),
  handler: (input, ctx) => attachVouchers(ctx, input),
});

const cancel = defineAction({
  name: 'dues.cancelOrder',
  access: 'member',
  input: z.strictObject({ orderId }),
  handler: (input, ctx) => cancelOrder(ctx, input.orderId),
});

const orders = defineAction({
  name: 'dues.orders',
  access: 'member',
  input: z.strictObject({}),
  handler: async (_input, ctx) => ({ items: await listOwnOrders(ctx) }),
});

const FINANCE = ['finance', 'superAdmin'] as const;

const settingsGet = defineAction({
  name: 'admin.dues.settings.get',
  access: 'admin',
  roles: ['superAdmin', 'finance', 'secretariat'],
  input: z.strictObject({}),
  handler: (_input, { deps }) => readDuesSettings(deps),
});

const settingsUpdate = defineAction({
  name: 'admin.dues.settings.update',
  access: 'admin',
  roles: ['superAdmin'],
  input: duesSettingsInput,
  handler: (input, ctx) => updateDuesSettings(ctx, input),
});

const STATUSES = [
  'awaitingPayment',
  'awaitingReview',
  'rejected',
  'confirmed',
  'cancelled',
] as const satisfies readonly DuesOrderStatus[];

const queue = defineAction({
  name: 'admin.dues.orders',
  access: 'admin',
  roles: FINANCE,
  input: z.strictObject({
    status: z.enum(STATUSES, { error: '订单状态无效' }).optional(),
    query: z.string().trim().max(50, '搜索词不能超过50个字').optional(),
    page: fields.page,
    pageSize: fields.pageSize,
  }),
  handler: (input, { deps }) => listOrders(deps, input),
});

const confirm = defineAction({
  name: 'admin.dues.confirm',
  access: 'admin',
  roles: FINANCE,
  input: z.strictObject({ orderId }),
  handler: (input, ctx) => confirmOrder(ctx, input.orderId),
});

const reject = defineAction({
  name: 'admin.dues.reject',
  access: 'admin',
  roles: FINANCE,
  input: z.strictObject({
    orderId,
    reason: z
      .string({ error: '请填写驳回原因' })
      .trim()
      .min(2, '驳回原因至少需要 2 个字')
      .max(200, '驳回原因不能超过 200 个字'),
  }),
  handler: (input, ctx) => rejectOrder(ctx, input),
});

const invoice = defineAction({
  name: 'admin.dues.issueInvoice',
  access: 'admin',
  roles: FINANCE,
  input: z.strictObject({
    orderId,
    invoiceNo: z
      .string({ error: '请填写发票号码' })
      .trim()
      .min(1, '请填写发票号码')
      .max(40, '发票号码不能超过 40 个字')
      .refine((value) => !hasControl(value), '发票号码只能是一行文字'),
    fileId: z.string({ error: '请上传电子发票' }).min(1, '请上传电子发票').max(64),
  }),
  handler: (input, ctx) => issueInvoice(ctx, input),
});

/** 会费: the member's renewal, finance's queue, the settings, and the files' links. */
export const duesActions = [
  quote,
  create,
  attach,
  cancel,
  orders,
  settingsGet,
  settingsUpdate,
  queue,
  confirm,
  reject,
  invoice,
  ...fileLinkActions,
];
