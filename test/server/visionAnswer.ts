// A vision chat model's answer to an image: one sentence that names the image's size, in Chinese
// when the instruction is Chinese, so tests can tell the description came from these bytes.
import type { ChatContext } from './chatContext';

const DATA_URL = /^data:[^,]*;base64,(.*)$/s;

function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function describeImageText(ctx: ChatContext): string {
  const m = DATA_URL.exec(ctx.chat.images[0]?.url ?? '');
  const size = m ? pngSize(Buffer.from(m[1] ?? '', 'base64')) : undefined;
  const dims = size ? `${size.width}×${size.height}` : '';
  if (/\p{Script=Han}/u.test(ctx.chat.prompt)) return `一张${dims}的彩色方格图片。`;
  return `A ${dims ? `${dims} ` : ''}picture of coloured squares.`;
}
