// Relays of gpt-4o-image & co. stream progress as text: `> 进度 **34%**` or `> 🎨 生成中...`.

export interface StreamProgress {
  /** 0-100 when the text carries a percentage. */
  percent?: number;
  /** The latest status line, without Markdown decoration, for the progress notification. */
  status?: string;
}

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*%/g;

function plain(line: string): string {
  return line
    .replace(/^>\s*/, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

/** Reads the latest percentage and status line from the text joined so far. */
export function readProgress(joined: string): StreamProgress {
  let percent: number | undefined;
  let status: string | undefined;
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line.startsWith('>')) continue;
    status = plain(line);
    for (const m of line.matchAll(PERCENT)) {
      const n = Number(m[1]);
      if (n >= 0 && n <= 100) percent = Math.round(n);
    }
  }
  return { percent, status: status ? status.slice(0, 120) : undefined };
}
