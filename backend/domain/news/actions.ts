import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { fields, pagingInput, requestIdInput } from '../../core/validation';
import { htmlInput, idInput, statusFilter, titleInput } from '../content/input';
import { changeNewsStatus, getAdminNews, listAdminNews, saveNews } from './admin';
import { listNews, viewNews } from './public';

// 机构动态: anyone reads published news (the landing page shows them before a login); a
// logged-in member's first view earns points. The secretariat and the super-admin write,
// publish and withdraw them.

const EDITORS = ['superAdmin', 'secretariat'] as const;
const newsId = idInput('动态不存在');
/** Each public row mints a cover link: a page of the landing list is a short one. */
const publicPageSize = z.number().int().min(1).max(50).optional();

const saveInput = z.strictObject({
  newsId: newsId.optional(),
  title: titleInput,
  html: htmlInput(),
  coverFileId: z.string({ error: '封面的格式不正确' }).min(1).max(64).nullable(),
  requestId: requestIdInput,
});

export const newsActions = [
  defineAction({
    name: 'news.list',
    access: 'public',
    input: z.strictObject({ page: fields.page, pageSize: publicPageSize }),
    handler: (input, ctx) => listNews(ctx, input),
  }),
  defineAction({
    name: 'news.view',
    access: 'public',
    input: z.strictObject({ newsId }),
    handler: (input, ctx) => viewNews(ctx, input.newsId),
  }),
  defineAction({
    name: 'admin.news.list',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ status: statusFilter, ...pagingInput }),
    handler: (input, ctx) => listAdminNews(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.news.get',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ newsId }),
    handler: (input, ctx) => getAdminNews(ctx.deps, input.newsId),
  }),
  defineAction({
    name: 'admin.news.save',
    access: 'admin',
    roles: EDITORS,
    input: saveInput,
    handler: (input, ctx) => saveNews(ctx, input),
  }),
  defineAction({
    name: 'admin.news.publish',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ newsId }),
    handler: (input, ctx) => changeNewsStatus(ctx, input.newsId, 'published'),
  }),
  defineAction({
    name: 'admin.news.withdraw',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ newsId }),
    handler: (input, ctx) => changeNewsStatus(ctx, input.newsId, 'withdrawn'),
  }),
];
