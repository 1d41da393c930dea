import type { ContentStatus } from '../../../../typings';

/** Texts shared by what the console publishes: notices (通知) and news (机构动态). */
export const contentTexts = {
  status: {
    draft: '草稿',
    published: '已发布',
    withdrawn: '已撤回',
  } satisfies Record<ContentStatus, string>,
} as const;
