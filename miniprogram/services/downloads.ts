/**
 * wx.downloadFile as a promise of the temporary path: a file link (files.link) fetched to
 * hand to the document viewer or the picture previewer. A status other than 200 (a used or
 * expired local link answers 404) is a failure.
 */
export function downloadToTemp(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: ({ statusCode, tempFilePath }) => {
        if (statusCode === 200) resolve(tempFilePath);
        else reject(new Error(`downloadFile status ${statusCode}`));
      },
      fail: reject,
    });
  });
}

/** A failed WeChat call or download in a few words for the log: its errMsg, or the message. */
export function describeFailure(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) {
    return String((error as { errMsg: unknown }).errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
