/**
 * The console's sentences for 入会审核 and 入会设置, worded as zh-CN.ts words the rest of the
 * console (续费审核 is the model: 通过 / 退回, a reason the applicant reads).
 */
import type { ApplicationStatus } from '../../../../typings';

/** 1536 → 1.5 KB, 2_500_000 → 2.4 MB: what a reviewer needs to tell two uploads apart. */
function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const applicationTexts = {
  status: {
    underReview: '审核中',
    approved: '已通过',
    rejected: '未通过',
  } satisfies Record<ApplicationStatus, string>,
  fileSize,

  queue: {
    title: '入会审核',
    all: '全部',
    searchPlaceholder: '姓名、手机号或申请编号',
    search: '搜索',
    reset: '重置',
    total: (total: number): string => `共 ${total} 份申请`,
    empty: '暂无入会申请',
    referenceCode: '申请编号',
    name: '姓名',
    memberType: '会员类型',
    phone: '手机号',
    workUnit: '工作单位',
    submittedAt: '提交时间',
    memberNo: '会员编号',
    status: '状态',
    actions: '操作',
    view: '查看',
  },

  detail: {
    header: (referenceCode: string): string => `入会申请 ${referenceCode}`,
    submittedAt: (time: string): string => `提交于 ${time}`,
    form: '申请信息',
    fields: {
      memberType: '会员类型',
      name: '姓名',
      gender: '性别',
      birthDate: '出生日期',
      phoneMasked: '手机号',
      idNumberMasked: '身份证号',
      workUnit: '工作单位',
      department: '科室/部门',
      title: '职称',
      position: '职务',
      education: '学历',
      specialty: '专业特长',
      address: '通讯地址',
      email: '电子邮箱',
    },
    empty: '未填写',
    files: '签字的入会申请表',
    noFiles: '申请人未上传文件',
    fileCaption: (index: number, size: string): string => `第 ${index} 个文件 · ${size}`,
    /** What FilePreview says of one of them. */
    preview: {
      zoomIn: '放大查看',
      zoomOut: '缩小',
      imageFailed: '图片加载失败。',
      reloadImage: '重新加载',
      open: (name: string): string => `打开 ${name}`,
      hint: 'PDF 文件将下载到本机，用阅读器打开查看。',
    },
    decision: '审核结果',
    approvedAs: (memberNo: string): string => `已通过，会员编号 ${memberNo}`,
    rejectedWith: (reason: string): string => `未通过，退回原因：${reason}`,
    reviewedAt: (time: string): string => `审核时间：${time}`,
    history: '历次退回',
    historyItem: (index: number, time: string): string => `第 ${index} 次退回 · ${time}`,
    approve: '通过',
    approveTitle: '通过入会申请',
    approveText: (name: string, memberType: string): string =>
      `确定通过${name}的入会申请（${memberType}）吗？` +
      '通过后将创建会员账号（账号和初始密码均为申请人的手机号）并分配会员编号，且不能撤销。',
    approved: (memberNo: string): string => `已通过，会员编号 ${memberNo}`,
    reject: '退回',
    rejectTitle: '退回入会申请',
    rejectReason: '退回原因（申请人可见）',
    rejectHelp: '2–200 个字，例如：申请表未签字，请签字后重新上传',
    reasonLength: '退回原因需为 2–200 个字',
    rejected: '已退回，申请人可修改后重新提交',
    cancel: '取消',
  },

  settings: {
    title: '入会设置',
    intro: '入会申请通过时分配的会员编号、申请人下载的空白申请表，以及打开入会申请页面的二维码。',
    readOnly: '入会设置仅超级管理员可以修改，秘书处可查看。',
    save: '保存',
    memberNo: {
      title: '会员编号规则',
      intro: '入会申请通过时，按此规则为新会员分配会员编号；名册中已有的编号会自动跳过。',
      pattern: '编号规则',
      help:
        '{YYYY} 为四位年份，{YY} 为年份后两位，' +
        '{NNNN} 为当年的流水号（3–8 个 N，按 N 的个数补零），' +
        '其余只能是字母、数字或连字符，例如 SQ{YYYY}{NNNN}',
      required: '请填写编号规则',
      needsCounter: '编号规则须包含流水号，如 {NNNN}（3–8 个 N）',
      badCharacters: '编号规则中只能有字母、数字、连字符和 {YYYY}、{YY}、{NNNN}',
      next: '下一个会员编号',
      nextAfterSave: '保存后按新规则显示',
      saved: '会员编号规则已保存',
    },
    template: {
      title: '空白申请表',
      intro:
        '申请人可在入会申请页面下载空白申请表，打印签字后拍照或扫描上传。' +
        '请上传 PDF 或 Word（.docx）文件，不超过 10 MB。',
      none: '尚未上传空白申请表，申请页面将不显示下载链接。',
      current: '当前文件',
      download: '下载查看',
      pick: '上传申请表',
      replace: '更换申请表',
      remove: '删除',
      confirmRemove: '确定删除空白申请表吗？删除后申请人将无法在申请页面下载。',
      badType: '请选择 PDF 或 Word（.docx）文件',
      tooLarge: '文件不能超过 10 MB',
      saved: '空白申请表已更新',
      removed: '空白申请表已删除',
    },
    qrCode: {
      title: '入会申请二维码',
      intro: '打印或转发此二维码，申请人扫码即可打开入会申请页面。',
      imageAlt: '入会申请二维码',
      wxacode: '微信扫码打开小程序页面：',
      qr: '扫码打开网页：',
      download: '下载 PNG',
      fileName: '入会申请二维码.png',
    },
  },
} as const;
