// The popover in a real headless Chromium, loaded from the built files the app ships, with the preload API
// replaced by a recording stand-in. Screenshots of every state go to test/artifacts/renderer/ and are compared
// with test/renderer/baselines (see baseline.ts; after a deliberate UI change: UPDATE_BASELINES=1 npx vitest run
// test/renderer).
import { readFileSync } from 'node:fs';
import type { AppState, FixResult, Settings } from '@src/shared/app-api';
import { findingDocUrl } from '@src/shared/finding-docs';
import type { Diagnosis } from '@src/shared/model';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshBuild } from '../support/fresh-build';
import {
  FIXED_NOW,
  launchChromium,
  type OpenOptions,
  openPopover,
  type Popover,
  type StaticServer,
  serveRenderer,
} from './harness';

const fixture = (name: string): Diagnosis =>
  JSON.parse(readFileSync(new URL(`../fixtures/diagnoses/${name}`, import.meta.url), 'utf8')) as Diagnosis;

const SEED = fixture('seed.json');
const HEALTHY = fixture('healthy.json');

const SETTINGS: Settings = {
  launchAtLogin: true,
  launchAtLoginStatus: 'requires-approval',
  probeTargets: ['example.com:443', '1.1.1.1:443'],
  minikubeProfile: 'minikube',
  ignoredAddresses: ['172.2.9.99'],
  checkForUpdates: true,
  mutedFindings: [],
};

const secondsAgo = (seconds: number) => new Date(FIXED_NOW - seconds * 1000).toISOString();

/** A state as main sends it, with every optional part present. */
const fullState = (diagnosis: Diagnosis | null, extra: Partial<AppState> = {}): AppState => ({
  diagnosis,
  checkedAt: diagnosis ? secondsAgo(12) : null,
  checking: false,
  fix: null,
  settings: SETTINGS,
  ...extra,
});

const VERIFIED: FixResult = {
  outcome: 'verified',
  findingId: 'nat-source-stale',
  message: 'Removed 172.2.9.61 from en0; the VM reaches example.com:443 again.',
  interface: 'en0',
  address: '172.2.9.61',
  before: { verdict: 'red', natSource: '172.2.9.61' },
  after: { verdict: 'green', natSource: '172.2.3.10' },
  undoCommand: 'sudo ifconfig en0 alias 172.2.9.61 netmask 255.255.0.0',
};

const FIX_BUTTON = 'Remove 172.2.9.61 from en0…';

let browser: Browser;
let server: StaticServer;
const open: Popover[] = [];

async function show(state: AppState, options?: OpenOptions): Promise<Popover> {
  const popover = await openPopover(browser, server, state, options);
  open.push(popover);
  return popover;
}

beforeAll(async () => {
  // The page under test is always today's code: out/ is rebuilt first when a source is newer.
  ensureFreshBuild('app');
  server = await serveRenderer();
  browser = await launchChromium();
});

