/**
 * The sentences of 积分: the member's 积分 page and the console's 积分管理. Shaped like a section
 * of locales/zh-CN.ts, whose rules it follows: the names of the members' guide and PRODUCT.md.
 */

export const pointsTexts = {
  /** The home page's way to the 积分 page. */
  home: {
    details: '查看积分明细',
  },

  member: {
    title: '我的积分',
    totalOfYear: (year: number): string => `${year} 年度积分`,
    unit: '分',
    progress: '达标进度',
    remaining: (points: number): string => `还差 ${points} 分`,
    reached: '已达标',
    thresholdOf: (threshold: number): string => `年度积分达到 ${threshold} 分可获得：`,
    /** Once this year's total reached the threshold, before the reward's own words. */
    reachedReward: '本年度积分已达标，可获得：',
    cycle: '积分按自然年（北京时间 1 月 1 日至 12 月 31 日）累计，每年重新计算。',
    rules: '积分规则',
    noRules: '暂无可获得积分的项目',
    rulePoints: (points: number): string => `+${points} 分`,
    history: '积分明细',
    empty: '本年度暂无积分记录',
  },

  history: {
    at: '时间',
    label: '项目',
    points: '积分',
    reason: '说明',
  },

  admin: {
    title: '积分管理',
    intro:
      '会员每年的积分按北京时间自然年统计。“已达标”即当年积分达到达标线的会员：' +
      '生日礼物和年度优秀会员评选以此为准。',
    year: '年度',
    yearOption: (year: number): string => `${year} 年`,
    all: '全部',
    reached: '已达标',
    threshold: (threshold: number): string => `达标线 ${threshold} 分`,
    total: (total: number): string => `共 ${total} 名会员`,
    empty: '该年度暂无会员获得积分',
    emptyReached: '该年度暂无达标会员',
    name: '姓名',
    memberNo: '会员编号',
    memberType: '会员类型',
    phone: '手机号',
    birthDate: '出生日期',
    points: '积分',
    reachedTag: '已达标',
    actions: '操作',
    view: '查看',
  },

  /** 积分管理 → 年度名单: the lists of the birthday gift and of the selection, and their export. */
  yearly: {
    title: '年度名单',
    intro: (threshold: number, reward: string): string =>
      `当年积分达到 ${threshold} 分的会员可获得：${reward}。` +
      '名单按当前的达标线计算，往年的名单也是如此。',
    year: '年度',
    gift: '生日礼物',
    giftNote: '按生日月份、日期排列，生日未知的排在最后',
    eligible: '优秀会员评选资格',
    eligibleNote: '按本年积分从高到低排列，积分相同的名次相同',
    count: (count: number): string => `共 ${count} 人`,
    month: '生日月份',
    monthGroup: (month: number | null, count: number): string =>
      month === null ? `生日未知（${count} 人）` : `${month} 月（${count} 人）`,
    birthday: '生日',
    birthdayOf: (month: number, day: number): string => `${month}月${day}日`,
    unknown: '未知',
    rank: '排名',
    name: '姓名',
    memberNo: '会员编号',
    memberType: '会员类型',
    phone: '手机号',
    points: '本年积分',
    empty: '该年度暂无达标会员',
    export: '导出 Excel',
    exported: (fileName: string): string => `已导出 ${fileName}`,
  },

  drawer: {
    header: (name: string, year: number): string => `${name} · ${year} 年度积分`,
    total: '年度积分',
    adjust: '调整积分',
    adjustOnlyThisYear: (year: number): string => `调整积分计入本年度（${year} 年）`,
  },

  adjust: {
    title: '调整积分',
    intro: (name: string, year: number): string =>
      `为${name}增加或扣减积分，计入 ${year} 年度，会员可在积分明细中看到原因。`,
    points: '调整分值',
    pointsPlaceholder: '如 5 或 -3',
    pointsHelp: '正数为增加，负数为扣减，每次不超过 100 分',
    pointsInvalid: '请填写 -100 至 100 之间的整数，且不能为 0',
    reason: '调整原因（会员可见）',
    reasonHelp: '2–200 个字，例如：参加学会志愿服务',
    reasonLength: '调整原因需为 2–200 个字',
    confirm: '确认调整',
    cancel: '取消',
    done: (name: string, total: number): string => `已调整，${name}本年度积分为 ${total} 分`,
  },

  rules: {
    title: '积分规则',
    intro:
      '每项为会员每次可获得的积分（0–100，填 0 即停用该项）。修改后只影响之后获得的积分，' +
      '已记录的积分不变。',
    readOnly: '积分规则仅超级管理员可以修改，秘书处可查看。',
    values: '各项积分',
    valueUnit: '分',
    valueInvalid: '请填写 0–100 之间的整数',
    threshold: '年度达标线（分）',
    thresholdHelp: '一个自然年内积分达到此数即为达标（1–1000）',
    thresholdInvalid: '请填写 1–1000 之间的整数',
    reward: '达标奖励（会员可见）',
    rewardHelp: '2–100 个字，显示在会员的积分页面上',
    rewardLength: '达标奖励需为 2–100 个字',
    save: '保存',
    saved: '积分规则已保存',
  },
} as const;
