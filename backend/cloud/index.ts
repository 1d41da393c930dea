/**
 * The `api` cloud function. esbuild bundles this file into cloudfunctions/api/index.js;
 * wx-server-sdk stays external and is installed by the cloud from that folder's package.json.
 */
import cloud from 'wx-server-sdk';
import { createCloudbaseFileStore, type CloudStorageApp } from '../adapters/cloudbase/files';
import { createCloudbaseStore, type CloudDatabase } from '../adapters/cloudbase/store';
import {
  createCloudSubscriptionMessages,
  type CloudSubscribeApi,
} from '../adapters/cloudbase/subscribe-message';
import { createCloudMiniProgramCodes, type CloudOpenApi } from '../adapters/cloudbase/wxacode';
import {
  createCloudContentSecurity,
  type CloudSecurityApi,
} from '../adapters/cloudbase/msg-sec-check';
import { createBackend } from '../app';
import { systemClock } from '../core/clock';
import { createJsonLogger } from '../core/logger';
import { createCloudHandler } from '../transports/cloud';
import { cloudConfig } from './config';

// DYNAMIC_CURRENT_ENV is typed as a symbol where `env` wants a string (TOOLCHAIN.md).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

const backend = createBackend({
  store: createCloudbaseStore(cloud.database() as unknown as CloudDatabase, {
    sdk: 'wx-server-sdk',
  }),
  files: createCloudbaseFileStore(cloud as unknown as CloudStorageApp),
  clock: systemClock,
  logger: createJsonLogger(),
  config: cloudConfig(process.env),
  miniProgramCodes: createCloudMiniProgramCodes(cloud as unknown as CloudOpenApi),
  subscriptionMessages: createCloudSubscriptionMessages(cloud as unknown as CloudSubscribeApi),
  contentSecurity: createCloudContentSecurity(cloud as unknown as CloudSecurityApi),
});

export const main = createCloudHandler(backend, () => cloud.getWXContext());
