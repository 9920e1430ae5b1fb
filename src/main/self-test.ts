// `Bridgelight --self-test`: what only a real Mac can show, in one run a person or CI can read. It starts
// headless (no tray, no visible window), loads the popover page as the app does, runs one live check, reads the
// login item and reports Local Network and notification permission, then prints one JSON report and exits 0
// when everything the app needs to work did, 1 otherwise. Electron stays behind the ports: index.ts supplies
// the real ones, the tests fakes.
import { DENIED_CODES } from '../shared/diagnosis/rules/local-network-denied';
import type { Diagnosis, Snapshot, VmObservation } from '../shared/model';

export const SELF_TEST_FLAG = '--self-test';

/** What the popover page said about itself once loaded. */
export interface PageProbe {
  /** `window.bridgelight` is there with its methods: the preload ran in the page's world. */
  api: boolean;
  /** The page's script ran: React replaced the empty #root (or showed its fatal message). */
  rendered: boolean;
  /** The text of the fatal message, when the page showed one instead of the popover. */
  fatal: string | null;
}

export type NotificationAnswer = 'shown' | 'failed' | 'unsupported' | 'no-answer';

export interface SelfTestPorts {
  version: string;
  platform: string;
  /** Loads the popover page in a hidden window and reports what the page says about itself. */
  loadPopover(): Promise<PageProbe>;
  /** One live check as the app runs it. */
  check(): Promise<{ snapshot: Snapshot; diagnosis: Diagnosis }>;
  /** The login item's status as macOS reports it (`not-supported` elsewhere). */
  loginItemStatus(): string;
  /** Posts one notification and says what macOS did with it (an unsigned build gets `failed`). */
  notify(): Promise<{ answer: NotificationAnswer; error: string | null }>;
  /** Per step; the whole run is bounded by the sum of its steps. */
  timeoutMs: number;
}

export interface SelfTestStep {
  name: 'popover' | 'preload' | 'page-script' | 'check' | 'login-item' | 'notifications' | 'local-network';
  ok: boolean;
  detail: string;
}

export interface SelfTestReport {
  selfTest: 'bridgelight';
  version: string;
  platform: string;
  ok: boolean;
  steps: SelfTestStep[];
  /** `allowed`, `denied`, or why it could not be told. */
  localNetwork: string;
  notifications: NotificationAnswer;
  verdict: Diagnosis['verdict'] | null;
}

class StepTimeout extends Error {}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Local Network privacy as the check's own connects to VMs met it. */
export function localNetworkFrom(snapshot: Snapshot): string {
  const vms: VmObservation[] = snapshot.vms ?? (snapshot.vm ? [snapshot.vm] : []);
  const reaches = vms.flatMap((vm) => (vm.reach ? [vm.reach] : []));
  if (reaches.length === 0) return 'not tested: no VM on a vmnet network with a known address';
  const denied = reaches.find((reach) => reach.error !== null && DENIED_CODES.has(reach.error));
  if (denied) return `denied (${denied.target}: ${denied.error})`;
  // A VM that refuses or resets still answered: the connection left this Mac, so privacy allowed it.
  const answered = reaches.find((reach) => reach.ok || reach.error === 'ECONNREFUSED' || reach.error === 'ECONNRESET');
  if (answered) return 'allowed';
  return `unknown (${reaches.map((reach) => `${reach.target}: ${reach.error}`).join(', ')})`;
}

async function pageSteps(ports: SelfTestPorts): Promise<SelfTestStep[]> {
  try {
    const page = await within(ports.loadPopover(), ports.timeoutMs, 'loading the popover');
    return [
      { name: 'popover', ok: true, detail: 'app://bridgelight/index.html loaded' },
      {
        name: 'preload',
        ok: page.api,
        detail: page.api ? 'window.bridgelight is there' : 'window.bridgelight is missing: the preload did not run',
      },
      {
        name: 'page-script',
        ok: page.rendered && page.fatal === null,
        detail: page.fatal ?? (page.rendered ? 'the popover rendered' : 'the page script did not run (#root is empty)'),
      },
    ];
  } catch (error) {
    return [{ name: 'popover', ok: false, detail: messageOf(error) }];
  }
}

export async function runSelfTest(ports: SelfTestPorts): Promise<SelfTestReport> {
  const steps = await pageSteps(ports);

  let verdict: Diagnosis['verdict'] | null = null;
  let localNetwork = 'not tested: the check did not finish';
  try {
    const { snapshot, diagnosis } = await within(ports.check(), ports.timeoutMs, 'the check');
    verdict = diagnosis.verdict;
    localNetwork = localNetworkFrom(snapshot);
    // Any verdict is a finished check: red on a broken network is the app working.
    steps.push({
      name: 'check',
      ok: true,
      detail: `verdict ${diagnosis.verdict}, ${diagnosis.findings.length} finding(s)`,
    });
  } catch (error) {
    steps.push({ name: 'check', ok: false, detail: messageOf(error) });
  }
  steps.push({ name: 'local-network', ok: !localNetwork.startsWith('denied'), detail: localNetwork });

  try {
    const status = ports.loginItemStatus();
    steps.push({ name: 'login-item', ok: true, detail: status });
  } catch (error) {
    steps.push({ name: 'login-item', ok: false, detail: messageOf(error) });
  }

  let notifications: NotificationAnswer = 'no-answer';
  let notificationDetail = 'no-answer: macOS said nothing in time';
  try {
    const answer = await within(ports.notify(), ports.timeoutMs, 'the notification');
    notifications = answer.answer;
    notificationDetail = answer.error === null ? answer.answer : `${answer.answer}: ${answer.error}`;
  } catch {
    notifications = 'no-answer';
  }
  // Reported, not required: an unsigned build never gets notifications, and the app says so in its menu.
  steps.push({ name: 'notifications', ok: true, detail: notificationDetail });

  return {
    selfTest: 'bridgelight',
    version: ports.version,
    platform: ports.platform,
    ok: steps.every((step) => step.ok),
    steps,
    localNetwork,
    notifications,
    verdict,
  };
}
