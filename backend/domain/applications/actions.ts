import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { reviewInput, statusInput, submitInput } from './input';
import { approveApplication, listApplications, rejectApplication } from './review';
import { applicationStatus, submitApplication } from './submit';

// 入会申请: the applicant is anonymous (phone + reference code stand in for a login); the
// review belongs to the secretariat and the super-admin.

const REVIEWERS = ['superAdmin', 'secretariat'] as const;

const submit = defineAction({
  name: 'application.submit',
  access: 'public',
  input: submitInput,
  handler: (input, ctx) => submitApplication(ctx, input),
});

const status = defineAction({
  name: 'application.status',
  access: 'public',
  input: statusInput,
  handler: (input, ctx) => applicationStatus(ctx, input),
});

const list = defineAction({
  name: 'admin.applications.list',
  access: 'admin',
  roles: REVIEWERS,
  input: z.strictObject({
    status: z.enum(['underReview', 'approved', 'rejected']).optional(),
    page: z.number().int().min(1).max(100_000).optional(),
    pageSize: z.number().int().min(1).max(100).optional(),
  }),
  handler: (input, ctx) => listApplications(ctx.deps, input),
});

const review = defineAction({
  name: 'admin.applications.review',
  access: 'admin',
  roles: REVIEWERS,
  input: reviewInput,
  handler: (input, ctx) =>
    input.decision === 'approve'
      ? approveApplication(ctx, input.applicationId)
      : rejectApplication(ctx, input.applicationId, input.reason ?? ''),
});

export const applicationActions = [submit, status, list, review];
