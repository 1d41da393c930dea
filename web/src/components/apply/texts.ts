/**
 * The sentences of 入会申请 (the public form, its receipt, the status look-up) and of what an
 * approved applicant meets next. Shaped like a section of locales/zh-CN.ts, whose rules it
 * follows: field names as the paper 入会申请表 prints them, which applicants copy from.
 */
import type { ApplicationStatus } from '../../../../typings';

export const applyTexts = {
  pageTitle: '入会申请',
  resubmitPageTitle: '修改入会申请',
  intro:
    '请如实填写以下信息，并上传签字后的入会申请表。提交后由学会秘书处审核，' +
    '可凭手机号和申请编号随时查询审核进度。',
  resubmitIntro: (code: string): string =>
    `申请编号 ${code}：请根据退回原因修改后重新提交，申请编号不变。`,
  rejectedReason: (reason: string): string => `退回原因：${reason}`,
  noMemberTypes: '学会暂未开放可申请的会员类型，请联系学会秘书处。',

  memberType: '会员类型',
  memberTypePlaceholder: '请选择会员类型',
  name: '姓名',
  namePlaceholder: '请输入姓名',
  gender: '性别',
  birthDate: '出生日期',
  birthDatePlaceholder: '请选择出生日期，如 1980-01-31',
  phone: '手机号',
  phonePlaceholder: '请输入手机号',
  phoneHelp: '审核通过后，手机号即为登录账号，初始密码同为手机号。',
  phoneLocked: '手机号即申请的登录账号，重新提交时不能修改。',
  idNumber: '身份证号（选填）',
  idNumberPlaceholder: '请输入18位身份证号',
  idNumberKeepPlaceholder: '不修改可不填',
  idNumberStored: (masked: string): string =>
    `已保存：${masked}。不修改可不填；取消勾选“同意保存身份证号”将删除已保存的号码。`,
  idNumberConsent: '同意保存身份证号',
  workUnit: '工作单位',
  workUnitPlaceholder: '请输入工作单位全称',
  department: '科室/部门',
  title: '职称',
  position: '职务',
  education: '学历',
  specialty: '专业特长',
  address: '通讯地址',
  email: '电子邮箱',
  optionalPlaceholder: (label: string): string => `请输入${label}（选填）`,

  memberTypeRequired: '请选择会员类型',
  nameRequired: '请填写姓名',
  genderRequired: '请选择性别',
  birthDateRequired: '请选择出生日期',
  phoneRequired: '请填写手机号',
  workUnitRequired: '请填写工作单位',
  idNumberFormat: '身份证号应为18位，最后一位可以是X',
  idNumberNeedsConsent: '填写身份证号需勾选“同意保存身份证号”',
  emailFormat: '电子邮箱的格式不正确',

  files: '上传签字的入会申请表',
  filesHint:
    '请下载空白申请表，打印、填写并签字后，上传扫描件（PDF）或各页照片（JPG、PNG），' +
    '共 1–9 个文件，每个不超过 10 MB。',
  downloadTemplate: '下载空白申请表',
  templateMissing: '学会暂未提供空白申请表，请向学会秘书处索取。',
  pick: '选择文件',
  pickMore: '继续添加',
  uploading: (percent: number): string => `上传中 ${percent}%`,
  uploaded: '已上传',
  kept: '已提交过',
  failed: '上传失败',
  retry: '重试',
  remove: '移除',
  badType: (name: string): string => `“${name}”不是 PDF 或 JPG、PNG 图片，请重新选择`,
  tooLarge: (name: string): string => `“${name}”超过 10 MB，请压缩后再上传`,
  emptyFile: (name: string): string => `“${name}”是空文件，请重新选择`,
  tooMany: '最多上传 9 个文件',
  filesRequired: '请上传签字的入会申请表',
  filesUploading: '文件还在上传，请稍候再提交',
  filesFailed: '有文件上传失败，请重试或移除后再提交',

  privacyConsentBefore: '我已阅读并同意',
  privacyLink: '《隐私保护指引》',
  privacyRequired: '请阅读并勾选同意《隐私保护指引》',

  submit: '提交申请',
  resubmit: '重新提交',
  toLogin: '去登录',
  toStatus: '查看申请进度',

  receiptTitle: '申请已提交',
  resubmitReceiptTitle: '已重新提交',
  referenceCode: '申请编号',
  receiptPhone: '手机号',
  receiptHint:
    '请记下申请编号。学会秘书处审核后，您可凭手机号和申请编号在“查看申请进度”中查询结果；' +
    '审核通过后即可用手机号登录。',

  statusTitle: '查询入会申请进度',
  statusIntro: '请输入提交申请时填写的手机号和提交后得到的申请编号。',
  referenceCodePlaceholder: '请输入8位申请编号',
  referenceCodeRequired: '请填写申请编号',
  lookUp: '查询',
  applyLink: '还没有申请？去申请入会',
  status: '审核状态',
  submittedAt: '提交时间',
  reviewedAt: '审核时间',
  underReviewHint: '学会秘书处正在审核您的申请，请耐心等待。审核结果会显示在本页。',
  memberNo: '会员编号',
  approvedHint: '恭喜您，入会申请已通过审核。',
  loginWays: '登录方式',
  loginAccount: '账号：您申请时填写的手机号',
  loginPassword: '初始密码：同为手机号，首次登录须设置新密码',
  loginThenPay: '登录后请在首页点击“缴纳会费”，缴纳首年会费后会籍生效。',
  rejectedHint: '很抱歉，您的入会申请未通过审核。',
  reason: '退回原因',
  fixAndResubmit: '修改后重新提交',
  resubmitNeedsLookUp: '请先查询申请进度，再从查询结果中修改并重新提交。',
  notRejected: '该申请当前不需要修改。',

  landingApply: '申请入会',
  landingStatus: '查看申请进度',
  landingNotMember: '还不是会员？',

  firstDues: '缴纳会费',
  firstDuesHint: '入会申请已通过，请缴纳首年会费，财务确认到账后会籍生效。',
  firstDuesExpiry: '缴费后生效',

  statusLabel: {
    underReview: '审核中',
    approved: '已通过',
    rejected: '未通过',
  } satisfies Record<ApplicationStatus, string>,
} as const;
