import type { AnyAction } from '../../core/registry';

// Filled in as the domain is built.
export const eventActions: AnyAction[] = [];
