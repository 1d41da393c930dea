import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { updateOwnInvoice, invoiceInput } from './invoice';
import { loadOwnMember } from './member-writes';
import { toProfile, updateOwnProfile } from './profile';
import { profileUpdateInput } from './profile-input';

// Every action here acts on the session's member only: no request carries a member id, and a
// strict input refuses one that tries.

const getProfile = defineAction({
  name: 'member.profile.get',
  access: 'member',
  input: z.strictObject({}),
  handler: async (_input, ctx) => toProfile(await loadOwnMember(ctx)),
});

const updateProfile = defineAction({
  name: 'member.profile.update',
  access: 'member',
  input: profileUpdateInput,
  handler: (input, ctx) => updateOwnProfile(ctx, input),
});

const getInvoice = defineAction({
  name: 'member.invoiceInfo.get',
  access: 'member',
  input: z.strictObject({}),
  handler: async (_input, ctx) => ({ invoiceInfo: (await loadOwnMember(ctx)).invoice ?? null }),
});

const updateInvoice = defineAction({
  name: 'member.invoiceInfo.update',
  access: 'member',
  input: invoiceInput,
  handler: async (input, ctx) => ({ invoiceInfo: await updateOwnInvoice(ctx, input) }),
});

export const profileActions = [getProfile, updateProfile, getInvoice, updateInvoice];
