// Sentences the bad-input cases expect, shared by more than one file.
export const TOO_LONG = /^The prompt is too long \(100000 characters; the limit is 32000\)\.$/;
export const BAD_BASE_URL =
  /^The setting geekaiImage\.baseUrl must be an http\(s\) address such as https:\/\/geekai\.co\/api\/v1\.$/;
