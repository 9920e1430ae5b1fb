import type { EgressInfo } from '../../shared/model';
import { AddressRow } from './AddressRow';

export function AddressList({ egress }: { egress: EgressInfo }) {
  return (
    <section className="section" aria-labelledby="addresses-heading">
      <h2 className="section-heading" id="addresses-heading">
        Addresses on <span className="mono">{egress.interface}</span>
      </h2>
      {egress.addresses.length === 0 ? (
        <p className="muted">No IPv4 address.</p>
      ) : (
        // In the order the OS lists them: on macOS that order is what decides the NAT source.
        <ul className="addresses">
          {egress.addresses.map((address) => (
            <AddressRow key={address.address} address={address} isNatSource={address.address === egress.natSource} />
          ))}
        </ul>
      )}
    </section>
  );
}