afterEach(async () => {
  // Every test also asserts a clean page: no console errors, exceptions, failed loads or CSP violations.
  const popovers = open.splice(0);
  const problems = (await Promise.all(popovers.map((popover) => popover.problems()))).flat();
  await Promise.all(popovers.map((popover) => popover.close()));
  expect(problems).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the seed case (a stale address on en0 is the NAT source)', () => {
  it('shows the broken verdict, the path with real names, the stale address and one Fix button', async () => {
    const { page, shoot } = await show(fullState(SEED));

    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('Broken');
    expect(await page.locator('header svg[role="img"]').getAttribute('aria-label')).toBe('Broken');

    const hop = (id: string) => page.locator(`[data-hop="${id}"]`);
    expect(await hop('vm').textContent()).toContain('minikube · Running');
    expect(await hop('bridge').textContent()).toContain('bridge100 192.168.77.1');
    expect(await hop('bridge').getAttribute('title')).toContain('members vmenet0, vmenet1');
    // Hops that are not green say why in words, on the row itself.
    expect(await hop('nat').locator('.hop-summary').isVisible()).toBe(true);
    expect(await hop('nat').textContent()).toContain('a stale address');
    expect(await hop('nat').textContent()).toContain('source 172.2.9.61');
    expect(await hop('egress').textContent()).toContain('en0');
    expect(await hop('gateway').textContent()).toContain('172.2.2.2');
    // The lights read without colour: a label, a word and a distinct shape per light.
    expect(await hop('nat').locator('svg').getAttribute('aria-label')).toBe('NAT: Broken');
    expect(await hop('egress').locator('svg').getAttribute('aria-label')).toBe('Egress: Degraded');
    expect(await hop('nat').locator('svg rect.light-shape').count()).toBe(1);
    expect(await hop('egress').locator('svg path.light-shape').count()).toBe(1);
    expect(await hop('vm').locator('svg circle.light-shape').count()).toBe(1);
    expect(await page.locator('.path .hop').evaluateAll((hops) => hops.map((h) => h.getAttribute('data-hop')))).toEqual(
      ['vm', 'bridge', 'nat', 'egress', 'gateway', 'internet'],
    );

    const stale = page.locator('[data-address="172.2.9.61"]');
    expect(await stale.textContent()).toContain('172.2.9.61/16');
    expect(await stale.locator('.badge').allTextContents()).toEqual(['NAT source', 'stale']);
    expect(await page.locator('[data-address="172.2.3.10"] .badge').allTextContents()).toEqual(['DHCP lease']);

    // error before warning, although the diagnosis lists the warning first
    expect(
      await page.locator('.finding').evaluateAll((items) => items.map((i) => i.getAttribute('data-finding'))),
    ).toEqual(['nat-source-stale', 'egress-multiple-ipv4']);
    const fixButtons = page.getByRole('button', { name: /^Remove / });
    expect(await fixButtons.count()).toBe(1);
    expect(await fixButtons.textContent()).toBe(FIX_BUTTON);
    expect(await page.locator('[data-finding="nat-source-stale"] code').textContent()).toBe(
      'sudo ifconfig en0 delete 172.2.9.61',
    );
    expect(
      await page.locator('.finding .finding-doc').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual([findingDocUrl('nat-source-stale'), findingDocUrl('egress-multiple-ipv4')]);
    // The finding without a fix offers none.
    expect(await page.locator('[data-finding="egress-multiple-ipv4"] button', { hasText: 'Remove' }).count()).toBe(0);

    await shoot('seed-light');
    await page.locator('[data-finding="nat-source-stale"]').scrollIntoViewIfNeeded();
    await shoot('seed-light-findings');
    await stale.getByRole('button', { name: 'Why (4)' }).click();
    expect(await stale.locator('.evidence').textContent()).toContain('not the DHCP lease');
    await page.locator('.addresses').scrollIntoViewIfNeeded();
    await shoot('seed-light-addresses');
  });

  it('fixes by finding id only, shows progress, then before → after with Undo', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    const button = page.getByRole('button', { name: FIX_BUTTON });

    // Two clicks in a row must still ask main once.
    await button.dblclick();
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await popover.calls('fix')).toEqual([{ method: 'fix', args: ['nat-source-stale'] }]);
    await expect.poll(() => page.locator('.fix-progress').textContent()).toContain('Working…');

    await popover.push(fullState(SEED, { fix: { findingId: 'nat-source-stale', phase: 'elevating', result: null } }));
    await expect.poll(() => page.locator('.fix-progress').textContent()).toContain('administrator approval');
    expect(await button.isDisabled()).toBe(true);
    await popover.shoot('fix-in-progress-light');

    // Main answers, re-checks, and the fixed finding disappears from the new diagnosis: the result stays.
    await popover.settle('fix', { result: VERIFIED });
    await popover.push(fullState(HEALTHY, { fix: { findingId: 'nat-source-stale', phase: 'done', result: VERIFIED } }));
    const result = page.locator('.result');
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('verified');
    expect(await result.locator('.result-title').textContent()).toBe('Fixed and verified');
    // The arrow is hidden from screen readers, which hear "to" instead.
    expect(await result.locator('.change-row').nth(0).textContent()).toMatch(/^Verdict\s*Broken\s*→\s*to\s*All clear$/);
    expect(await result.locator('.change-row').nth(1).textContent()).toMatch(
      /^NAT source\s*172\.2\.9\.61\s*→\s*to\s*172\.2\.3\.10$/,
    );
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await page.locator('h1.verdict').textContent()).toBe('All clear');
    await popover.shoot('fix-verified-light');

    const undo = page.getByRole('button', { name: 'Undo: put 172.2.9.61 back on en0…' });
    await undo.click();
    expect(await popover.calls('undoFix')).toEqual([{ method: 'undoFix', args: ['nat-source-stale'] }]);
    await popover.settle('undoFix', {
      result: { outcome: 'verified', findingId: 'nat-source-stale', message: 'Put 172.2.9.61 back on en0.' },
    });
    await expect.poll(() => result.locator('.result-title').textContent()).toBe('Undone and verified');
    expect(await page.getByRole('button', { name: /^Undo/ }).count()).toBe(0);

    // Nothing but ids ever went to main.
    expect(await popover.calls('fix')).toHaveLength(1);
  });

  it('shows a cancelled fix neutrally, and refused or failed ones with their message', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    const button = page.getByRole('button', { name: FIX_BUTTON });
    const result = page.locator('.result');

    await button.click();
    await popover.settle('fix', {
      result: { outcome: 'cancelled', findingId: 'nat-source-stale', message: 'You chose not to remove 172.2.9.61.' },
    });
    await expect.poll(() => result.getAttribute('data-tone')).toBe('neutral');
    expect(await result.locator('.result-title').textContent()).toBe('Cancelled, nothing changed');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
    expect(await button.isEnabled()).toBe(true);
    await popover.shoot('fix-cancelled-light');

    await button.click();
    await popover.settle('fix', {
      result: {
        outcome: 'refused',
        findingId: 'nat-source-stale',
        message: 'The re-check no longer shows 172.2.9.61 as stale; nothing was changed.',
      },
    });
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('refused');
    expect(await result.textContent()).toContain('no longer shows 172.2.9.61 as stale');

    await button.click();
    await popover.settle('fix', { reject: 'IPC channel closed' });
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('failed');
    expect(await result.getAttribute('data-tone')).toBe('bad');
    expect(await result.textContent()).toContain('IPC channel closed');
    await popover.shoot('fix-failed-light');

    // A run main reports afterwards (started elsewhere) replaces our own last result.
    await popover.push(fullState(SEED, { fix: { findingId: 'nat-source-stale', phase: 'confirming', result: null } }));
    await expect.poll(() => page.locator('.fix-progress').textContent()).toContain('Waiting for your confirmation');
    expect(await button.isDisabled()).toBe(true);
    const fromMain: FixResult = { outcome: 'cancelled', findingId: 'nat-source-stale', message: 'Left as it was.' };
    await popover.push(fullState(SEED, { fix: { findingId: 'nat-source-stale', phase: 'done', result: fromMain } }));
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('cancelled');
    expect(await result.textContent()).toContain('Left as it was.');

    expect((await popover.calls('fix')).map((call) => call.args)).toEqual([
      ['nat-source-stale'],
      ['nat-source-stale'],
      ['nat-source-stale'],
    ]);
  });
});

