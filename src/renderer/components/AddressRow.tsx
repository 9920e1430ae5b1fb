import type { EgressAddress } from '../../shared/model';
import { ROLE_WORD } from '../format';
import { Disclosure } from './Disclosure';

interface Props {
  address: EgressAddress;
  isNatSource: boolean;
}

export function AddressRow({ address, isNatSource }: Props) {
  return (
    <li className="address" data-address={address.address} data-role={address.role}>
      <div className="address-line">
        <span className="mono address-value">
          {address.address}/{address.prefixLength}
        </span>
        <span className="badges">
          {isNatSource && <span className="badge badge-nat">NAT source</span>}
          <span className={`badge badge-${address.role}`}>{ROLE_WORD[address.role]}</span>
        </span>
      </div>
      <Disclosure storeKey={`address:${address.address}`} label="Why" items={address.evidence} />
    </li>
  );
}
