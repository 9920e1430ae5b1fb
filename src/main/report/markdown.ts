// "Copy diagnostics": the diagnosis as Markdown that reads well pasted into a GitHub issue. Pure, so what gets
// pasted can be tested from the seed case.
import type { Diagnosis, Finding, Light } from '../../shared/model';
import { HOP_LABEL, LIGHT_GLYPH, NOT_ON_PATH, VERDICT_WORD } from '../../shared/presentation';

const LIGHT_MARK = Object.fromEntries(
  Object.entries(LIGHT_GLYPH).map(([light, glyph]) => [light, `${glyph} ${light}`]),
) as Record<Light, string>;

/** Table cells are one line, and a `|` inside would start a new cell. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|') || ' ';
}

function code(text: string): string {
  const ticks = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  return ticks > 1 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function codeBlock(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function findingSection(finding: Finding): string[] {
  // A report is for whoever helps: it keeps the path's own verdict, and says which findings the user muted.
  const muted = finding.muted ? ' (muted by the user)' : '';
  const lines = [
    `### ${finding.severity}${muted}: ${finding.title} (${code(finding.id)})`,
    '',
    finding.detail.trim(),
    '',
  ];
  if (finding.evidence.length > 0) {
    lines.push('Evidence:', '', ...finding.evidence.map((item) => `- ${item.replace(/\s+/g, ' ').trim()}`), '');
  }
  if (finding.fix) {
    lines.push(`Fix (removes ${finding.fix.address} from ${finding.fix.interface}):`, '');
    lines.push(codeBlock(finding.fix.command, 'sh'), '');
  }
  return lines;
}

export interface ReportContext {
  checkedAt: string | null;
  /** `Bridgelight 0.1.0 on macOS 14.5`, for whoever reads the issue. */
  generator?: string;
}

export function diagnosisMarkdown(diagnosis: Diagnosis, context: ReportContext): string {
  const lines: string[] = [
    `## Bridgelight: ${VERDICT_WORD[diagnosis.verdict].toUpperCase()} (${LIGHT_MARK[diagnosis.verdict]})`,
    '',
  ];
  const meta = [
    context.checkedAt ? `Checked at ${context.checkedAt}` : 'Not checked yet',
    ...(context.generator ? [context.generator] : []),
  ];
  lines.push(`${meta.join(' · ')}.`, '');

  lines.push('### Path: VM → bridge → NAT → egress → gateway → internet', '');
  lines.push(
    ...table(
      ['Hop', 'Light', 'Summary'],
      diagnosis.hops.map((hop) => [HOP_LABEL[hop.id], hop.onPath ? LIGHT_MARK[hop.light] : NOT_ON_PATH, hop.summary]),
    ),
    '',
  );

  const facts: string[] = [];
  if (diagnosis.vm)
    facts.push(
      `- VM: ${diagnosis.vm.provider} profile ${code(diagnosis.vm.profile)}, state ${diagnosis.vm.state ?? 'unknown'}, gateway ${diagnosis.vm.gateway ?? 'unknown'}`,
    );
  if (diagnosis.bridge)
    facts.push(
      `- Bridge: ${diagnosis.bridge.interface} ${diagnosis.bridge.address}, members ${diagnosis.bridge.members.join(', ') || 'none'}`,
    );
  if (diagnosis.egress)
    facts.push(
      `- Egress: ${diagnosis.egress.interface}, gateway ${diagnosis.egress.gateway ?? 'unknown'}, NAT source ${diagnosis.egress.natSource ?? 'unknown'}`,
    );
  if (facts.length > 0) lines.push(...facts, '');

  if (diagnosis.egress && diagnosis.egress.addresses.length > 0) {
    lines.push(`### Addresses on ${diagnosis.egress.interface} (in the order the OS lists them)`, '');
    lines.push(
      ...table(
        ['Address', 'Role', 'Evidence'],
        diagnosis.egress.addresses.map((entry) => [
          `${entry.address}/${entry.prefixLength}${entry.address === diagnosis.egress?.natSource ? ' (NAT source)' : ''}`,
          entry.role,
          entry.evidence.join('; '),
        ]),
      ),
      '',
    );
  }

  lines.push('### Findings', '');
  if (diagnosis.findings.length === 0) lines.push('None.', '');
  for (const finding of diagnosis.findings) lines.push(...findingSection(finding));
  return `${lines.join('\n').trimEnd()}\n`;
}
