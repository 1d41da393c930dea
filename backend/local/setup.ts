import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BackendDeps } from '../core/context';
import { calendarDate } from '../core/dates';
import { COLLECTIONS } from '../schema/collections';
import { ensureFirstAdmin } from '../domain/admins/accounts';
import { runRosterImport } from '../domain/roster/import';
import { writeSociety } from '../domain/society/settings';
import { demoDuesSettings, writeDuesSettings } from '../domain/dues/settings';
import { seedApplicationTemplate } from '../domain/applications/settings';
import demo from './seed/demo-society.json';

/** The demo blank application form (scripts/make-application-template.mjs makes it). */
const DEMO_TEMPLATE = resolve(__dirname, 'seed/application-form-template.docx');

const SETUP_ID = 'setup';

/**
 * First-run setup of a data folder: the first super-admin, and on an empty folder (unless
 * SEED_DEMO=0) the demo society, its members imported through the real roster import, its
 * fees and a demo blank application form.
 */
export async function prepareDataDir(
  deps: BackendDeps,
  options: { seedDemo: boolean; adminPassword?: string },
): Promise<{ generatedAdminPassword: string | null; seeded: boolean }> {
  const now = deps.clock.now();
  const admin = await ensureFirstAdmin(deps, options.adminPassword, now);
  const fresh = (await deps.store.get(COLLECTIONS.settings, SETUP_ID)) === null;
  if (!fresh) return { generatedAdminPassword: admin.generatedPassword, seeded: false };

  let seeded = false;
  if (options.seedDemo && (await deps.store.count(COLLECTIONS.members)) === 0) {
    await writeSociety(deps, demo.society, now);
    await writeDuesSettings(deps, demoDuesSettings(demo.society.name), now);
    const bytes = readFileSync(DEMO_TEMPLATE);
    await seedApplicationTemplate(deps, { name: '入会申请表（示例）.docx', bytes }, now);
    await runRosterImport(deps, await demoRosterWorkbook(now), { dryRun: false, actor: null, now });
    seeded = true;
  }
  await deps.store.insert(COLLECTIONS.settings, {
    _id: SETUP_ID,
    value: { seededDemo: seeded },
    updatedAt: now.toISOString(),
  });
  return { generatedAdminPassword: admin.generatedPassword, seeded };
}

/** The demo roster as a secretariat would keep it: a title row, then the header. */
async function demoRosterWorkbook(now: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  sheet.addRow([demo.roster.title]);
  sheet.addRow(demo.roster.headers);
  const today = new Date(`${calendarDate(now)}T00:00:00Z`);
  demo.roster.members.forEach((m, index) => {
    const expires =
      m.expiresInDays === null
        ? ''
        : calendarDate(new Date(today.getTime() + m.expiresInDays * 86_400_000 + 12 * 3_600_000));
    sheet.addRow([
      index + 1,
      m.memberNo,
      m.name,
      m.gender,
      m.phone,
      m.workUnit,
      m.title,
      m.memberType,
      m.joinedOn,
      expires,
    ]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
