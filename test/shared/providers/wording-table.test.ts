import { beforeEach, describe, expect, it, vi } from 'vitest';

// Every provider's wording as the user reads it: the tool, its word for a VM, the listing it runs, its state
// words, the commands suggested for each action, the restart argv and which names may reach a command.
// The tables are built when the modules load; each test imports them afresh so that a mutation run (Stryker)
// sees these tests build them, instead of leaving them out as static or charging them to a test that never
// reads them.
const fresh = async () => {
  const { WORDINGS } = await import('@src/shared/providers');
  const { vmSideFixes } = await import('@src/shared/providers/vm-side-fixes');
  return { WORDINGS, vmSideFixes };
};

beforeEach(() => {
  vi.resetModules();
});

const ACTIONS = ['start', 'stop', 'status', 'ssh', 'unpause'] as const;
const UUID = '738EECC5-6357-43D9-BE03-298E0B3DE206';

describe('what each provider is called and how it is listed', () => {
  it('names the tool, the runtime, one VM and the listing argv of each provider', async () => {
    const { WORDINGS } = await fresh();
    const table = Object.values(WORDINGS).map(({ id, tool, toolName, vmNoun, listArgs }) => ({
      id,
      tool,
      toolName,
      vmNoun,
      listArgs,
    }));
    expect(table).toEqual([
      {
        id: 'minikube',
        tool: 'minikube',
        toolName: 'minikube',
        vmNoun: 'profile',
        listArgs: ['profile', 'list', '-o', 'json'],
      },
      { id: 'lima', tool: 'limactl', toolName: 'Lima', vmNoun: 'instance', listArgs: ['list', '--json'] },
      { id: 'colima', tool: 'colima', toolName: 'Colima', vmNoun: 'profile', listArgs: ['list', '--json'] },
      {
        id: 'multipass',
        tool: 'multipass',
        toolName: 'multipass',
        vmNoun: 'instance',
        listArgs: ['list', '--format', 'json'],
      },
      {
        id: 'container',
        tool: 'container',
        toolName: 'apple/container',
        vmNoun: 'container',
        listArgs: ['ls', '--all', '--format', 'json'],
      },
      { id: 'tart', tool: 'tart', toolName: 'Tart', vmNoun: 'VM', listArgs: ['list', '--format', 'json'] },
      { id: 'utm', tool: 'utmctl', toolName: 'UTM', vmNoun: 'VM', listArgs: ['list'] },
      {
        id: 'podman',
        tool: 'podman',
        toolName: 'Podman machine',
        vmNoun: 'machine',
        listArgs: ['machine', 'ls', '--format', 'json'],
      },
    ]);
  });

  it("reads each tool's own state words, case as the tool prints it", async () => {
    const { WORDINGS } = await fresh();
    const { runStateOf } = await import('@src/shared/providers/wording');
    const read: [keyof typeof WORDINGS, string, string][] = [
      ['minikube', 'OK', 'running'],
      ['minikube', 'Running', 'running'],
      ['minikube', 'Degraded', 'running'],
      ['minikube', 'HAppy', 'running'],
      ['minikube', 'Warning', 'running'],
      ['minikube', 'Stopped', 'stopped'],
      ['minikube', 'Paused', 'stopped'],
      ['minikube', 'Nonexistent', 'stopped'],
      ['minikube', 'running', 'unknown'],
      ['lima', 'Running', 'running'],
      ['lima', 'Stopped', 'stopped'],
      ['colima', 'Running', 'running'],
      ['colima', 'Stopped', 'stopped'],
      ['multipass', 'Running', 'running'],
      ['multipass', 'Delayed Shutdown', 'running'],
      ['multipass', 'Stopped', 'stopped'],
      ['multipass', 'Suspended', 'stopped'],
      ['multipass', 'Deleted', 'stopped'],
      ['container', 'running', 'running'],
      ['container', 'stopped', 'stopped'],
      ['container', 'Running', 'unknown'],
      ['tart', 'running', 'running'],
      ['tart', 'stopped', 'stopped'],
      ['tart', 'suspended', 'stopped'],
      ['utm', 'started', 'running'],
      ['utm', 'stopped', 'stopped'],
      ['utm', 'paused', 'stopped'],
      ['podman', 'Running', 'running'],
      ['podman', 'Starting', 'unknown'],
      ['podman', 'Stopped', 'stopped'],
    ];
    for (const [id, word, state] of read) expect(runStateOf(WORDINGS[id], word), `${id} ${word}`).toBe(state);
  });
});