describe('other states', () => {
  it('shows a consequence right under its cause, saying so', async () => {
    const consequence = {
      id: 'vm-internet-unreachable' as const,
      severity: 'error' as const,
      title: 'The VM cannot reach its probe target registry-1.docker.io:443.',
      detail: "Inside the VM every connection failed: images can't be pulled.",
      evidence: ['VM → registry-1.docker.io:443 failed: timeout'],
      fix: null,
    };
    const findings = SEED.findings.map((f) =>
      f.id === 'nat-source-stale' ? { ...f, causes: ['vm-internet-unreachable' as const] } : f,
    );
    const { page, shoot } = await show(fullState({ ...SEED, findings: [consequence, ...findings] }));
    await expect
      .poll(() => page.locator('.finding').evaluateAll((items) => items.map((i) => i.getAttribute('data-finding'))))
      .toEqual(['nat-source-stale', 'vm-internet-unreachable', 'egress-multiple-ipv4']);
    expect(await page.locator('.finding.consequence').getAttribute('data-finding')).toBe('vm-internet-unreachable');
    expect(await page.locator('.consequence .finding-cause').textContent()).toBe(
      `A consequence of: ${SEED.findings.find((f) => f.id === 'nat-source-stale')!.title}`,
    );
    await page.locator('.finding.consequence').scrollIntoViewIfNeeded();
    await shoot('seed-consequence');
  });

  it('mutes a finding from its Mute control: greyed, marked, left out of the light, with Unmute', async () => {
    const { page, calls, shoot } = await show(fullState(SEED));
    const stale = page.locator('.finding[data-finding="nat-source-stale"]');
    await expect.poll(() => page.locator('.verdict').textContent()).toBe('Broken');
    await stale.getByRole('button', { name: /^Mute / }).click();
    await expect.poll(() => stale.getAttribute('data-muted')).toBe('true');
    expect(await calls('muteFinding')).toEqual([{ method: 'muteFinding', args: ['nat-source-stale', null] }]);
    expect(await stale.locator('.badge-muted').textContent()).toBe('Muted');
    expect(
      Number(await stale.locator('.finding-title').evaluate((e) => getComputedStyle(e.parentElement!).opacity)),
    ).toBeLessThan(1);
    // The light the tray shows too: the warning left, so Degraded.
    expect(await page.locator('.verdict').textContent()).toBe('Degraded');
    expect(await page.locator('.header-muted').textContent()).toBe('1 muted finding');
    // What still counts comes first.
    expect(
      await page.locator('.finding').evaluateAll((items) => items.map((i) => i.getAttribute('data-finding'))),
    ).toEqual(['egress-multiple-ipv4', 'nat-source-stale']);
    await stale.scrollIntoViewIfNeeded();
    await shoot('seed-muted');
    await stale.getByRole('button', { name: /^Unmute / }).click();
    await expect.poll(() => stale.getAttribute('data-muted')).toBeNull();
    expect(await calls('unmuteFinding')).toEqual([{ method: 'unmuteFinding', args: ['nat-source-stale', null] }]);
    expect(await page.locator('.verdict').textContent()).toBe('Broken');
    expect(await page.locator('.header-muted').count()).toBe(0);
  });

  it('unmutes every mute that matches a finding of one VM, and mutes a VM finding for that VM only', async () => {
    const tagged = { ...SEED, findings: SEED.findings.map((f) => ({ ...f, vm: 'minikube/minikube' })) };
    const mutedFindings = [
      { id: 'nat-source-stale' as const, vm: null },
      { id: 'nat-source-stale' as const, vm: 'minikube/minikube' },
    ];
    const diagnosis = {
      ...tagged,
      findings: tagged.findings.map((f) => (f.id === 'nat-source-stale' ? { ...f, muted: true as const } : f)),
    };
    const { page, calls } = await show(fullState(diagnosis, { settings: { ...SETTINGS, mutedFindings } }));
    await page
      .locator('.finding[data-finding="nat-source-stale"]')
      .getByRole('button', { name: /^Unmute / })
      .click();
    await expect
      .poll(async () => (await calls('unmuteFinding')).map((c) => c.args))
      .toEqual([
        ['nat-source-stale', null],
        ['nat-source-stale', 'minikube/minikube'],
      ]);
    await page
      .locator('.finding[data-finding="egress-multiple-ipv4"]')
      .getByRole('button', { name: 'Mute en0 carries 2 IPv4 addresses. for minikube/minikube' })
      .click();
    expect((await calls('muteFinding')).map((c) => c.args)).toEqual([['egress-multiple-ipv4', 'minikube/minikube']]);
  });

  it('a healthy diagnosis shows all clear and no Fix button at all', async () => {
    const { page, shoot } = await show(fullState(HEALTHY));
    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('All clear');
    expect(await page.getByRole('button', { name: /^(Remove|Fix)/ }).count()).toBe(0);
    expect(await page.locator('.fix-action').count()).toBe(0);
    expect(await page.locator('.findings').count()).toBe(0);
    expect(await page.locator('[data-address="172.2.3.10"] .badge').allTextContents()).toEqual([
      'NAT source',
      'DHCP lease',
    ]);
    await shoot('healthy-light');
  });

  it('draws a hop that is not on the VM path with its own word, not as unknown', async () => {
    const offPath = structuredClone(HEALTHY);
    const nat = offPath.hops.find((hop) => hop.id === 'nat')!;
    Object.assign(nat, { light: 'unknown', summary: "the runtime's own network", onPath: false });
    const { page } = await show(fullState(offPath));
    const row = page.locator('[data-hop="nat"]');
    await expect.poll(() => row.getAttribute('data-on-path')).toBe('false');
    expect(await row.locator('.hop-word').textContent()).toBe('not on this path');
    expect(await row.locator('svg').getAttribute('aria-label')).toBe('NAT: not on this path');
  });

  it('re-renders on every pushed state, without a reload', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('Broken');
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    await popover.push(fullState(HEALTHY, { checkedAt: secondsAgo(0) }));
    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('All clear');
    expect(await page.locator('.checked-at').textContent()).toBe('checked just now');
    expect(await page.locator('[data-hop="nat"] svg').getAttribute('aria-label')).toBe('NAT: OK');

    await popover.push(fullState(SEED, { checking: true }));
    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('Broken');
    const recheck = page.getByRole('button', { name: 'Checking…' });
    expect(await recheck.isDisabled()).toBe(true);

    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await popover.calls('getState')).toHaveLength(1);
    expect(await popover.calls('onState')).toHaveLength(1);
  });

  it('opens on the finding main names (a clicked notification), once', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    await page.getByRole('button', { name: 'Settings' }).click();
    const focus = { ...fullState(SEED), focusFindingId: 'egress-multiple-ipv4' } as AppState;
    await popover.push(focus);
    const toggle = page.locator('[data-finding="egress-multiple-ipv4"] .disclosure-toggle');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.settings').count()).toBe(0);
    const inView = () =>
      page.locator('[data-finding="egress-multiple-ipv4"]').evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
      });
    await expect.poll(inView).toBe(true);
    await popover.shoot('focused-finding-light');

    // Main repeats the name with every state: a collapse by the person must survive the next push.
    await toggle.click();
    await popover.push(focus);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('renders a state holding only diagnosis, checkedAt and checking', async () => {
    const checkedAt = secondsAgo(12);
    const popover = await show({ diagnosis: SEED, checkedAt, checking: false });
    const { page } = popover;
    await expect.poll(() => page.locator('h1.verdict').textContent()).toBe('Broken');
    const time = page.locator('time.checked-at');
    expect(await time.textContent()).toBe('checked 12 s ago');
    expect(await time.getAttribute('title')).toBe(checkedAt);
    expect(await time.getAttribute('datetime')).toBe(checkedAt);
    expect(await page.getByRole('button', { name: 'Settings' }).count()).toBe(0);
    expect(await page.locator('.path .hop').count()).toBe(6);
    await popover.shoot('minimal-state-light');

    // Without fix progress in main's state, our own pending call is what keeps the button disabled.
    const button = page.getByRole('button', { name: FIX_BUTTON });
    await button.click();
    await expect.poll(() => button.isDisabled()).toBe(true);
    await popover.settle('fix', { result: VERIFIED });
    await expect.poll(() => page.locator('.result').getAttribute('data-outcome')).toBe('verified');
    expect(await button.isEnabled()).toBe(true);
  });

  it('shows "Checking…" before the first diagnosis, then "No check yet" with Re-check', async () => {
    const popover = await show({ diagnosis: null, checkedAt: null, checking: true });
    const { page } = popover;
    await expect.poll(() => page.locator('.empty').textContent()).toContain('Checking…');
    expect(await page.locator('h1.verdict').textContent()).toBe('Unknown');
    await popover.shoot('empty-checking-light');

    await popover.push({ diagnosis: null, checkedAt: null, checking: false });
    await expect.poll(() => page.locator('.empty').textContent()).toContain('No check yet');
    await popover.shoot('empty-light');
    await page.getByRole('button', { name: 'Re-check' }).click();
    expect(await popover.calls('recheck')).toEqual([{ method: 'recheck', args: [] }]);
  });
});

