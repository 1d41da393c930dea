import ExcelJS from 'exceljs';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { chinaDateTime } from '../../core/dates';
import { allPages } from '../../core/paging';
import { COLLECTIONS } from '../../schema/collections';
import {
  PERSON_COLUMNS,
  personCells,
  titleForFile,
  workbookFile,
  type WorkbookFile,
} from '../content/workbook';
import { loadEvent } from './admin';
import type { EventRegistrationDoc } from './model';
import { registrationQuery, registrationRows, type RegistrationFilter } from './registrations';

/** Every registration of one filter, oldest first, page by page. */
async function* pagesOf(deps: BackendDeps, eventId: string, filter: RegistrationFilter) {
  const { where, orderBy } = registrationQuery(eventId, filter, 'asc');
  const pages = allPages<EventRegistrationDoc>(
    deps.store,
    COLLECTIONS.eventRegistrations,
    { where },
    orderBy,
  );
  for await (const regs of pages) {
    const rows = await registrationRows(deps, regs);
    yield regs.map((reg, i) => ({ reg, row: rows[i]! }));
  }
}

const checkedInBy = (reg: EventRegistrationDoc) =>
  reg.checkinBy === 'admin' ? `管理员（${reg.checkedInByAdmin?.username ?? ''}）` : '本人扫码';

/**
 * 导出: 报名名单 (every standing registration and whether it checked in) and 签到名单 (who
 * checked in, when and how); times in China time, phones masked.
 */
export async function exportEvent(
  ctx: ActionContext<AdminPrincipal>,
  eventId: string,
): Promise<WorkbookFile> {
  const event = await loadEvent(ctx.deps, eventId);
  const workbook = new ExcelJS.Workbook();
  const registered = workbook.addWorksheet('报名名单');
  registered.columns = [
    ...PERSON_COLUMNS,
    { header: '报名时间', key: 'registeredAt', width: 20 },
    { header: '签到', key: 'checkedIn', width: 10 },
    { header: '签到时间', key: 'checkedInAt', width: 20 },
  ];
  const checkedIn = workbook.addWorksheet('签到名单');
  checkedIn.columns = [
    ...PERSON_COLUMNS,
    { header: '签到时间', key: 'checkedInAt', width: 20 },
    { header: '签到方式', key: 'by', width: 20 },
  ];

  for await (const page of pagesOf(ctx.deps, eventId, 'registered')) {
    for (const { reg, row } of page) {
      registered.addRow({
        ...personCells(row),
        registeredAt: chinaDateTime(reg.registeredAt),
        checkedIn: reg.checkedInAt ? '已签到' : '未签到',
        checkedInAt: reg.checkedInAt ? chinaDateTime(reg.checkedInAt) : '',
      });
    }
  }
  for await (const page of pagesOf(ctx.deps, eventId, 'checkedIn')) {
    for (const { reg, row } of page) {
      checkedIn.addRow({
        ...personCells(row),
        checkedInAt: chinaDateTime(reg.checkedInAt!),
        by: checkedInBy(reg),
      });
    }
  }
  return workbookFile(workbook, `${titleForFile(event.title, '活动')}-报名签到.xlsx`);
}
