// Redaction for support bundles: MAC addresses and host names become consistent placeholders (the same real
// value always maps to the same placeholder, across every file), IP addresses stay, since the diagnosis needs
// them. Placeholders keep each value's shape so redacted bundles still parse and replay.

// Not inside a longer colon-separated run, so IPv6 addresses are left alone.
const MAC = /(?<![:0-9a-fA-F])[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}(?![:0-9a-fA-F])/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  redact(text: string): string;
}

/** `hostNames`: the machine's own names (host name, short name, local host name) to hide wherever they appear. */
export function createRedactor(hostNames: string[]): Redactor {
  const macs = new Map<string, string>();
  const names = new Map<string, string>();
  const uniqueNames = [...new Set(hostNames.filter((name) => name.trim().length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  uniqueNames.forEach((name, index) => {
    names.set(name.toLowerCase(), `redacted-host-${index + 1}`);
  });
  // Whole names only: a machine called "vm" must not turn "vmenet0" into nonsense and break the bundle.
  const namePattern =
    uniqueNames.length > 0
      ? new RegExp(`(?<![A-Za-z0-9-])(?:${uniqueNames.map(escapeRegExp).join('|')})(?![A-Za-z0-9-])`, 'gi')
      : null;

  const macPlaceholder = (mac: string): string => {
    const key = mac.toLowerCase();
    let placeholder = macs.get(key);
    if (!placeholder) {
      const n = macs.size + 1;
      // 02:… is a locally administered unicast address: valid, and never a real vendor's.
      placeholder = `02:00:00:00:${Math.floor(n / 256) % 256}:${n % 256}`
        .split(':')
        .map((part) => part.padStart(2, '0'))
        .join(':');
      macs.set(key, placeholder);
    }
    return placeholder;
  };

  return {
    redact(text: string): string {
      let out = text.replace(MAC, (mac) =>
        mac.split(':').every((part) => /^0{1,2}$/.test(part)) ? mac : macPlaceholder(mac),
      );
      if (namePattern) out = out.replace(namePattern, (name) => names.get(name.toLowerCase()) ?? name);
      return out;
    },
  };
}
