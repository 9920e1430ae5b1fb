// The watch engine's scheduling, with the OS replaced by a small world whose `ip -j` answers are real
// captures (test/fixtures/linux) edited the way the kernel would: adding or removing one en0 address.
import { readFileSync } from 'node:fs';
import type { CollectPorts } from '@src/node/collect';
import type { EventSource } from '@src/node/event-source';
import { Monitor, type MonitorUpdate } from '@src/node/monitor';
import type { CommandResult, CommandSpec } from '@src/shared/command';
import type { MonitorEvent } from '@src/shared/monitor-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandResult } from '../support/command-result';

const capture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), 'utf8'));
const PROFILE_LIST = readFileSync(
  new URL('../fixtures/real/minikube-profile-list/headlamp-plugins-json-vfkit-nat-DECOMMENTED.json', import.meta.url),
  'utf8',
);
type Link = { ifname: string; addr_info: Array<Record<string, unknown>> };

/** A host whose en0 holds the good 198.51.100.7/24 (finite lifetime) and, when `stale` is set, a stale primary before it. */
class World {
  stale = false;
  ipCalls = 0;
  sshCalls = 0;
  probeRounds = 0;

  private addrJson(): string {
    const links = capture('ns-ip-j-addr-show.json') as Link[];
    const en0 = links.find((link) => link.ifname === 'en0')!;
    const good = {
      family: 'inet',
      local: '198.51.100.7',
      prefixlen: 24,
      scope: 'global',
      dynamic: true,
      label: 'en0',
      valid_life_time: 3600,
      preferred_life_time: 3600,
    };
    const stale = {
      family: 'inet',
      local: '198.51.100.66',
      prefixlen: 24,
      scope: 'global',
      label: 'en0',
      valid_life_time: 4294967295,
      preferred_life_time: 4294967295,
    };
    const v6 = en0.addr_info.filter((entry) => entry.family === 'inet6');
    en0.addr_info = this.stale ? [stale, { ...good, secondary: true }, ...v6] : [good, ...v6];
    // The capture's namespace also held the VM's own end (vmeth0, in the bridge's subnet); a host has no such
    // interface, and one would be a second claim on the VM subnet (vm-subnet-overlap).
    return JSON.stringify(links.filter((link) => link.ifname !== 'vmeth0'));
  }

  private routeJson(): string {
    const routes = capture('ns-ip-j-route-show.json') as Array<Record<string, unknown>>;
    return JSON.stringify(routes.filter((route) => route.metric !== 200 && route.dev !== 'vmeth0'));
  }

  ports(): CollectPorts {
    const ok = (stdout: string): CommandResult => commandResult({ stdout });
    return {
      runner: {
        // Only minikube is installed: the other providers' tools are not on PATH.
        locate: (tool) => tool === 'minikube',
        run: async (spec: CommandSpec) => {
          if (spec.key === 'ip-addr.json') {
            this.ipCalls++;
            return ok(this.addrJson());
          }
          if (spec.key === 'ip-route.json') return ok(this.routeJson());
          if (spec.key === 'minikube-profile-list.json') return ok(PROFILE_LIST);
          if (spec.key === 'minikube-status.json')
            return ok(
              '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}',
            );
          if (spec.key === 'vm-probe.txt') {
            this.sshCalls++;
            return ok('@@bridgelight-vm-probe v1\n@@section ip-route\ndefault via 192.168.77.1 dev eth0\n@@end\n');
          }
          // The host context's files (resolv.conf, the internal name's lookup): not part of these scenarios.
          if (spec.key === 'host-resolv-conf.txt') return commandResult({ outcome: 'missing' });
          throw new Error(`unexpected command ${spec.key}`);
        },
      },
      prober: {
        probe: async (sources, targets) => {
          this.probeRounds++;
          return sources.flatMap((source) =>
            targets.map((target) => {
              const ok = source !== '198.51.100.66';
              return { source, target, ok, ms: ok ? 3 : null, error: ok ? null : 'timeout' };
            }),
          );
        },
      },
    };
  }
}