describe('the commands suggested to a person', () => {
  it('spells every action in the tool’s own verbs, for a VM with a good name', async () => {
    const { WORDINGS } = await fresh();
    const names = {
      minikube: 'dev',
      lima: 'default',
      colima: 'default',
      multipass: 'primary',
      container: 'web',
      tart: 'sequoia',
      utm: UUID,
      podman: 'podman-machine-default',
    } as const;
    const said = Object.fromEntries(
      Object.values(WORDINGS).map((w) => [w.id, ACTIONS.map((action) => w.command(names[w.id], action))]),
    );
    expect(said).toEqual({
      minikube: [
        'minikube start -p dev',
        'minikube stop -p dev',
        'minikube status -p dev',
        'minikube ssh -p dev',
        'minikube unpause -p dev',
      ],
      lima: [
        'limactl start default',
        'limactl stop default',
        'limactl list default',
        'limactl shell default',
        'limactl unpause default',
      ],
      colima: [
        'colima start default',
        'colima stop default',
        'colima status default',
        'colima ssh -p default',
        'colima unpause default',
      ],
      multipass: [
        'multipass start primary',
        'multipass stop primary',
        'multipass info primary',
        'multipass shell primary',
        'multipass unpause primary',
      ],
      container: [
        'container start web',
        'container stop web',
        'container inspect web',
        'container exec -it web',
        'container unpause web',
      ],
      tart: ['tart run sequoia', 'tart stop sequoia', 'tart get sequoia', 'tart ssh sequoia', 'tart unpause sequoia'],
      utm: [
        `utmctl start ${UUID}`,
        `utmctl stop ${UUID}`,
        `utmctl status ${UUID}`,
        `utmctl ssh ${UUID}`,
        `utmctl unpause ${UUID}`,
      ],
      podman: [
        'podman machine start podman-machine-default',
        'podman machine stop podman-machine-default',
        'podman machine inspect podman-machine-default',
        'podman machine ssh podman-machine-default',
        'podman machine start podman-machine-default',
      ],
    });
  });

  it('shows minikube’s default profile without -p, and <name> with -p for a name that fails the rule', async () => {
    const { WORDINGS } = await fresh();
    expect(WORDINGS.minikube.command('minikube', 'start')).toBe('minikube start');
    expect(WORDINGS.minikube.command('-rf', 'stop')).toBe('minikube stop -p <name>');
    expect(WORDINGS.lima.command('a b', 'ssh')).toBe('limactl shell <name>');
  });

  it('restarts a well-named VM with each tool’s argv, UTM by its UUID', async () => {
    const { WORDINGS } = await fresh();
    const restart = (id: keyof typeof WORDINGS, name: string, uuid?: string) =>
      WORDINGS[id].restartCommands(uuid === undefined ? { name } : { name, id: uuid });
    expect(restart('minikube', 'minikube')).toEqual([
      ['minikube', 'stop'],
      ['minikube', 'start'],
    ]);
    expect(restart('minikube', 'dev')).toEqual([
      ['minikube', 'stop', '-p', 'dev'],
      ['minikube', 'start', '-p', 'dev'],
    ]);
    expect(restart('lima', 'default')).toEqual([['limactl', 'restart', 'default']]);
    expect(restart('colima', 'default')).toEqual([['colima', 'restart', 'default']]);
    expect(restart('multipass', 'primary')).toEqual([['multipass', 'restart', 'primary']]);
    expect(restart('container', 'web')).toEqual([
      ['container', 'stop', 'web'],
      ['container', 'start', 'web'],
    ]);
    expect(restart('tart', 'sequoia')).toEqual([
      ['tart', 'stop', 'sequoia'],
      ['tart', 'run', 'sequoia'],
    ]);
    expect(restart('utm', 'My VM', UUID)).toEqual([
      ['utmctl', 'stop', UUID],
      ['utmctl', 'start', UUID],
    ]);
    expect(restart('utm', 'My VM')).toBeNull();
    expect(restart('podman', 'pm')).toEqual([
      ['podman', 'machine', 'stop', 'pm'],
      ['podman', 'machine', 'start', 'pm'],
    ]);
  });
});