describe('keyboard, colour schemes and motion', () => {
  it('reaches Re-check and the Fix button with Tab, shows a focus ring, and activates with Enter and Space', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element ? `${element.tagName.toLowerCase()}:${element.textContent?.trim() ?? ''}` : '';
      });

    const order: string[] = [];
    for (let i = 0; i < 40 && !order.includes(`button:${FIX_BUTTON}`); i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    const recheckAt = order.indexOf('button:Re-check');
    const fixAt = order.indexOf(`button:${FIX_BUTTON}`);
    expect(recheckAt).toBeGreaterThanOrEqual(0);
    expect(fixAt).toBeGreaterThan(recheckAt);

    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    await popover.shoot('keyboard-focus-light');

    await page.keyboard.press('Enter');
    await expect.poll(() => popover.calls('fix')).toEqual([{ method: 'fix', args: ['nat-source-stale'] }]);

    const evidence = page.locator('[data-finding="nat-source-stale"] .disclosure-toggle');
    const list = page.locator('[data-finding="nat-source-stale"] .evidence');
    expect(await evidence.getAttribute('aria-expanded')).toBe('false');
    expect(await list.isVisible()).toBe(false);
    await evidence.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => evidence.getAttribute('aria-expanded')).toBe('true');
    expect(await list.isVisible()).toBe(true);
    expect(await list.getAttribute('id')).toBe(await evidence.getAttribute('aria-controls'));
    expect(await list.textContent()).toContain('en0 inet 172.2.9.61/16 (listed first: vmnet NAT translates to it)');
    await popover.settle('fix', { result: VERIFIED });
  });

  it('follows the dark colour scheme', async () => {
    const popover = await show(fullState(SEED), { colorScheme: 'dark' });
    const { page } = popover;
    await page.emulateMedia({ colorScheme: 'dark' });
    const luminance = () =>
      page.evaluate(() => {
        const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number);
        return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
      });
    expect(await luminance()).toBeLessThan(0.25);
    await popover.shoot('seed-dark');
    await page.locator('[data-finding="nat-source-stale"]').scrollIntoViewIfNeeded();
    await popover.shoot('seed-dark-findings');
    await page.locator('[data-address="172.2.9.61"]').getByRole('button', { name: 'Why (4)' }).click();
    await page.locator('.addresses').scrollIntoViewIfNeeded();
    await popover.shoot('seed-dark-addresses');

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await luminance()).toBeGreaterThan(0.75);
  });

  it('screenshots the other states in dark mode', async () => {
    const popover = await show(fullState(HEALTHY), { colorScheme: 'dark' });
    await expect.poll(() => popover.page.locator('h1.verdict').textContent()).toBe('All clear');
    await popover.shoot('healthy-dark');

    await popover.push(fullState(SEED));
    await popover.page.getByRole('button', { name: FIX_BUTTON }).click();
    await popover.settle('fix', { result: VERIFIED });
    await popover.push(fullState(HEALTHY, { fix: { findingId: 'nat-source-stale', phase: 'done', result: VERIFIED } }));
    await expect.poll(() => popover.page.locator('.result').getAttribute('data-outcome')).toBe('verified');
    await popover.shoot('fix-verified-dark');

    // Dismissed stays dismissed, although main keeps sending the same result with every state.
    await popover.page.getByRole('button', { name: 'Dismiss' }).click();
    await popover.push(fullState(HEALTHY, { fix: { findingId: 'nat-source-stale', phase: 'done', result: VERIFIED } }));
    expect(await popover.page.locator('.result').count()).toBe(0);

    await popover.push({ diagnosis: null, checkedAt: null, checking: false });
    await expect.poll(() => popover.page.locator('.empty').textContent()).toContain('No check yet');
    await popover.shoot('empty-dark');
  });

  it('stops the spinner when reduced motion is asked for', async () => {
    const spinning = async (options: OpenOptions) => {
      const popover = await show(fullState(SEED, { checking: true }), options);
      return popover.page
        .locator('.spinner')
        .first()
        .evaluate((element) => getComputedStyle(element).animationName);
    };
    expect(await spinning({ reducedMotion: 'no-preference' })).toBe('spin');
    expect(await spinning({ reducedMotion: 'reduce' })).toBe('none');
  });
});