class FakeEvents implements EventSource {
  emit: ((event: MonitorEvent) => void) | null = null;
  die: ((why: string) => void) | null = null;
  starts = 0;
  stopped = false;
  start(onEvent: (event: MonitorEvent) => void, onEnd: (why: string) => void) {
    this.starts++;
    this.emit = onEvent;
    this.die = onEnd;
  }
  stop() {
    this.stopped = true;
  }
}

// Fake timers (and a fake Date): debounce and refine windows are exact, not bounds measured on a busy machine.
const sleep = (ms: number) => vi.advanceTimersByTimeAsync(ms);
beforeEach(() => vi.useFakeTimers());
const ids = (update: MonitorUpdate) => update.diagnosis.findings.map((finding) => finding.id).sort();
let monitor: Monitor | null = null;
afterEach(() => {
  monitor?.stop();
  vi.useRealTimers();
});

function setup(timing = { debounceMs: 10, debounceMaxMs: 100, minRefineIntervalMs: 150, slowIntervalMs: 60_000 }) {
  const world = new World();
  const events = new FakeEvents();
  monitor = new Monitor(world.ports(), events, {
    platform: 'linux',
    check: { probeTargets: ['203.0.113.10:80'] },
    timing,
  });
  const updates: MonitorUpdate[] = [];
  monitor.subscribe((update) => updates.push(update));
  return { world, events, monitor, updates };
}

