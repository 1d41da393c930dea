import { zhCN } from '../../locales/zh-CN';

const t = zhCN.member.invoice;

/** The label of each 开票信息 field; `title` is the invoice's 抬头, not the card's title. */
export const invoiceLabels = {
  title: t.invoiceTitle,
  taxNumber: t.taxNumber,
  address: t.address,
  phone: t.phone,
  bank: t.bank,
  bankAccount: t.bankAccount,
  email: t.email,
} as const;
