/**
 * The sentences of 会内活动: the console's 活动管理, its editor, 报名名单 and 签到码, and the
 * member's 会内活动 pages. Shaped like a section of locales/zh-CN.ts, whose rules it follows.
 */
import type { EventRegistrationRow } from '../../../../typings';

/** A registration as both sides name it: the status, or 已签到 once checked in. */
export type AttendanceState = 'none' | 'registered' | 'cancelled' | 'checkedIn';

export const eventTexts = {
  attendance: {
    none: '未报名',
    registered: '已报名',
    cancelled: '已取消',
    checkedIn: '已签到',
  } satisfies Record<AttendanceState, string>,

  checkinBy: {
    code: '扫码签到',
    admin: '手动签到',
  } satisfies Record<NonNullable<EventRegistrationRow['checkinBy']>, string>,

  list: {
    title: '活动管理',
    intro:
      '活动发布后，会员即可在“会内活动”中报名；报名截止前可取消。' +
      '签到时间内在现场投放签到码，会员用小程序扫码签到。',
    all: '全部',
    create: '新建活动',
    total: (total: number): string => `共 ${total} 场活动`,
    empty: '暂无活动',
    eventTitle: '活动名称',
    status: '状态',
    time: '活动时间',
    place: '地点',
    registered: '报名 / 名额',
    checkedIn: '已签到',
    actions: '操作',
    edit: '编辑',
  },

  editor: {
    createTitle: '新建活动',
    editTitle: '编辑活动',
    back: '返回活动列表',
    eventTitle: '活动名称',
    titlePlaceholder: '2–100 个字',
    place: '地点',
    placePlaceholder: '如：成都市人民南路四段 1 号 学术报告厅',
    body: '活动介绍',
    bodyPlaceholder: '请输入活动介绍：议程、主讲人、注意事项等',
    capacity: '名额',
    capacityHelp: (min: number, max: number): string => `${min}–${max} 人；不能少于已报名人数`,
    timesTitle: '时间（北京时间）',
    startsAt: '开始时间',
    endsAt: '结束时间',
    registrationDeadline: '报名截止时间',
    deadlineHelp: '截止前会员可报名和取消报名',
    checkinStartsAt: '签到开始时间',
    checkinEndsAt: '签到结束时间',
    checkinHelp: '只在这段时间内接受扫码签到；手动签到不受限制',
    pickTime: '请选择时间',
    timeMissing: (label: string): string => `请选择${label}`,
    saveDraft: '保存草稿',
    save: '保存修改',
    publish: '发布',
    withdraw: '撤回',
    saved: '已保存',
    published: '活动已发布，会员现在可以报名',
    withdrawn: '活动已撤回，会员不再看到',
    publishTitle: '发布活动',
    publishBody: '将先保存当前内容再发布。发布后会员即可看到并报名该活动，确定发布吗？',
    withdrawTitle: '撤回活动',
    withdrawBody:
      '撤回后会员将不再看到该活动，也不能再报名或签到，已获得的积分不受影响。' +
      '撤回的活动不能再次发布。',
    cancel: '取消',
    preview: '会员看到的活动介绍',
    previewHint: '保存后的介绍：系统已去除脚本等不安全的内容，会员看到的就是下面的样子。',
    updatedAt: (time: string): string => `最后保存于 ${time}`,
    publishedAt: (time: string): string => `发布于 ${time}`,
  },

  attendees: {
    title: '报名与签到',
    registered: '已报名 / 名额',
    checkedIn: '已签到',
    refresh: '刷新',
    checkinCode: '签到码',
    checkinCodeDraft: '发布后才能投放签到码',
    export: '导出 Excel',
    exported: (fileName: string): string => `已导出 ${fileName}`,
    all: '全部',
    total: (total: number): string => `共 ${total} 人`,
    empty: '暂无报名',
    name: '姓名',
    memberNo: '会员编号',
    phone: '手机号',
    state: '状态',
    registeredAt: '报名时间',
    cancelledAt: (time: string): string => `取消于 ${time}`,
    checkedInAt: '签到时间',
    actions: '操作',
    checkIn: '手动签到',
    confirmCheckIn: (name: string): string => `确认 ${name} 已到场并为其签到吗？`,
    checkedInDone: (name: string): string => `${name} 已签到`,
  },

  code: {
    title: (event: string): string => `签到码 · ${event}`,
    // The code is a plain string for the mini-program's own scanner, not a link WeChat opens.
    scanHint: '请打开学会小程序，在活动页点“扫码签到”扫描此码',
    refreshIn: (seconds: number): string => `签到码每分钟更新，${seconds} 秒后刷新`,
    refreshing: '正在刷新签到码…',
    windowClosed: '现在不在签到时间内，扫码签到不会被接受',
    window: (range: string): string => `签到时间：${range}`,
    retrying: '获取签到码失败，稍后自动重试',
    close: '关闭',
  },

  member: {
    title: '会内活动',
    empty: '暂无活动',
    eventTitle: '活动',
    time: '时间',
    place: '地点',
    registered: '已报名 / 名额',
    mine: '我的报名',
    back: '返回活动列表',
    deadline: '报名截止',
    checkinWindow: '签到时间',
    seats: (registered: number, capacity: number): string => `${registered} / ${capacity}`,
    register: '报名',
    cancel: '取消报名',
    registerTitle: '报名参加活动',
    registerBody: (title: string): string => `确认报名参加“${title}”吗？报名截止前可以取消报名。`,
    cancelTitle: '取消报名',
    cancelBody: '取消后名额将释放给其他会员，报名所得积分将扣回。截止前可以再次报名。',
    keep: '再想想',
    registeredDone: '报名成功',
    cancelledDone: '已取消报名',
    registeredAt: (time: string): string => `报名于 ${time}`,
    cancelledAt: (time: string): string => `已于 ${time} 取消报名`,
    checkedInAt: (time: string): string => `已于 ${time} 签到`,
    howToCheckIn:
      '签到方式：请在签到时间内到达活动现场，' +
      '用微信小程序扫描现场的签到码完成签到（电脑端不能签到）。',
  },
} as const;
