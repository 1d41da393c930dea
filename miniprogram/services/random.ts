/**
 * `bytes` random bytes from wx.getRandomValues (cryptographically secure), as lowercase hex:
 * unguessable upload paths and the requestId of an order attempt.
 */
export function randomHex(bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.getRandomValues({
      length: bytes,
      success: ({ randomValues }) => {
        const values = Array.from(new Uint8Array(randomValues));
        resolve(values.map((value) => value.toString(16).padStart(2, '0')).join(''));
      },
      fail: reject,
    });
  });
}
