// The native confirmation before anything runs as root: what will be removed, why Bridgelight thinks it is
// stale (the finding's own evidence), the exact command, and how to undo it. Cancel is the default button, so
// a stray Return never changes the network.
import type { MessageBoxOptions } from 'electron';
import type { FixPlan } from '../../node/fix';

export const CONFIRM_BUTTON = 0;

export function removeConfirmation(plan: FixPlan): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Bridgelight',
    message: `Remove ${plan.address} from ${plan.interface}?`,
    detail: [
      plan.finding.title,
      '',
      'Why it is judged stale:',
      ...plan.finding.evidence.map((item) => `• ${item}`),
      '',
      'Bridgelight will run, with administrator privileges:',
      `    ${plan.command}`,
      '',
      'To put it back later:',
      `    ${plan.undoCommand}`,
    ].join('\n'),
    buttons: ['Remove Address', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export function undoConfirmation(plan: FixPlan): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Bridgelight',
    message: `Put ${plan.address} back on ${plan.interface}?`,
    detail: [
      'It is added at the end of the list, so NAT keeps using the current address.',
      '',
      'Bridgelight will run, with administrator privileges:',
      `    ${plan.undoCommand}`,
    ].join('\n'),
    buttons: ['Put It Back', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
