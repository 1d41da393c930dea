import type { RosterField } from '../members/model';

/** A column the roster importer knows: a member field, the phone (the account), or 序号. */
export type ColumnKey = RosterField | 'phone' | 'seq';

/**
 * Header names secretariats use, per column, best first: when a sheet has two columns for
 * one field (手机号码 and 联系电话), the better name wins, then the leftmost.
 */
const ALIASES: Record<ColumnKey, readonly string[]> = {
  seq: ['序号'],
  memberNo: ['会员编号', '编号', '会员号'],
  name: ['姓名'],
  gender: ['性别'],
  birthDate: ['出生日期'],
  phone: ['手机号码', '手机号', '手机', '联系电话'],
  workUnit: ['工作单位', '单位'],
  title: ['职称'],
  position: ['职务'],
  memberType: ['会员类型', '会员类别'],
  joinedOn: ['入会日期', '入会时间'],
  expiresOn: ['会费到期日', '到期时间', '到期日期', '有效期至'],
  email: ['电子邮箱', '邮箱'],
  notes: ['备注'],
};

const LOOKUP = new Map<string, { key: ColumnKey; rank: number }>(
  (Object.entries(ALIASES) as [ColumnKey, readonly string[]][]).flatMap(([key, names]) =>
    names.map((name, rank) => [name, { key, rank }] as const),
  ),
);

/** A column found in the header row: where it is and what the sheet calls it. */
export interface HeaderColumn {
  col: number;
  /** The header text as written, without spaces or stars, for messages naming the column. */
  label: string;
}

export type HeaderColumns = Partial<Record<ColumnKey, HeaderColumn>>;

/** Columns without which no row can be imported. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['name', 'phone'];

/**
 * The comparable form of a header cell: full-width folded, no spaces or line breaks (姓  名),
 * no required-field stars, no trailing colon, no remark in brackets (手机号码（账号）).
 */
export function headerKeyOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff*]/g, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/[:]$/, '');
}

/**
 * Recognises the columns of one candidate header row, given its cells' texts by column.
 * Answers null unless every required column is present.
 */
export function matchHeader(cells: ReadonlyMap<number, string>): HeaderColumns | null {
  const found: HeaderColumns = {};
  const ranks = new Map<ColumnKey, number>();
  for (const [col, text] of [...cells.entries()].sort((a, b) => a[0] - b[0])) {
    const hit = LOOKUP.get(headerKeyOf(text));
    if (!hit) continue;
    const best = ranks.get(hit.key);
    if (best !== undefined && best <= hit.rank) continue;
    ranks.set(hit.key, hit.rank);
    found[hit.key] = { col, label: text.replace(/[\s*＊]+/g, '') };
  }
  return REQUIRED_COLUMNS.every((key) => found[key]) ? found : null;
}

/** Column labels for messages when the sheet's own label is unknown. */
export const DEFAULT_LABELS: Record<ColumnKey, string> = Object.fromEntries(
  Object.entries(ALIASES).map(([key, names]) => [key, names[0] ?? key]),
) as Record<ColumnKey, string>;
