/**
 * Every sentence the portal shows, in one place. Menu names follow the members' guide
 * (账号管理 → 修改密码, 到期时间, 积分): members have been taught them, so keep them.
 */
import type { AdminRole, ErrorCode, MemberStatus } from '../../../typings';

export const zhCN = {
  app: {
    portalName: '会员系统',
    adminName: '管理后台',
    loading: '加载中…',
    retry: '重试',
  },

  memberStatus: {
    active: '正常',
    expiring: '即将到期',
    expired: '已过期',
    unknown: '未知',
  } satisfies Record<MemberStatus, string>,

  adminRole: {
    superAdmin: '超级管理员',
    secretariat: '秘书处',
    finance: '财务',
  } satisfies Record<AdminRole, string>,

  errors: {
    UNKNOWN_ACTION: '系统暂不支持该操作，请刷新页面后重试。',
    INVALID_INPUT: '填写的内容有误，请检查后重试。',
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    PASSWORD_CHANGE_REQUIRED: '请先修改初始密码。',
    FORBIDDEN: '您没有权限进行此操作。',
    NOT_FOUND: '要找的内容不存在。',
    CONFLICT: '数据已被修改，请刷新后重试。',
    LOCKED: '账号已暂时锁定，请稍后再试。',
    RATE_LIMITED: '尝试次数过多，请稍后再试。',
    PAYLOAD_TOO_LARGE: '文件太大，无法上传。',
    INTERNAL: '系统繁忙，请稍后再试。',
  } satisfies Record<ErrorCode, string>,
  network: '无法连接服务器，请检查网络后重试。',
  lockedUntil: (time: string): string => `账号已暂时锁定，请于 ${time} 之后再试。`,
  rateLimitedUntil: (time: string): string => `尝试次数过多，请于 ${time} 之后再试。`,

  login: {
    title: '会员登录',
    account: '账号',
    accountPlaceholder: '请输入手机号',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    hint: '账号为您在学会登记的手机号码，初始密码同为手机号码。',
    submit: '登录',
    accountRequired: '请输入手机号',
    passwordRequired: '请输入密码',
  },

  password: {
    title: '修改密码',
    current: '当前密码',
    next: '新密码',
    confirm: '确认新密码',
    submit: '确认修改',
    rules: '至少 8 个字符；不能包含手机号或账号名，不能与当前密码相同，也不能是常见的简单密码。',
    currentRequired: '请输入当前密码',
    nextRequired: '请输入新密码',
    nextTooShort: '新密码至少需要 8 个字符',
    nextTooLong: '新密码不能超过 128 个字符',
    nextSameAsCurrent: '新密码不能与当前密码相同',
    confirmMismatch: '两次输入的新密码不一致',
    done: '密码已修改',
    forcedTitle: '请先设置新密码',
    forcedMemberReason:
      '您正在使用初始密码（即您的手机号码）。手机号码容易被他人知道，' +
      '为保护您的会员信息，请先设置新密码，之后才能使用系统的其他功能。',
    forcedAdminReason:
      '您正在使用临时密码。为保护会员信息，请先设置只有您知道的新密码，之后才能使用管理后台。',
  },

  member: {
    menu: {
      home: '首页',
      account: '账号管理',
      changePassword: '修改密码',
      logout: '退出登录',
    },
    welcome: (name: string): string => `您好，${name}`,
    memberNo: '会员编号',
    memberType: '会员类型',
    expiresOn: '到期时间',
    notRecorded: '未登记',
    status: '会员状态',
    points: '积分',
    pointsOfYear: (year: number): string => `${year} 年度积分`,
    pointsUnit: '分',
    loggedOut: '您已退出登录',
  },

  admin: {
    login: {
      title: '管理员登录',
      username: '用户名',
      usernamePlaceholder: '请输入用户名',
      password: '密码',
      passwordPlaceholder: '请输入密码',
      submit: '登录',
      usernameRequired: '请输入用户名',
      passwordRequired: '请输入密码',
    },
    menu: {
      roster: '名册导入',
      members: '会员列表',
      accounts: '管理员账号',
      changePassword: '修改密码',
      logout: '退出登录',
    },
    roster: {
      title: '名册导入',
      intro:
        '上传学会会员名册（Excel .xlsx 文件）。系统先生成预览，确认无误后再导入；' +
        '重新导入只更新名册中的信息，不会重置会员已修改的密码。',
      steps: ['上传名册', '核对预览', '导入', '完成'],
      pick: '选择 Excel 文件',
      onlyXlsx: '请选择 .xlsx 格式的 Excel 文件',
      uploading: '正在上传并生成预览…',
      sheet: (sheet: string, headerRow: number): string =>
        `工作表「${sheet}」，表头在第 ${headerRow} 行`,
      adds: '新增',
      updates: '更新',
      unchanged: '未变',
      rowErrors: '行错误',
      conflicts: '冲突',
      rowsUnit: '条',
      excelRow: 'Excel 行号',
      name: '姓名',
      memberNo: '会员编号',
      phone: '手机号',
      expiresOn: '到期时间',
      changedFields: '变更字段',
      reason: '原因',
      sameAsRow: '与第几行重复',
      conflictReason: (row: number): string => `手机号与第 ${row} 行相同，以第 ${row} 行为准`,
      skippedNote: '有错误或冲突的行不会导入，请在 Excel 中修正后重新上传。',
      commit: '确认导入',
      restart: '重新选择文件',
      committing: '正在导入名册，请勿关闭页面…',
      doneTitle: '导入完成',
      doneSummary: (added: number, updated: number, unchanged: number): string =>
        `新增 ${added} 条，更新 ${updated} 条，未变 ${unchanged} 条。`,
      toMembers: '查看会员列表',
      again: '再导入一份',
      nothingToImport: '没有可导入的行',
      listsTruncated: (shown: number): string =>
        `行数较多，下表只列出前 ${shown} 行；上方的数目是完整的，导入会处理全部行。`,
      fields: {
        name: '姓名',
        memberNo: '会员编号',
        memberType: '会员类型',
        gender: '性别',
        birthDate: '出生日期',
        workUnit: '工作单位',
        title: '职称',
        position: '职务',
        email: '邮箱',
        joinedOn: '入会日期',
        expiresOn: '到期时间',
        notes: '备注',
      } as Record<string, string>,
    },
    members: {
      title: '会员列表',
      searchPlaceholder: '姓名、会员编号或手机号',
      search: '搜索',
      reset: '重置',
      memberNo: '会员编号',
      name: '姓名',
      phone: '手机号',
      memberType: '会员类型',
      expiresOn: '到期时间',
      status: '状态',
      empty: '暂无会员',
      total: (total: number): string => `共 ${total} 名会员`,
    },
    accounts: {
      title: '管理员账号',
      create: '新建账号',
      username: '用户名',
      displayName: '姓名',
      role: '角色',
      state: '状态',
      enabled: '启用',
      disabled: '已停用',
      pendingChange: '待改密码',
      actions: '操作',
      disable: '停用',
      enable: '启用',
      resetPassword: '重置密码',
      you: '（本人）',
      usernameRule: '3–32 位字母、数字、下划线、点或连字符，以字母开头',
      usernameRequired: '请输入用户名',
      displayNameRequired: '请输入姓名',
      displayNameTooLong: '姓名不能超过 30 个字',
      roleRequired: '请选择角色',
      createTitle: '新建管理员账号',
      confirmCreate: '创建',
      cancel: '取消',
      tempTitle: '临时密码',
      tempIntro: (username: string): string =>
        `账号 ${username} 的临时密码如下。它只显示这一次，请当面或通过可靠渠道告知本人；` +
        '对方首次登录后须修改密码。',
      tempClose: '我已记下',
      confirmReset: (username: string): string =>
        `确定将 ${username} 的密码重置为新的临时密码吗？其原密码将立即失效。`,
      confirmDisable: (username: string): string =>
        `确定停用 ${username} 吗？停用后该账号无法登录。`,
      confirm: '确定',
      saved: '已保存',
    },
  },

  notFound: '页面不存在',
} as const;

export type Messages = typeof zhCN;
