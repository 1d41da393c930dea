import ExcelJS from 'exceljs';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import { loadEvent } from './admin';
import { chinaDateTime } from './china-time';
import type { EventRegistrationDoc } from './model';
import { registrationQuery, registrationRows, type RegistrationFilter } from './registrations';

/** Registrations read for the workbook per query (the cloud database answers at most 1000). */
const EXPORT_PAGE = 500;

const PERSON_COLUMNS = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '会员编号', key: 'memberNo', width: 14 },
  { header: '手机号', key: 'phone', width: 14 },
];

/** Every registration of one filter, oldest first, page by page. */
async function* pagesOf(deps: BackendDeps, eventId: string, filter: RegistrationFilter) {
  const { where, orderBy } = registrationQuery(eventId, filter, 'asc');
  for (let skip = 0; ; skip += EXPORT_PAGE) {
    const regs = await deps.store.find<EventRegistrationDoc>(
      COLLECTIONS.eventRegistrations,
      { where },
      { orderBy, skip, limit: EXPORT_PAGE },
    );
    const rows = await registrationRows(deps, regs);
    yield regs.map((reg, i) => ({ reg, row: rows[i]! }));
    if (regs.length < EXPORT_PAGE) return;
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
): Promise<{ fileName: string; contentBase64: string }> {
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
        name: row.name,
        memberNo: row.memberNo ?? '',
        phone: row.phoneMasked,
        registeredAt: chinaDateTime(reg.registeredAt),
        checkedIn: reg.checkedInAt ? '已签到' : '未签到',
        checkedInAt: reg.checkedInAt ? chinaDateTime(reg.checkedInAt) : '',
      });
    }
  }
  for await (const page of pagesOf(ctx.deps, eventId, 'checkedIn')) {
    for (const { reg, row } of page) {
      checkedIn.addRow({
        name: row.name,
        memberNo: row.memberNo ?? '',
        phone: row.phoneMasked,
        checkedInAt: chinaDateTime(reg.checkedInAt!),
        by: checkedInBy(reg),
      });
    }
  }
  for (const sheet of [registered, checkedIn]) sheet.getRow(1).font = { bold: true };

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    fileName: `${safeName(event.title)}-报名签到.xlsx`,
    contentBase64: bytes.toString('base64'),
  };
}

/** A title as a file name: no path or reserved characters, at most 40 characters. */
function safeName(title: string): string {
  return (
    Array.from(title.replace(/[\\/:*?"<>|\s]+/g, '_'))
      .slice(0, 40)
      .join('') || '活动'
  );
}
