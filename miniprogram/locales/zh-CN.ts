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
    noAccountHint: '无法登录，请联系学会秘书处重置密码。',
    forgotPassword: '忘记密码',
    wechatLogin: '微信一键登录',
    wechatHint: '已在“账号设置”中绑定微信的会员，可直接使用微信一键登录。',
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
  forgot: {
    title: '忘记密码',
    reason: '已绑定微信的会员，可在本微信中直接设置新密码，无需输入原密码。',
    newLabel: '新密码',
    newPlaceholder: '至少 8 位',
    confirmLabel: '确认新密码',
    confirmPlaceholder: '请再次输入新密码',
    submit: '提交',
    rules: '新密码至少 8 位，避免使用手机号、生日等容易被猜到的密码。设置后其他设备需重新登录。',
    unboundHint: '未绑定微信的会员，请联系学会秘书处将密码重置为初始密码（手机号）。',
    done: '新密码已设置，请登录',
  },
  home: {
    expiresOn: '到期时间',
    expiresOnMissing: '未登记',
    status: '会员状态',
    points: '积分',
    /** `{year}` is the Asia/Shanghai calendar year the points belong to. */
    pointsOfYear: '{year}年度',
    memberNo: '会员编号',
    memberMenu: '会员中心',
    profile: '基本信息',
    accountMenu: '账号管理',
    accountSettings: '账号设置',
    changePassword: '修改密码',
    logout: '退出登录',
  },
  account: {
    wechat: '微信账号',
    bound: '已绑定',
    unbound: '未绑定',
    bind: '绑定',
    unbind: '解绑',
    bindHint: '绑定后，可在本微信中使用“微信一键登录”，无需输入密码。',
    unbindTitle: '解绑微信',
    unbindConfirm: '解绑后将不能使用微信一键登录，需用手机号和密码登录。确定解绑吗？',
    bindDone: '已绑定',
    unbindDone: '已解绑',
  },
  profile: {
    name: '姓名',
    phone: '手机号',
    memberNo: '会员编号',
    memberType: '会员类型',
    empty: '未填写',
    edit: '编辑',
    submit: '提交',
    cancel: '取消',
    saved: '已保存',
    unchanged: '没有修改任何信息',
    /** 基本信息 text fields, in the order of the society's form. */
    fields: {
      workUnit: '工作单位',
      department: '部门',
      title: '职称',
      position: '职务',
      education: '学历',
      specialty: '专业',
      address: '通讯地址',
      postalCode: '邮政编码',
      email: '电子邮箱',
    },
    placeholder: '请输入',
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