describe('which names a command may carry', () => {
  const x = (n: number) => 'x'.repeat(n);
  // For each provider: names its rule for commands accepts, and names it refuses.
  const RULES = {
    minikube: { ok: ['a', 'dev', 'A1._-b', x(100)], bad: ['', '-a', '.a', 'a b', 'a;b', x(101)] },
    lima: { ok: ['a', 'default', 'a.bc', 'a_b-c.d', x(76)], bad: ['', '-a', 'a b', 'a..b', 'a.', '.a', x(77)] },
    colima: { ok: ['a', 'k8s-dev', x(76)], bad: ['', 'a b', 'a.', x(77)] },
    multipass: { ok: ['a', 'a-1', 'Primary', x(63)], bad: ['', '1a', 'a-', 'a b', 'a_b', x(64)] },
    container: { ok: ['ab', 'a_.-', 'my-web-server', x(63)], bad: ['', 'a', '_a', 'a b', x(64)] },
    tart: { ok: ['a', 'a._-b', x(64)], bad: ['', '-a', 'a b', 'ghcr.io/x:latest', x(65)] },
    podman: { ok: ['a', 'a_.-', x(64)], bad: ['', '_a', 'a b', x(65)] },
    utm: { ok: [UUID, UUID.toLowerCase()], bad: ['', 'My VM', `${UUID}0`, `0${UUID}`, UUID.slice(0, 35)] },
  } as const;

  it('puts a name into a command only when the tool’s rule accepts it', async () => {
    const { WORDINGS } = await fresh();
    for (const [id, { ok, bad }] of Object.entries(RULES)) {
      const wording = WORDINGS[id as keyof typeof WORDINGS];
      for (const name of ok) expect(wording.command(name, 'stop'), `${id} ${name}`).toMatch(new RegExp(` ${name}$`));
      for (const name of bad) expect(wording.command(name, 'stop'), `${id} ${name}`).toMatch(/ <name>$/);
    }
  });

  it('accepts as listed names exactly what each rule says (Tart and UTM list names commands never take)', async () => {
    const { WORDINGS } = await fresh();
    const listed = (id: keyof typeof WORDINGS, name: string) => WORDINGS[id].nameRule.test(name);
    for (const id of ['minikube', 'lima', 'colima', 'multipass', 'container', 'podman'] as const) {
      for (const name of RULES[id].ok) expect(listed(id, name), `${id} ${name}`).toBe(true);
      for (const name of RULES[id].bad) expect(listed(id, name), `${id} ${name}`).toBe(false);
    }
    expect(listed('tart', 'ghcr.io/cirruslabs/macos-sequoia-base:latest')).toBe(true);
    expect(listed('utm', 'Hermes Sandbox')).toBe(true);
  });
});

describe('the VM-side manual fixes', () => {
  const URL = 'http://192.0.2.8:3128';
  // The generic instructions (with the provider's shell command), and minikube's own: hand both to minikube start.
  const FIXES = [
    {
      id: 'lima',
      name: 'default',
      ca:
        "Export the proxy's root CA as PEM and install it in the VM's trust store (`limactl shell default -- 'sudo cp " +
        "CA.pem /usr/local/share/ca-certificates/proxy-ca.crt && sudo update-ca-certificates'`; for a VM that is " +
        're-created, put that in its provisioning), then restart the container runtime.',
      proxy: `Give the VM's container runtime HTTPS_PROXY=${URL} and HTTP_PROXY=${URL} (its environment or provisioning) and restart it.`,
    },
    {
      id: 'minikube',
      name: 'dev',
      ca:
        "Export the proxy's root CA as PEM (Keychain Access → the CA → Export, or from IT), copy it into " +
        '`~/.minikube/certs/` and run `minikube start -p dev --embed-certs`: minikube installs every certificate there ' +
        "into the VM's trust store.",
      proxy:
        `Start the VM with the proxy: \`export HTTPS_PROXY=${URL} HTTP_PROXY=${URL} ` +
        'NO_PROXY=localhost,127.0.0.1,192.168.0.0/16,10.96.0.0/12` then `minikube start -p dev` (minikube hands these ' +
        "to the VM's container runtime; `--docker-env HTTPS_PROXY=…` does the same).",
    },
  ] as const;

  it('says how to give the VM the CA and the proxy, in the provider’s own commands', async () => {
    const { WORDINGS, vmSideFixes } = await fresh();
    for (const { id, name, ca, proxy } of FIXES) {
      const wording = WORDINGS[id];
      expect(vmSideFixes(wording).addCa(wording, name), id).toBe(ca);
      expect(vmSideFixes(wording).addProxy(wording, name, URL), id).toBe(proxy);
    }
  });
});