describe('monitor', () => {
  it('publishes the state at start from one full check', async () => {
    const { world, monitor, updates } = setup();
    const first = await monitor.start();
    expect(first.phase).toBe('start');
    expect(first.changed).toBe(true);
    expect(first.diagnosis.verdict).toBe('green');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(world.sshCalls).toBe(1);
    expect(world.probeRounds).toBe(1);
  });

  it('publishes the egress history it keeps with every snapshot (none in a one-off check)', async () => {
    const { monitor } = setup();
    const first = await monitor.start();
    // This world's bridge is br0, not a vmnet bridgeN: no sighting, and no egress change yet.
    expect(first.snapshot.egressHistory).toEqual({ bridges: [], changes: [] });
  });

  it('shows a second address at once (structural, before probes), then refines it with probes', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    updates.length = 0;
    world.stale = true;
    const probesBefore = world.probeRounds;
    events.emit!({ kind: 'address', action: 'add', interface: 'en0', address: '198.51.100.66' });
    await sleep(60);
    const structural = updates.find((update) => update.phase === 'structural');
    expect(structural).toBeDefined();
    expect(ids(structural!)).toContain('egress-multiple-ipv4');
    expect(world.probeRounds).toBe(probesBefore); // the structural answer did not wait for probes
    await sleep(250);
    const refined = updates.at(-1)!;
    expect(refined.phase).toBe('refined');
    expect(ids(refined)).toEqual(expect.arrayContaining(['egress-multiple-ipv4', 'nat-source-stale']));
    expect(refined.diagnosis.verdict).toBe('red');
  });

  it('stays bounded under 100 flaps and ends on the true state', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    const roundsBefore = world.probeRounds;
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      world.stale = i % 2 === 0;
      events.emit!({
        kind: 'address',
        action: world.stale ? 'add' : 'delete',
        interface: 'en0',
        address: '198.51.100.66',
      });
      await sleep(5);
    }
    world.stale = false; // the flapping ends with the stale address gone
    events.emit!({ kind: 'address', action: 'delete', interface: 'en0', address: '198.51.100.66' });
    const flapMs = Date.now() - started;
    await sleep(500);
    const last = updates.at(-1)!;
    expect(last.diagnosis.verdict).toBe('green');
    expect(ids(last)).toEqual([]);
    // probes ran at most once per refine interval, however many events came
    expect(world.probeRounds - roundsBefore).toBeLessThanOrEqual(Math.ceil(flapMs / 150) + 2);
    // structural looks are coalesced too: at most one per debounce window, at least one per debounceMaxMs
    expect(world.ipCalls).toBeLessThan(100);
    const structural = updates.filter((u) => u.phase === 'structural').length;
    expect(structural).toBeLessThanOrEqual(Math.ceil(flapMs / 10) + 2);
    // ...and the storm never silenced it: debounceMaxMs forced a look at least every 100 ms
    expect(structural).toBeGreaterThanOrEqual(Math.floor(flapMs / 100) - 1);
  });

  it('ends on the true state even when the OS drops the last event of a burst', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    world.stale = true;
    events.emit!({ kind: 'address', action: 'add', interface: 'en0', address: '198.51.100.66' });
    await sleep(40);
    world.stale = false; // removed again, but no event arrives for it
    await sleep(400);
    expect(updates.some((u) => u.diagnosis.verdict !== 'green')).toBe(true);
    expect(updates.at(-1)!.diagnosis.verdict).toBe('green');
  });

  it('recheck runs a full check with exactly one minikube ssh', async () => {
    const { world, monitor } = setup();
    await monitor.start();
    const ssh = world.sshCalls;
    world.stale = true;
    const update = await monitor.recheck('user');
    expect(update.phase).toBe('recheck');
    expect(update.diagnosis.verdict).toBe('red');
    expect(world.sshCalls - ssh).toBe(1);
  });

  it('releases a caller waiting on a check when stopped', async () => {
    const { monitor } = setup();
    await monitor.start();
    const pending = monitor.recheck('user');
    monitor.stop();
    // resolves with the last published state (or rejects if there never was one); it must not hang
    await expect(
      Promise.race([
        pending.then(
          () => 'settled',
          () => 'settled',
        ),
        sleep(2_000).then(() => 'hung'),
      ]),
    ).resolves.toBe('settled');
  });

  it('restarts a dead event stream with back-off and looks again at once, not on the slow timer', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    const statuses: string[] = [];
    monitor.subscribeEventSource((status) => statuses.push(status.state));
    events.die!('ip -o monitor address route exited (SIGKILL)');
    expect(monitor.eventSource()).toMatchObject({ state: 'down', failures: 1, retryInMs: 1_000 });
    // While it is down the second address appears: no event can say so.
    world.stale = true;
    updates.length = 0;
    await sleep(999);
    expect(events.starts).toBe(1);
    expect(updates).toEqual([]);
    await sleep(1 + 20);
    expect(events.starts).toBe(2);
    // The restarted stream missed the change: the monitor looked by itself, well before the 60 s timer.
    expect(updates.find((update) => update.phase === 'structural')?.reason).toBe('event stream restarted');
    expect(ids(updates.at(-1)!)).toContain('egress-multiple-ipv4');
    // Dying again waits twice as long.
    events.die!('ip -o monitor address route exited (1)');
    expect(monitor.eventSource()).toMatchObject({ state: 'down', failures: 2, retryInMs: 2_000 });
    await sleep(2_000);
    expect(events.starts).toBe(3);
    expect(statuses).toEqual(['down', 'retrying', 'down', 'retrying']);
    // Events from the new stream count as usual, and prove it.
    events.emit!({ kind: 'address', action: 'delete', interface: 'en0', address: '198.51.100.66' });
    expect(monitor.eventSource()).toEqual({ state: 'listening' });
  });

  it('has no event-stream state without an event source', () => {
    const world = new World();
    monitor = new Monitor(world.ports(), null, { platform: 'linux', check: { probeTargets: ['203.0.113.10:80'] } });
    expect(monitor.eventSource()).toBeNull();
  });

  it('marks unchanged diagnoses as unchanged, and stops cleanly', async () => {
    const { events, monitor, updates } = setup();
    await monitor.start();
    await monitor.recheck();
    expect(updates.at(-1)!.changed).toBe(false);
    monitor.stop();
    expect(events.stopped).toBe(true);
    const count = updates.length;
    events.emit!({ kind: 'route', action: 'add', interface: 'en0' });
    await sleep(50);
    expect(updates.length).toBe(count);
  });
});

