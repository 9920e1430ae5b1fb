// `bridgelight check --format prometheus`: the verdict, each hop's light and each finding as gauges in the
// Prometheus text exposition format (version 0.0.4), for node exporter's textfile collector. Every series is
// labelled with the VM's provider and name, so several VMs are more series of the same families: the families
// are written once each, grouped, as the format requires. No timestamps: the textfile collector refuses them.
import { type Diagnosis, HOP_IDS, type Light } from '../shared/model';

/** One VM's diagnosis and what names it. */
export interface VmDiagnosis {
  provider: string;
  vm: string;
  diagnosis: Diagnosis;
}

/** A light as a number, the same numbers `check` exits with, so an alert reads like a shell script. */
export const LIGHT_VALUE: Record<Light, number> = { green: 0, yellow: 1, red: 2, unknown: 3 };

const LIGHT_LEGEND = '0 green, 1 yellow, 2 red, 3 unknown';

interface Family {
  name: string;
  help: string;
  samples: (vm: VmDiagnosis) => { labels: Record<string, string>; value: number }[];
}

const FAMILIES: Family[] = [
  {
    name: 'bridgelight_verdict',
    help: `The verdict on the path from the VM to the internet (${LIGHT_LEGEND}).`,
    samples: ({ diagnosis }) => [{ labels: {}, value: LIGHT_VALUE[diagnosis.verdict] }],
  },
  {
    name: 'bridgelight_hop_light',
    help: `Each hop's light on the path from the VM to the internet (${LIGHT_LEGEND}).`,
    // Every hop on the VM's path, always: a hop missing from the diagnosis is not known, so it is unknown, never
    // absent. A hop the path does not have (no bridge on a user-mode network) has no light to alert on: no series.
    samples: ({ diagnosis }) =>
      HOP_IDS.filter((hop) => diagnosis.hops.find((h) => h.id === hop)?.onPath !== false).map((hop) => ({
        labels: { hop },
        value: LIGHT_VALUE[diagnosis.hops.find((h) => h.id === hop)?.light ?? 'unknown'],
      })),
  },
  {
    name: 'bridgelight_finding',
    help: 'A finding present in the diagnosis, by its stable id (1 while present; absent otherwise).',
    samples: ({ diagnosis }) => {
      const seen = new Set<string>();
      return diagnosis.findings.flatMap((finding) => {
        if (seen.has(finding.id)) return [];
        seen.add(finding.id);
        return [{ labels: { id: finding.id, severity: finding.severity }, value: 1 }];
      });
    },
  },
];

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function labelSet(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',')}}`;
}

/** The exposition text for these VMs' diagnoses, ending in a newline. */
export function formatPrometheus(vms: readonly VmDiagnosis[]): string {
  const lines: string[] = [];
  for (const family of FAMILIES) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} gauge`);
    for (const vm of vms)
      for (const sample of family.samples(vm))
        lines.push(`${family.name}${labelSet({ provider: vm.provider, vm: vm.vm, ...sample.labels })} ${sample.value}`);
  }
  return `${lines.join('\n')}\n`;
}
