/**
 * The privacy policy (隐私政策 / 隐私保护指引), kept once for both clients: the mini-program's
 * privacy page and the portal's /privacy render this data. It describes what this system
 * really does; a change to what it collects or where it keeps it must change this text too,
 * and the guide declared in the mini-program's admin site (用户隐私保护指引) must agree.
 * Pure data: no wx or DOM APIs.
 */

export interface PolicySection {
  heading: string;
  paragraphs: readonly string[];
}

export interface PrivacyPolicy {
  title: string;
  /** The Asia/Shanghai calendar date of the last change, `YYYY-MM-DD`. */
  updatedOn: string;
  intro: string;
  sections: readonly PolicySection[];
}

/** Bumped whenever the text below changes in substance. */
export const PRIVACY_POLICY_UPDATED_ON = '2026-12-04';

/** Stands in for the society's name before its settings have loaded. */
const UNNAMED_SOCIETY = '本学会';

/** The policy with the society's name written in: the society is who handles the data. */
export function privacyPolicy(societyName: string | null | undefined): PrivacyPolicy {
  const society = societyName?.trim() || UNNAMED_SOCIETY;
  return {
    title: '隐私政策',
    updatedOn: PRIVACY_POLICY_UPDATED_ON,
    intro:
      `${society}（以下简称“学会”）通过本会员系统（微信小程序和 PC 门户）为会员提供服务。` +
      '本政策说明我们处理哪些个人信息、为什么处理、存放在哪里、谁能看到，以及您享有的权利。',
    sections: [
      {
        heading: '一、我们处理的信息',
        paragraphs: [
          '学会会员名册中的信息：姓名、手机号、会员编号、会员类型、性别、出生日期、工作单位、职称、' +
            '职务、电子邮箱，以及入会日期、会费到期日等日期。这些信息由学会秘书处导入，您登录后可以查看。',
          '您在“基本信息”中补充的信息：部门、学历、专业、通讯地址、邮政编码、证件照；' +
            '身份证号仅在您勾选同意后才会保存，且在页面上只以部分遮盖的形式显示；' +
            '以及开具会费发票所需的开票信息。',
          '续费时的订单与您上传的缴费凭证（照片或 PDF），以及财务开具的电子发票或收据。',
          '入会申请：申请表上填写的会员类型、姓名、性别、出生日期、手机号、工作单位、部门、职称、职务、学历、' +
            '专业特长、通讯地址、电子邮箱，身份证号（仅在您勾选同意后保存），以及您上传的签字申请表' +
            '（照片或 PDF，可从微信聊天中选择）。申请通过后，这些信息成为您的会员信息；' +
            '上传后未提交的文件在 1 天后自动删除。',
          '微信身份：当您在“账号设置”中绑定微信时，我们保存微信提供的 OPENID 的单向哈希值（不保存 OPENID 原文），' +
            '用于“微信一键登录”。当您同意接收“会费到期提醒”时，为向您发送提醒，' +
            '我们保存该微信的 OPENID 及您同意的次数（每同意一次可发送一次）；' +
            '在小程序中提交入会申请时，我们保存该微信 OPENID 的单向哈希值，用于让您在同一微信中查看申请进度，' +
            '如您同意接收“入会审核结果”通知，则为发送通知保存该微信的 OPENID。我们不获取您的微信昵称、头像或手机号。',
          '会内互动：您阅读了哪些通知及阅读时间、对通知的反馈，查看了哪些机构动态，以及由此获得的积分记录；' +
            '您在“意见建议”中填写的内容、上传的图片和留下的联系方式。在小程序中提交意见建议时，' +
            '文字会先经微信内容安全检测（微信仅据此判断内容是否合规）。',
          '服务与活动：您申请学会服务时填写的内容和上传的材料，以及办理进度和秘书处的回复；' +
            '您报名、取消报名和签到会内活动的记录及时间。',
          '使用记录：登录会话及其时间；为防止密码被猜测，短时保存按网络地址统计的登录尝试次数；' +
            '以及修改密码、绑定或解绑微信、修改会员信息等操作的日志，记录谁在何时改了哪些项目，' +
            '不记录身份证号等敏感项目的内容。',
        ],
      },
      {
        heading: '二、为什么处理',
        paragraphs: [
          '仅用于学会的会员管理：确认会员身份与登录、会费缴纳与到期提醒、开具发票、' +
            '生成和验证会员证书、积分记录、办理会员申请的服务、组织会内活动，以及发送学会通知。我们不将您的信息用于广告或与会员服务无关的目的。',
        ],
      },
      {
        heading: '三、存放在哪里',
        paragraphs: [
          '您的信息存放在学会自己的微信云开发环境（位于中国大陆境内）或学会自己的服务器上，不传输到境外。',
          '登录会话在 7 天内到期，过期后自动删除；管理员上传的名册文件在上传 7 天后自动删除。',
        ],
      },
      {
        heading: '四、谁能看到',
        paragraphs: [
          '学会秘书处的工作人员按各自职责查看：秘书处管理会员信息并审核入会申请，财务人员处理会费与发票。' +
            '手机号、身份证号在列表中遮盖显示。',
          '我们不出售您的个人信息，也不向任何第三方提供，法律法规要求或有权机关依法要求的情形除外。' +
            '扫描会员证书上的二维码，只能看到遮盖后的姓名、会员类型和证书当前是否有效。',
        ],
      },
      {
        heading: '五、保存多久',
        paragraphs: [
          '在您是学会会员期间保存。会籍终止后，学会按章程和法律法规的要求保存必要的会员档案；' +
            '您可以请秘书处删除其余信息。',
        ],
      },
      {
        heading: '六、您的权利',
        paragraphs: [
          '查看与更正：您可以随时在“基本信息”中查看和修改您补充的信息；名册中的信息有误时，请联系秘书处更正。',
          '撤回同意：您可以撤回对保存身份证号的同意，撤回后身份证号即被删除。',
          '解绑微信：您可以在“账号设置”中解绑微信，解绑后我们删除保存的微信身份。',
          '删除：您可以请学会秘书处删除您的个人信息。',
        ],
      },
      {
        heading: '七、设备权限',
        paragraphs: [
          '相册（保存）：仅在您点击“保存到相册”时使用，用于保存会员证书图片。',
          '选择图片：仅在您上传证件照、缴费凭证、签字申请表、服务申请材料或意见建议的图片时使用，只读取您选中的图片。',
          '选择聊天文件：仅在您从聊天记录选择缴费凭证、签字申请表或服务申请材料时使用，只读取您选中的文件。',
          '摄像头：仅在您扫描 PC 门户上的登录二维码、扫描会内活动的签到码，或拍摄缴费凭证、服务申请材料时使用。',
          '首次使用这些功能时，小程序会先请您阅读并同意本政策；您拒绝后，相应功能无法使用，其他功能不受影响。',
        ],
      },
      {
        heading: '八、联系我们',
        paragraphs: [`对本政策或您的个人信息有任何疑问、意见或请求，请联系${society}秘书处。`],
      },
    ],
  };
}
