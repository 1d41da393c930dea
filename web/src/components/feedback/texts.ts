/**
 * The sentences of 客服中心 → 意见建议: the member's page and the console's 意见建议.
 * Shaped like a section of locales/zh-CN.ts.
 */
import type { FeedbackItem } from '../../../../typings';

export const feedbackTexts = {
  check: {
    passed: '已通过检测',
    review: '待人工复核',
    unchecked: '未检测',
  } satisfies Record<FeedbackItem['check'], string>,

  member: {
    title: '意见建议',
    intro: '欢迎对学会的工作提出意见和建议，秘书处会尽快回复。',
    write: '写建议',
    mine: '我的意见建议',
    empty: '您还没有提交过意见建议',
    unread: (count: number): string => `${count} 条新回复`,
    newReply: '新回复',
    noReply: '待回复',
    replied: '已回复',
    open: '查看回复',
    reply: '秘书处回复',
    repliedAt: (time: string): string => `回复于 ${time}`,
    submittedAt: (time: string): string => `提交于 ${time}`,
    contact: '联系方式',
    more: '加载更多',
  },

  form: {
    title: '写建议',
    text: '意见建议',
    textPlaceholder: '请写下您的意见或建议（5–500 个字）',
    textLength: '意见建议应为5-500个字',
    pictures: '图片',
    picturesHint: (max: number): string =>
      `可选，JPG 或 PNG 图片，最多 ${max} 张，每张不超过 10 MB。`,
    pick: '添加图片',
    remove: '移除',
    badType: '图片只能是 JPG 或 PNG 格式',
    tooLarge: '图片不能为空，也不能超过 10 MB',
    tooMany: (max: number): string => `最多上传${max}张图片`,
    contact: '联系方式',
    contactPlaceholder: '可选，便于秘书处联系您（不超过 50 个字）',
    contactLength: '联系方式不能超过50个字',
    submit: '提交',
    cancel: '取消',
    submitted: '已提交，秘书处会尽快回复',
  },

  admin: {
    title: '意见建议',
    intro: '会员在门户或小程序“客服中心”提交的意见建议。回复后会员会看到新回复提醒。',
    tabs: { open: '待回复', replied: '已回复', all: '全部' },
    total: (total: number): string => `共 ${total} 条`,
    empty: '暂无意见建议',
    member: '会员',
    text: '内容',
    pictures: '图片',
    contact: '联系方式',
    check: '内容检测',
    createdAt: '提交时间',
    reply: '回复',
    actions: '操作',
    answer: '回复',
    change: '修改回复',
    none: '—',
    dialogTitle: '回复意见建议',
    replyLabel: '回复内容',
    replyHelp: '2–500 个字，会员将在“意见建议”中看到',
    replyLength: '回复内容应为2-500个字',
    send: '发送回复',
    cancel: '取消',
    sent: '已回复',
    replaceHint: '再次回复将替换原来的回复，会员会再次看到新回复提醒。',
  },

  pictureAlt: (index: number): string => `图片 ${index}`,
  pictureFailed: '图片加载失败',
} as const;