describe('content security policy', () => {
  it('is the strict one, and a violation would be noticed', async () => {
    // Opened outside show(): this test causes a violation on purpose, so afterEach must not judge it.
    const popover = await openPopover(browser, server, fullState(SEED));
    try {
      const csp = await popover.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
          "base-uri 'none'; form-action 'none'",
      );
      expect(await popover.problems()).toEqual([]);
      await popover.page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'body { color: red; }';
        document.head.append(style);
        document.body.setAttribute('style', 'color: red');
      });
      await expect
        .poll(() => popover.problems())
        .toEqual(expect.arrayContaining([expect.stringMatching(/style-src/), 'style attribute on <body>']));
    } finally {
      await popover.close();
    }
  });
});

describe('settings', () => {
  it('edits settings through updateSettings only, and only when main sent settings', async () => {
    const popover = await show(fullState(SEED));
    const { page } = popover;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('.settings').waitFor();
    expect(await page.locator('.setting-note').textContent()).toContain('System Settings');
    expect(await page.locator('.setting-note').getAttribute('data-status')).toBe('requires-approval');
    await popover.shoot('settings-light');

    const target = page.getByRole('textbox', { name: 'New probe target (host:port)' });
    await target.fill('not a target');
    await target.press('Enter');
    await page.locator('.field-error').waitFor();
    expect(await popover.calls('updateSettings')).toEqual([]);

    await target.fill('github.com:443');
    await target.press('Enter');
    await expect.poll(() => page.locator('.setting-list').first().textContent()).toContain('github.com:443');
    expect(await target.inputValue()).toBe('');

    await page.getByRole('button', { name: 'Stop ignoring 172.2.9.99' }).click();
    await page.getByRole('checkbox', { name: 'Launch at login' }).click();
    const profile = page.getByRole('textbox', { name: 'minikube profile' });
    await profile.fill('dev');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popover.calls('updateSettings')).toHaveLength(4);
    expect((await popover.calls('updateSettings')).map((call) => call.args)).toEqual([
      [{ probeTargets: ['example.com:443', '1.1.1.1:443', 'github.com:443'] }],
      [{ ignoredAddresses: [] }],
      [{ launchAtLogin: false }],
      [{ minikubeProfile: 'dev' }],
    ]);
    expect(await profile.inputValue()).toBe('dev');

    // Main drops the settings (an older main, or a state with only the core fields): the panel goes with them.
    await popover.push({ diagnosis: SEED, checkedAt: secondsAgo(3), checking: false });
    await expect.poll(() => page.locator('.settings').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Settings' }).count()).toBe(0);
  });

  it('looks right in dark mode', async () => {
    const popover = await show(fullState(SEED), { colorScheme: 'dark' });
    await popover.page.getByRole('button', { name: 'Settings' }).click();
    await popover.page.locator('.settings').waitFor();
    await popover.shoot('settings-dark');
  });
});
