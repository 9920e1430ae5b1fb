// The human form of a Diagnosis: the path drawn hop by hop, the egress addresses and their roles, then the
// findings with their evidence and the exact fix command.
import { findingDocUrl } from '../shared/finding-docs';
import { isFindingId } from '../shared/finding-ids';
import type { Diagnosis, Finding, Hop, Light, VmDiagnosis } from '../shared/model';
import { causeOf, HOP_LABEL, NOT_ON_PATH, rootCauseFirst, unknownLine } from '../shared/presentation';
import { DEFAULT_PROVIDER, wordingFor } from '../shared/providers';
import { GLYPH, SEVERITY_LIGHT, type Style, VERDICT_WORD } from './style';

function renderHops(hops: readonly Hop[], style: Style): string[] {
  return hops
    .flatMap((hop, index) => {
      const connector = index === hops.length - 1 ? ' ' : '│';
      const label = HOP_LABEL[hop.id].padEnd(9);
      const line = hop.onPath
        ? `  ${style.light(hop.light, GLYPH[hop.light])}  ${style.bold(label)} ${hop.summary}`
        : `  ${style.dim('–')}  ${style.dim(label)} ${style.dim(`${NOT_ON_PATH}${hop.summary ? ` (${hop.summary})` : ''}`)}`;
      return [line, `  ${style.dim(connector)}`];
    })
    .slice(0, -1);
}

function renderAddresses(diagnosis: Diagnosis, style: Style): string[] {
  const egress = diagnosis.egress;
  if (!egress || egress.addresses.length === 0) return [];
  const lines = [`${style.bold(`${egress.interface} addresses`)} ${style.dim('(in the order the OS lists them)')}`];
  egress.addresses.forEach((entry, index) => {
    const cidr = `${entry.address}/${entry.prefixLength}`.padEnd(20);
    const nat = entry.address === egress.natSource ? '  ← NAT source' : '';
    const light = entry.role === 'stale' ? 'red' : entry.role === 'unknown' ? 'unknown' : 'green';
    lines.push(`  ${index + 1}. ${cidr} ${style.light(light, nat ? entry.role.padEnd(10) : entry.role)}${nat}`);
  });
  return lines;
}

function renderFinding(finding: Finding, cause: Finding | undefined, style: Style, namesVm: boolean): string[] {
  const light = SEVERITY_LIGHT[finding.severity];
  const label = cause
    ? style.dim(`↳ CONSEQUENCE of [${cause.id}]`)
    : style.light(light, `${GLYPH[light]} ${finding.severity.toUpperCase()}`);
  const whose = namesVm && finding.vm ? `${style.bold(finding.vm)}: ` : '';
  const lines = [
    `${label}  ${whose}${style.bold(finding.title)} ${style.dim(`[${finding.id}]`)}`,
    ...wrap(finding.detail, 96).map((line) => `    ${line}`),
  ];
  if (finding.evidence.length > 0) {
    lines.push(`    ${style.dim('evidence:')}`);
    for (const item of finding.evidence) lines.push(`      • ${item}`);
  }
  if (finding.fix) {
    lines.push(`    ${style.bold('fix:')} ${finding.fix.command}`);
    lines.push(`    ${style.dim(`or:  bridgelight fix ${finding.id}`)}`);
  }
  if (isFindingId(finding.id)) lines.push(`    ${style.dim(`more: ${findingDocUrl(finding.id)}`)}`);
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function verdictMark(verdict: Light, style: Style): string {
  return style.light(verdict, `${GLYPH[verdict]} ${VERDICT_WORD[verdict]}`);
}

function unknownLines(hops: readonly Hop[], style: Style): string[] {
  const unknown = unknownLine(hops);
  return unknown ? [style.light('unknown', `${GLYPH.unknown} not known: ${unknown}`)] : [];
}

/** One VM's path under its own heading: its ref, path model and bridge, its light, then its hops. */
function renderVmPath(vm: VmDiagnosis, style: Style): string[] {
  const via = vm.bridge ? `, ${vm.bridge}` : '';
  const heading = `${style.bold(vm.ref)} ${style.dim(`(${vm.network}${via})`)}   ${verdictMark(vm.verdict, style)}`;
  return ['', heading, ...unknownLines(vm.hops, style), ...renderHops(vm.hops, style)];
}

/** What the check looked at: one VM by its runtime (as it always read), or how many. */
function subject(diagnosis: Diagnosis): string {
  const count = diagnosis.vms?.length ?? 0;
  if (count > 1) return `${count} VMs → internet`;
  return `${wordingFor(diagnosis.vm?.provider ?? DEFAULT_PROVIDER).toolName} VM → internet`;
}

export function renderText(diagnosis: Diagnosis, style: Style): string {
  const verdict = diagnosis.verdict;
  const header = `${style.bold('bridgelight')} ${style.dim(`· ${subject(diagnosis)}`)}   ${verdictMark(verdict, style)}`;
  const several = (diagnosis.vms?.length ?? 0) > 1;
  // Several VMs: a path each; the host's part (its addresses, its findings) follows once.
  const sections: string[][] = several
    ? [[header], ...(diagnosis.vms ?? []).map((vm) => renderVmPath(vm, style))]
    : [[header, ...unknownLines(diagnosis.hops, style), ''], renderHops(diagnosis.hops, style)];
  const addresses = renderAddresses(diagnosis, style);
  if (addresses.length > 0) sections.push(['', ...addresses]);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = rootCauseFirst([...diagnosis.findings].sort((a, b) => order[a.severity] - order[b.severity]));
  for (const finding of findings)
    sections.push(['', ...renderFinding(finding, causeOf(findings, finding), style, several)]);
  if (findings.length === 0) sections.push(['', style.dim('No findings.')]);
  return `${sections.flat().join('\n')}\n`;
}
