/**
 * The most common passwords of 8 characters or more, lower-cased: those topping published
 * leak statistics worldwide and in China (pinyin and number patterns). Shorter ones are
 * refused by the length rule already.
 */
// prettier-ignore
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '0123456789', '87654321', '11111111', '00000000',
  '88888888', '66666666', '99999999', '12341234', '11223344', '12121212', '123123123',
  '147258369', '123654789', '789456123', '159357456', '5201314520', '520131400', '1314520520',
  '12344321', '123456abc', 'abc12345', 'abc123456', 'abcd1234', 'a1234567', 'a12345678',
  'a123456789', 'aa123456', 'aa12345678', 'aaaaaaaa', 'asdf1234', 'asdfghjkl', 'qwertyui',
  'qwertyuiop', 'qwer1234', '1qaz2wsx', '1q2w3e4r', '1q2w3e4r5t', 'zxcvbnm123', 'password',
  'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'iloveyou', 'woaini1314', 'woaini520',
  'woaiwojia', 'wodemima', 'mima1234', 'admin123', 'admin1234', 'administrator', 'root1234',
  'welcome1', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'trustno1',
  'qq123456', 'qq5201314', 'q1w2e3r4', 'zhang123', 'wang1234', 'li123456', 'liu123456',
  'chen1234', 'yang1234', 'huang123', 'zhao1234', 'zhangwei', 'wangwei1', 'changeme',
  'computer', 'internet', 'letmein1', 'dragon12', 'monkey12', 'shadow12', 'master12',
]);
