import type { Condition, Filter, FindOptions, Scalar } from '../../ports/store';

/** A compiled WHERE clause and its parameters. */
export interface Clause {
  sql: string;
  params: SqlValue[];
}

export type SqlValue = string | number | null;

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The SQL expression of a (dotted) field: `_id` is a column, the rest live in `doc`. */
export function fieldExpr(field: string): string {
  if (!FIELD_PATH.test(field)) throw new Error(`invalid field path: ${field}`);
  return field === '_id' ? '_id' : `json_extract(doc, '$.${field}')`;
}

/** SQLite has no booleans: `json_extract` answers 1/0, so parameters must be 1/0 too. */
function toSql(value: Scalar | number | string): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function compileCondition(field: string, condition: Condition): Clause {
  const expr = fieldExpr(field);
  if (condition === null) return { sql: `${expr} IS NULL`, params: [] };
  if (typeof condition !== 'object') return { sql: `${expr} = ?`, params: [toSql(condition)] };
  if ('gt' in condition) return { sql: `${expr} > ?`, params: [condition.gt] };
  if ('gte' in condition) return { sql: `${expr} >= ?`, params: [condition.gte] };
  if ('lt' in condition) return { sql: `${expr} < ?`, params: [condition.lt] };
  if ('lte' in condition) return { sql: `${expr} <= ?`, params: [condition.lte] };
  if ('ne' in condition) return { sql: `${expr} IS NOT ?`, params: [toSql(condition.ne)] };
  if ('contains' in condition) {
    return { sql: `instr(${expr}, ?) > 0`, params: [condition.contains] };
  }
  if (condition.in.length === 0) return { sql: '0', params: [] };
  const nonNull = condition.in.filter((v) => v !== null).map(toSql);
  const parts = nonNull.length > 0 ? [`${expr} IN (${nonNull.map(() => '?').join(', ')})`] : [];
  if (nonNull.length < condition.in.length) parts.push(`${expr} IS NULL`);
  return { sql: `(${parts.join(' OR ')})`, params: nonNull };
}

function compileAll(where: Record<string, Condition>): Clause {
  const clauses = Object.entries(where).map(([field, c]) => compileCondition(field, c));
  if (clauses.length === 0) return { sql: '1', params: [] };
  return {
    sql: clauses.map((c) => c.sql).join(' AND '),
    params: clauses.flatMap((c) => c.params),
  };
}

/** Compiles a port filter to a WHERE clause. */
export function compileFilter(filter: Filter = {}): Clause {
  const all = compileAll(filter.where ?? {});
  if (!filter.or || filter.or.length === 0) return all;
  const alternatives = filter.or.map(compileAll);
  return {
    sql: `(${all.sql}) AND (${alternatives.map((a) => `(${a.sql})`).join(' OR ')})`,
    params: [...all.params, ...alternatives.flatMap((a) => a.params)],
  };
}

/** ORDER BY, LIMIT and OFFSET; `_id` breaks ties so that pages never overlap. */
export function compileOptions(options: FindOptions, defaultLimit: number, cap: number): string {
  const order = (options.orderBy ?? []).map(
    (o) => `${fieldExpr(o.field)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`,
  );
  order.push('_id ASC');
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? defaultLimit), 0), cap);
  const skip = Math.max(Math.trunc(options.skip ?? 0), 0);
  return ` ORDER BY ${order.join(', ')} LIMIT ${limit} OFFSET ${skip}`;
}
