import type { AdminProfile, AdminRole } from '../../../typings';
import type { Doc } from '../../ports/store';

export interface AdminDoc extends Doc {
  username: string;
  displayName: string;
  role: AdminRole;
  passwordHash: string;
  disabled: boolean;
  /** Set on accounts given a temporary password; cleared by their own change. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ROLE_LABELS: Record<AdminRole, string> = {
  superAdmin: '超级管理员',
  secretariat: '秘书处',
  finance: '财务',
};

export function toProfile(doc: AdminDoc): AdminProfile {
  return {
    username: doc.username,
    displayName: doc.displayName,
    role: doc.role,
    disabled: doc.disabled,
    mustChangePassword: doc.mustChangePassword,
  };
}
