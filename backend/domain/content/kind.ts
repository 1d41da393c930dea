import type { ContentStatus } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { findPage, type DocPage } from '../../core/paging';
import type { Doc, FindOptions, Patch } from '../../ports/store';

/** What the console writes, publishes and withdraws: 通知, 机构动态, 会内活动. */
export interface ContentKind {
  collection: string;
  /** The audit's action prefix: `admin.notices`, `admin.news`, `admin.events`. */
  actions: string;
  /** The thing's name in messages: 通知, 动态, 活动. */
  noun: string;
  /** The answer for an id that names none. */
  notFound: string;
  /** The answer when another admin's save came between the read and the write. */
  changed: string;
  /** Extra changes of every status write (news and events count their versions). */
  patch?: Pick<Patch, 'inc'>;
}

export async function loadContent<D extends Doc>(
  deps: BackendDeps,
  kind: ContentKind,
  id: string,
): Promise<D> {
  const doc = await deps.store.get<D>(kind.collection, id);
  if (!doc) throw new AppError('NOT_FOUND', kind.notFound);
  return doc;
}

/**
 * The record an earlier request with the same `requestKey` (the caller's id and the client's
 * requestId) stored: a repeat answers it instead of storing another.
 */
export async function findByRequest<D extends Doc>(
  deps: BackendDeps,
  collection: string,
  requestKey: string,
): Promise<D | null> {
  const [found] = await deps.store.find<D>(collection, { where: { requestKey } });
  return found ?? null;
}

/** A page of the console's list of a kind: one state, or all when none is asked for. */
export function findContentPage<D extends Doc>(
  deps: BackendDeps,
  kind: ContentKind,
  orderBy: NonNullable<FindOptions['orderBy']>,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<DocPage<D>> {
  const filter = input.status ? { where: { status: input.status } } : {};
  return findPage<D>(deps.store, kind.collection, filter, orderBy, input);
}
