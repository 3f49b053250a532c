// The prompt a chat model says it drew from: relays of gpt-4o-image echo their tool call at
// the start of a stream (`{"prompt":"...","size":"1024x1024"}`).

const MAX_CHARS = 4000;

export function echoedPrompt(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!/^\{.*"prompt"\s*:/.test(t)) continue;
    try {
      const value = JSON.parse(t) as unknown;
      const prompt =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>).prompt : undefined;
      if (typeof prompt === 'string' && prompt.trim()) return prompt.trim().slice(0, MAX_CHARS);
    } catch {
      // A line that only looks like JSON: not a tool call.
    }
  }
  return undefined;
}