describe('monitor: reasons, windows and timers', () => {
  it('names what triggered a look, the interface only when the event has one', async () => {
    const { events, monitor, updates } = setup();
    await monitor.start();
    updates.length = 0;
    events.emit!({ kind: 'address', action: 'add', interface: 'en0', address: '198.51.100.66' });
    await sleep(10);
    expect(updates.find((update) => update.phase === 'structural')?.reason).toBe('address add en0');
    await sleep(500);
    updates.length = 0;
    events.emit!({ kind: 'route', action: 'delete', interface: null });
    await sleep(10);
    expect(updates.find((update) => update.phase === 'structural')?.reason).toBe('route delete');
  });

  it('waits debounceMs after the last event of a burst, and names the last one', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    updates.length = 0;
    const calls = world.ipCalls;
    events.emit!({ kind: 'address', action: 'add', interface: 'en0' });
    await sleep(6);
    events.emit!({ kind: 'address', action: 'delete', interface: 'en1' });
    await sleep(9);
    expect(world.ipCalls).toBe(calls);
    await sleep(1);
    expect(world.ipCalls).toBe(calls + 1);
    expect(updates.map((update) => [update.phase, update.reason])[0]).toEqual(['structural', 'address delete en1']);
  });

  it('looks at the latest debounceMaxMs after the first event of a storm', async () => {
    const { world, events, monitor } = setup();
    await monitor.start();
    const calls = world.ipCalls;
    for (let i = 0; i < 19; i++) {
      events.emit!({ kind: 'route', action: 'add', interface: 'en0' });
      await sleep(5);
    }
    // 95 ms into the storm, no look yet; the window closes at 100 ms whatever still comes.
    expect(world.ipCalls).toBe(calls);
    events.emit!({ kind: 'route', action: 'add', interface: 'en0' });
    await sleep(5);
    expect(world.ipCalls).toBe(calls + 1);
  });

  it('runs probes at most once per minRefineIntervalMs, and the waiting round after it', async () => {
    const { world, events, monitor, updates } = setup();
    await monitor.start();
    const rounds = world.probeRounds;
    events.emit!({ kind: 'address', action: 'add', interface: 'en0' });
    await sleep(100);
    // The start's round was less than 150 ms ago: the refinement waits for its window.
    expect(world.probeRounds).toBe(rounds);
    await sleep(60);
    expect(world.probeRounds).toBe(rounds + 1);
    expect(updates.at(-1)).toMatchObject({ phase: 'refined', reason: 'address add en0' });
  });

  it('re-checks everything on the slow timer, again and again, until stopped', async () => {
    const { world, monitor, updates } = setup();
    await monitor.start();
    const ssh = world.sshCalls;
    await sleep(59_999);
    expect(world.sshCalls).toBe(ssh);
    await sleep(1);
    expect(updates.at(-1)).toMatchObject({ phase: 'timer', reason: 'timer' });
    expect(world.sshCalls).toBe(ssh + 1);
    await sleep(60_000);
    expect(world.sshCalls).toBe(ssh + 2);
    monitor.stop();
    await sleep(120_000);
    expect(world.sshCalls).toBe(ssh + 2);
  });

  it('says a recheck is the user’s unless told, and keeps the latest update', async () => {
    const { monitor, updates } = setup();
    expect(monitor.latest()).toBeNull();
    await monitor.start();
    const update = await monitor.recheck();
    expect(update).toMatchObject({ phase: 'recheck', reason: 'user' });
    expect(monitor.latest()).toBe(update);
    expect(updates.at(-1)).toBe(update);
    expect((await monitor.recheck('woke up')).reason).toBe('woke up');
  });

  it('stops telling a listener that unsubscribed', async () => {
    const { world, monitor } = setup();
    const seen: MonitorUpdate[] = [];
    const unsubscribe = monitor.subscribe((update) => seen.push(update));
    await monitor.start();
    const count = seen.length;
    expect(count).toBeGreaterThan(0);
    unsubscribe();
    await monitor.recheck();
    expect(seen).toHaveLength(count);
    const statuses: string[] = [];
    monitor.subscribeEventSource((status) => statuses.push(status.state))();
    expect(world.ipCalls).toBeGreaterThan(0);
    expect(statuses).toEqual([]);
  });

  it('refuses to answer start() once stopped', async () => {
    const { monitor } = setup();
    monitor.stop();
    await expect(monitor.start()).rejects.toThrow('monitor stopped before its first check');
  });

  it('stamps each update with the given clock', async () => {
    const world = new World();
    monitor = new Monitor(world.ports(), null, {
      platform: 'linux',
      check: { probeTargets: ['203.0.113.10:80'] },
      now: () => new Date('2026-12-02T05:00:00.000Z'),
    });
    const first = await monitor.start();
    expect(first.at).toBe('2026-12-02T05:00:00.000Z');
    expect(first.snapshot.takenAt).toBe('2026-12-02T05:00:00.000Z');
  });
});
