// The popover page as built: its Content-Security-Policy is at least as strict as the one below, it has no inline
// script, and everything it loads is one of its own files by a relative path (the page is served from app://
// in the app and from a plain static server in the browser tests).
//
//   default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltCopy, buildInTempCopy, describeTimings } from '../packaging/build-copy';

/** The most each directive may allow. Any other directive may only say 'none'. */
const CEILING: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'none'"],
};
/** Not fetch directives, so default-src does not cover them: they must be present and 'none'. */
const REQUIRED_NONE = ['base-uri', 'form-action'];
const NEVER = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", '*'];

/** Directive name to its source list, in the order the browser reads them (it ignores a repeated directive). */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    if (directives.has(name.toLowerCase())) throw new Error(`directive ${name} appears twice in the policy`);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** A problem per directive that allows more than the ceiling. Missing fetch directives fall back to default-src. */
function looserThanCeiling(directives: Map<string, string[]>): string[] {
  const problems: string[] = [];
  const fallback = directives.get('default-src');
  if (!fallback) problems.push('no default-src');
  for (const [name, allowed] of Object.entries(CEILING)) {
    const sources = directives.get(name) ?? fallback ?? ['*'];
    if (sources.length === 0) problems.push(`${name} is empty`);
    const extra = sources.filter((source) => !allowed.includes(source));
    // 'none' is the strictest list there is, so it may stand in for anything the ceiling allows.
    if (!(sources.length === 1 && sources[0] === "'none'") && extra.length > 0) {
      problems.push(`${name} allows ${extra.join(' ')}`);
    }
  }
  for (const [name, sources] of directives) {
    if (name in CEILING) continue;
    if (!(sources.length === 1 && sources[0] === "'none'")) problems.push(`${name} ${sources.join(' ')} is not 'none'`);
  }
  for (const name of REQUIRED_NONE) if (!directives.has(name)) problems.push(`no ${name} 'none'`);
  for (const [name, sources] of directives) {
    for (const source of sources) if (NEVER.includes(source)) problems.push(`${name} allows ${source}`);
  }
  return problems;
}

describe('the policy checker itself', () => {
  it.each([
    ["default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'", 2],
    ["default-src 'none'; base-uri 'none'; form-action 'none'", 0],
    ["default-src 'self'; base-uri 'none'; form-action 'none'", 2],
    ["default-src 'none'; script-src 'self' 'unsafe-eval'; base-uri 'none'; form-action 'none'", 2],
    ["default-src 'none'; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'", 2],
    ["default-src 'none'; connect-src https://example.com; base-uri 'none'; form-action 'none'", 1],
    ["default-src 'none'; font-src 'self'; base-uri 'none'; form-action 'none'", 1],
    ["script-src 'self'; base-uri 'none'; form-action 'none'", 5],
  ])('%s: %i problem(s)', (policy, count) => {
    expect(looserThanCeiling(parsePolicy(policy))).toHaveLength(count);
  });
});

describe('out/renderer/index.html as built', () => {
  let copy: BuiltCopy;
  let html: string;
  let rendererDir: string;
  let document: Document;
  let window: Window;

  beforeAll(async () => {
    copy = await buildInTempCopy({ nodeModules: 'symlink' });
    console.log(`csp: ${describeTimings(copy.timings)}`);
    rendererDir = join(copy.dir, 'out', 'renderer');
    html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    window = new Window({
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
    });
    document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  }, 120_000);

  afterAll(async () => {
    await window?.happyDOM.close();
    await copy?.remove();
  });

  function policies(): string[] {
    return [...document.querySelectorAll('meta')]
      .filter((meta) => meta.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy')
      .map((meta) => meta.getAttribute('content') ?? '');
  }

  it('declares exactly one Content-Security-Policy, before anything it governs', () => {
    expect(policies()).toHaveLength(1);
    const meta = html.search(/<meta[^>]+http-equiv=["']?content-security-policy/i);
    const firstLoad = html.search(/<(script|link|style|img)\b/i);
    expect(meta).toBeGreaterThan(-1);
    expect(meta).toBeLessThan(firstLoad);
  });

  it("allows no more than default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'", () => {
    expect(looserThanCeiling(parsePolicy(policies()[0]!))).toEqual([]);
  });

  it('has no inline script, no inline event handlers and no javascript: URLs', () => {
    for (const script of document.querySelectorAll('script')) {
      expect(script.getAttribute('src'), script.outerHTML).toBeTruthy();
      expect(script.textContent?.trim(), script.outerHTML).toBe('');
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        expect(attribute.toLowerCase().startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
        expect(element.getAttribute(attribute)?.trim().toLowerCase().startsWith('javascript:')).toBe(false);
      }
    }
  });

  it('loads only its own files, by relative paths, and every one of them exists', () => {
    const references = [...document.querySelectorAll('[src], [href]')].map(
      (element) => element.getAttribute('src') ?? element.getAttribute('href') ?? '',
    );
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      if (reference.startsWith('data:')) continue;
      expect(reference, 'relative, not absolute or remote').toMatch(/^\.\//);
      expect(existsSync(join(rendererDir, reference)), reference).toBe(true);
    }
  });

  it('its stylesheets fetch nothing remote', () => {
    const assets = join(rendererDir, 'assets');
    const css = readdirSync(assets).filter((name) => name.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    for (const name of css) {
      const text = readFileSync(join(assets, name), 'utf8');
      expect(text, name).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    }
  });
});
