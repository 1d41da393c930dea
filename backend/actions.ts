import { buildRegistry, type AnyAction } from './core/registry';
import { accountActions } from './domain/account/actions';
import { applicationActions } from './domain/applications/actions';
import { pointsActions } from './domain/points/actions';
import { noticeActions } from './domain/notices/actions';
import { newsActions } from './domain/news/actions';
import { feedbackActions } from './domain/feedback/actions';
import { serviceActions } from './domain/services/actions';
import { eventActions } from './domain/events/actions';
import { adminActions } from './domain/admins/actions';
import { authActions } from './domain/auth/actions';
import { fileActions } from './domain/files/claim';
import { certificateActions } from './domain/certificates/actions';
import { duesActions } from './domain/dues/actions';
import { memberActions } from './domain/members/actions';
import { profileActions } from './domain/members/profile-actions';
import { memberResetActions } from './domain/members/admin-reset';
import { qrLoginActions } from './domain/account/qr-login-actions';
import { rosterActions } from './domain/roster/actions';
import { reminderActions } from './domain/reminders/actions';
import { societyActions } from './domain/society/actions';

/** Every action of the backend, by name. A name defined twice fails at start-up. */
export const registry = buildRegistry([
  ...societyActions,
  ...authActions,
  ...memberActions,
  ...profileActions,
  ...adminActions,
  ...rosterActions,
  ...accountActions,
  ...memberResetActions,
  ...fileActions,
  ...qrLoginActions,
  ...certificateActions,
  ...duesActions,
  ...reminderActions,
  ...applicationActions,
  ...pointsActions,
  ...noticeActions,
  ...newsActions,
  ...feedbackActions,
  ...serviceActions,
  ...eventActions,
] as AnyAction[]);
