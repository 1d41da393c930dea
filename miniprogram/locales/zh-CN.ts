/**
 * Every text the mini-program shows, by page. Menu names are those of the society's member
 * guide (机构登录, 账号管理, 修改密码, 到期时间, 积分): members have been taught them.
 * Window titles stay in each page's json, because WeChat reads them before any code runs.
 */
export const zhCN = {
  common: {
    loading: '加载中…',
    retry: '重新加载',
    networkError: '网络异常，请检查网络后重试',
    badResponse: '服务暂时不可用，请稍后重试',
    navigationFailed: '页面打开失败，请重试',
  },
  landing: {
    loginEntry: '机构登录',
    memberEntry: '会员中心',
    loginHint: '会员请点击左上角“机构登录”，账号与初始密码均为本人手机号。',
  },
  login: {
    title: '会员登录',
    phoneLabel: '账号',
    phonePlaceholder: '请输入手机号',
    passwordLabel: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    initialPasswordHint: '账号与初始密码均为您在学会登记的手机号，首次登录后须修改密码。',
    noAccountHint: '无法登录或忘记密码，请联系学会秘书处重置。',
    phoneMissing: '请输入手机号',
    passwordMissing: '请输入密码',
  },
  password: {
    title: '修改密码',
    forcedTitle: '请先修改初始密码',
    forcedReason:
      '您正在使用初始密码（手机号），他人也可能知道它。' +
      '为保障账号安全，须先设置新密码才能使用会员系统。',
    currentLabel: '当前密码',
    currentPlaceholder: '请输入当前密码',
    newLabel: '新密码',
    newPlaceholder: '至少 8 位',
    confirmLabel: '确认新密码',
    confirmPlaceholder: '请再次输入新密码',
    submit: '确认修改',
    logout: '退出登录',
    rules: '新密码至少 8 位，不能与当前密码相同，避免使用手机号、生日等容易被猜到的密码。',
    currentMissing: '请输入当前密码',
    tooShort: '新密码至少需要 8 位',
    mismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与当前密码相同',
    changed: '密码已修改',
  },
  home: {
    expiresOn: '到期时间',
    expiresOnMissing: '未登记',
    status: '会员状态',
    points: '积分',
    /** `{year}` is the Asia/Shanghai calendar year the points belong to. */
    pointsOfYear: '{year}年度',
    memberNo: '会员编号',
    accountMenu: '账号管理',
    changePassword: '修改密码',
    logout: '退出登录',
  },
  memberStatus: {
    active: '正常',
    expiring: '即将到期',
    expired: '已过期',
    unknown: '未知',
  },
} as const;

/** Replaces `{name}` placeholders in a locale text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
