import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { requestIdInput } from '../applications/input';
import { changeNewsStatus, getAdminNews, listAdminNews, saveNews } from './admin';
import { listNews, viewNews } from './public';

// 机构动态: anyone reads published news (the landing page shows them before a login); a
// logged-in member's first view earns points. The secretariat and the super-admin write,
// publish and withdraw them.

const EDITORS = ['superAdmin', 'secretariat'] as const;
const newsId = z.string({ error: '动态不存在' }).min(1, '动态不存在').max(64);
const page = fields.page;
const pageSize = fields.pageSize;
/** Each public row mints a cover link: a page of the landing list is a short one. */
const publicPageSize = z.number().int().min(1).max(50).optional();
const status = z.enum(['draft', 'published', 'withdrawn']).optional();

const saveInput = z.strictObject({
  newsId: newsId.optional(),
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(2, '标题应为2-100个字')
    .max(100, '标题应为2-100个字'),
  html: z.string({ error: '请填写正文' }).max(500_000, '正文过长，请精简后再保存'),
  coverFileId: z.string({ error: '封面的格式不正确' }).min(1).max(64).nullable(),
  requestId: requestIdInput,
});

export const newsActions = [
  defineAction({
    name: 'news.list',
    access: 'public',
    input: z.strictObject({ page, pageSize: publicPageSize }),
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
    input: z.strictObject({ status, page, pageSize }),
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
