import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'input-unparseable',
  scope: 'host',
  // It keeps an all-clear unknown, which a mute never undoes: it colours no hop.
  colours: [],
  evaluate(facts) {
    const notes = facts.unreadableInputs;
    if (notes.length === 0) return null;
    return {
      id: 'input-unparseable',
      severity: 'warning',
      title: notes.length === 1 ? 'One input could not be read.' : `${notes.length} inputs could not be read.`,
      detail:
        'What depends on these inputs is unknown rather than judged. If a bundle was edited by hand or cut short, ' +
        'collect it again; if the output is genuine, report it with the bundle: the format may have changed.',
      evidence: notes.map((note) => `${note.source}: ${note.detail}`),
      fix: null,
    };
  },
};
