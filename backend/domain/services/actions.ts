import { defineAction } from '../../core/registry';
import { listAdminApplications, processApplication } from './admin';
import { applyForService } from './apply';
import { listActiveServices, listAdminServices, saveService } from './catalogue';
import {
  adminApplicationsInput,
  applyInput,
  listInput,
  ownApplicationsInput,
  processInput,
  saveServiceInput,
} from './input';
import { listOwnApplications } from './member';

// 服务: members read the active services, apply for one (申请服务 points) and follow their own
// applications; the secretariat and the super-admin keep the catalogue and work the
// applications through. Finance has no part in it.

const HANDLERS = ['superAdmin', 'secretariat'] as const;

export const serviceActions = [
  defineAction({
    name: 'services.list',
    access: 'member',
    input: listInput,
    handler: (_input, ctx) => listActiveServices(ctx.deps),
  }),
  defineAction({
    name: 'services.apply',
    access: 'member',
    input: applyInput,
    handler: (input, ctx) => applyForService(ctx, input),
  }),
  defineAction({
    name: 'services.applications',
    access: 'member',
    input: ownApplicationsInput,
    handler: (input, ctx) => listOwnApplications(ctx, input),
  }),
  defineAction({
    name: 'admin.services.list',
    access: 'admin',
    roles: HANDLERS,
    input: listInput,
    handler: (_input, ctx) => listAdminServices(ctx.deps),
  }),
  defineAction({
    name: 'admin.services.save',
    access: 'admin',
    roles: HANDLERS,
    input: saveServiceInput,
    handler: (input, ctx) => saveService(ctx, input),
  }),
  defineAction({
    name: 'admin.services.applications',
    access: 'admin',
    roles: HANDLERS,
    input: adminApplicationsInput,
    handler: (input, ctx) => listAdminApplications(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.services.process',
    access: 'admin',
    roles: HANDLERS,
    input: processInput,
    handler: (input, ctx) => processApplication(ctx, input),
  }),
];
