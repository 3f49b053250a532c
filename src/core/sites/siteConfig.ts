// The few settings of a site's configuration file that decide where images go and how they are
// linked, read with small patterns rather than a TOML/YAML/JS parser: only top-level scalars are
// needed (a base URL, a folder name, a flag), the files are the user's own, and a value the
// patterns cannot read leaves the generator's default in place.

/** Bytes of a configuration file read at most: a real one is a few KB. */
export const MAX_CONFIG_BYTES = 64 * 1024;

const unquote = (v: string): string =>
  v
    .trim()
    .replace(/^(['"])(.*)\1$/s, '$2')
    .trim();

/** `key: value` at the top level of a YAML file (no indentation), comments dropped. */
export function yamlScalar(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}[ \\t]*:[ \\t]*([^\\n#]*?)[ \\t]*(?:#.*)?$`, 'm').exec(text);
  const v = m?.[1];
  return v === undefined || v === '' ? undefined : unquote(v);
}

/** `key = value` before the first `[table]` of a TOML file (keys compared without case, as Hugo does). */
export function tomlScalar(text: string, key: string): string | undefined {
  const top = text.split(/^\s*\[/m, 1)[0] ?? '';
  const m = new RegExp(`^[ \\t]*${key}[ \\t]*=[ \\t]*("[^"\\n]*"|'[^'\\n]*'|[^\\s#]+)`, 'im').exec(top);
  return m?.[1] === undefined ? undefined : unquote(m[1]);
}

/** `"key": "value"` in a JSON file's text. */
export function jsonScalar(text: string, key: string): string | undefined {
  const m = new RegExp(`"${key}"\\s*:\\s*("[^"\\n]*"|true|false|\\d+)`, 'i').exec(text);
  return m?.[1] === undefined ? undefined : unquote(m[1]);
}

/** `key: 'value'` anywhere in a JavaScript/TypeScript configuration (the first literal wins). */
export function jsScalar(text: string, key: string): string | undefined {
  const m = new RegExp(`\\b${key}\\s*:\\s*(['"\`])([^'"\`\\n]*)\\1`).exec(text);
  return m?.[2];
}

/** A scalar from a configuration file of any of those forms, chosen by its name. */
export function configScalar(fileName: string, text: string, key: string): string | undefined {
  if (/\.toml$/i.test(fileName)) return tomlScalar(text, key);
  if (/\.ya?ml$/i.test(fileName)) return yamlScalar(text, key);
  if (/\.json$/i.test(fileName)) return jsonScalar(text, key);
  return jsScalar(text, key);
}

/** The path part of a base URL (`https://example.org/blog/` → `/blog`), '' for the root. */
export function basePath(url: string | undefined): string {
  if (!url) return '';
  let p = url.trim();
  const scheme = /^[a-z][\w+.-]*:\/\/[^/]*/i.exec(p);
  if (scheme) p = p.slice(scheme[0].length);
  p = p.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (p !== '' && !p.startsWith('/')) p = `/${p}`;
  // Only a plain path: anything else is left to the generator's default.
  return /^(\/[\w.~%-]+)*$/.test(p) ? p : '';
}
