import type { Doc, Patch } from '../../ports/store';

/** Applies a port patch to a copy of a document (dotted paths create nested objects). */
export function applyPatch(doc: Doc, patch: Patch): Doc {
  const next = structuredClone(doc);
  for (const [path, value] of Object.entries(patch.set ?? {})) setPath(next, path, value);
  for (const [path, delta] of Object.entries(patch.inc ?? {})) {
    const current = getPath(next, path);
    setPath(next, path, (typeof current === 'number' ? current : 0) + delta);
  }
  for (const path of patch.unset ?? []) unsetPath(next, path);
  return next;
}

function getPath(target: Record<string, unknown>, path: string): unknown {
  let node: unknown = target;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    const child = node[key];
    if (!child || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value === undefined ? null : structuredClone(value);
}

function unsetPath(target: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node: unknown = target;
  for (const key of keys) {
    if (!node || typeof node !== 'object') return;
    node = (node as Record<string, unknown>)[key];
  }
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[last];
}
