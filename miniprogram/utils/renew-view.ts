import type { BankAccount, DuesQuote } from '../../typings/actions';
import { fill, zhCN } from '../locales/zh-CN';
import { periodText } from './dues-view';
import { formatFen } from './money';

const t = zhCN.renew;

/** The quote as 续费年限 and its figures show it. */
export interface QuoteView {
  years: number;
  yearLabels: string[];
  yearIndex: number;
  feePerYear: string;
  amount: string;
  period: string;
}

export function toQuoteView(quote: DuesQuote): QuoteView {
  return {
    years: quote.years,
    yearLabels: quote.yearOptions.map((years) => fill(t.yearOption, { years })),
    yearIndex: Math.max(0, quote.yearOptions.indexOf(quote.years)),
    feePerYear: formatFen(quote.feePerYear),
    amount: formatFen(quote.amount),
    period: periodText(quote.periodFrom, quote.periodUntil),
  };
}

export type PayField = keyof BankAccount | 'amount' | 'remittanceNote';

/** One line of 公账支付: what to show, and what 复制 puts on the clipboard ('' for none). */
export interface PayRow {
  key: PayField;
  label: string;
  value: string;
  copy: string;
}

/**
 * 公账支付: the account, the amount and the remittance note, each with what 复制 copies (the
 * amount without ¥, as a bank app's amount field takes it). Before the order exists there is
 * no note yet: `remittanceNote` null says so instead.
 */
export function payRowsOf(bank: BankAccount, amount: number, remittanceNote: string | null) {
  const yuan = formatFen(amount);
  const rows: PayRow[] = [
    { key: 'accountName', label: t.accountName, value: bank.accountName, copy: bank.accountName },
    { key: 'bankName', label: t.bankName, value: bank.bankName, copy: bank.bankName },
    {
      key: 'accountNumber',
      label: t.accountNumber,
      value: bank.accountNumber,
      copy: bank.accountNumber,
    },
    { key: 'amount', label: t.amount, value: yuan, copy: yuan.replace(/^¥/, '') },
    {
      key: 'remittanceNote',
      label: t.remittanceNote,
      value: remittanceNote ?? t.remittanceNoteLater,
      copy: remittanceNote ?? '',
    },
  ];
  return rows;
}
