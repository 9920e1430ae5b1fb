// One change the OS reported on its address/route event stream (`ip -o monitor address route` on Linux,
// `route -n monitor` on macOS). watch only needs to know that something relevant changed, and where.
export interface MonitorEvent {
  kind: 'address' | 'route' | 'link' | 'other';
  action: 'add' | 'delete' | 'change' | 'unknown';
  interface: string | null;
  /** The IPv4 address for address events, when the stream names one. */
  address?: string;
}
