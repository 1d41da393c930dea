import { z } from 'zod';

// The run-time checks the console's content (通知, 机构动态, 会内活动) shares.

/** A record's id; a missing or empty one is answered as `message` (the record is not found). */
export const idInput = (message: string) => z.string({ error: message }).min(1, message).max(64);

/** 标题: 2-100 UTF-16 units, trimmed. */
export const titleInput = z
  .string({ error: '请填写标题' })
  .trim()
  .min(2, '标题应为2-100个字')
  .max(100, '标题应为2-100个字');

/** The rich text as the editor sends it; content/rich-text.ts sanitises it. */
export const htmlInput = (missing = '请填写正文') =>
  z.string({ error: missing }).max(500_000, '正文过长，请精简后再保存');

/** The console lists' filter: one state, or all when absent. */
export const statusFilter = z.enum(['draft', 'published', 'withdrawn']).optional();
