import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { pagingInput } from '../../core/validation';
import { resubmitInput, reviewInput, statusInput, submitInput } from './input';
import { approveApplication, getApplication, listApplications, rejectApplication } from './review';
import {
  applicationOptions,
  applicationQrCode,
  getApplicationSettings,
  templateLink,
  updateApplicationSettings,
} from './settings';
import { applicationStatus, myApplication, resubmitApplication, submitApplication } from './submit';
import { issueUploadGrant } from './upload-grant';

// 入会申请: the applicant is anonymous (phone + reference code, or the same WeChat account,
// stand in for a login; an upload grant for a session); the review belongs to the
// secretariat and the super-admin.

const REVIEWERS = ['superAdmin', 'secretariat'] as const;
const empty = z.strictObject({});

const publicActions = [
  defineAction({
    name: 'application.options',
    access: 'public',
    input: empty,
    handler: (_input, ctx) => applicationOptions(ctx),
  }),
  defineAction({
    name: 'application.template',
    access: 'public',
    input: empty,
    handler: (_input, ctx) => templateLink(ctx),
  }),
  defineAction({
    name: 'application.uploadGrant',
    access: 'public',
    input: empty,
    handler: (_input, ctx) => issueUploadGrant(ctx),
  }),
  defineAction({
    name: 'application.submit',
    access: 'public',
    input: submitInput,
    handler: (input, ctx) => submitApplication(ctx, input),
  }),
  defineAction({
    name: 'application.status',
    access: 'public',
    input: statusInput,
    handler: (input, ctx) => applicationStatus(ctx, input),
  }),
  defineAction({
    name: 'application.mine',
    access: 'public',
    input: empty,
    handler: (_input, ctx) => myApplication(ctx),
  }),
  defineAction({
    name: 'application.resubmit',
    access: 'public',
    input: resubmitInput,
    handler: (input, ctx) => resubmitApplication(ctx, input),
  }),
];

const applicationId = z.string({ error: '未找到该入会申请' }).min(1).max(64);

const reviewActions = [
  defineAction({
    name: 'admin.applications.list',
    access: 'admin',
    roles: REVIEWERS,
    input: z.strictObject({
      status: z.enum(['underReview', 'approved', 'rejected']).optional(),
      query: z.string().trim().max(50, '搜索词不能超过50个字').optional(),
      ...pagingInput,
    }),
    handler: (input, ctx) => listApplications(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.applications.get',
    access: 'admin',
    roles: REVIEWERS,
    input: z.strictObject({ applicationId }),
    handler: (input, ctx) => getApplication(ctx.deps, input.applicationId),
  }),
  defineAction({
    name: 'admin.applications.review',
    access: 'admin',
    roles: REVIEWERS,
    input: reviewInput,
    handler: (input, ctx) =>
      input.decision === 'approve'
        ? approveApplication(ctx, input.applicationId)
        : rejectApplication(ctx, input.applicationId, input.reason ?? ''),
  }),
  defineAction({
    name: 'admin.applications.settings.get',
    access: 'admin',
    roles: REVIEWERS,
    input: empty,
    handler: (_input, ctx) => getApplicationSettings(ctx),
  }),
  // The number pattern and the template speak for the society: the super-admin's, like
  // the society profile and the fees.
  defineAction({
    name: 'admin.applications.settings.update',
    access: 'admin',
    roles: ['superAdmin'],
    input: z.strictObject({
      memberNoPattern: z
        .string({ error: '请填写会员编号规则' })
        .trim()
        .min(1, '请填写会员编号规则')
        .max(40, '会员编号规则不能超过40个字符'),
      templateFileId: z.string().min(1).max(64).nullable().optional(),
    }),
    handler: (input, ctx) => updateApplicationSettings(ctx, input),
  }),
  defineAction({
    name: 'admin.applications.qrCode',
    access: 'admin',
    roles: REVIEWERS,
    input: empty,
    handler: (_input, ctx) => applicationQrCode(ctx),
  }),
];

export const applicationActions = [...publicActions, ...reviewActions];
