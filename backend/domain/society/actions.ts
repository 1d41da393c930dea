import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { readSociety } from './settings';

const info = defineAction({
  name: 'society.info',
  access: 'public',
  input: z.strictObject({}),
  handler: (_input, { deps }) => readSociety(deps),
});

export const societyActions = [info];
