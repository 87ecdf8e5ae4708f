import { parserById } from './registry';

/** Ids no dump parser owns: the VPN config families and the binary-file guard. */
const OTHER_LABELS: ReadonlyMap<string, string> = new Map([
  ['binary', 'Binary file'],
  ['wireguard', 'WireGuard config'],
  ['openvpn', 'OpenVPN config'],
  ['openvpn-log', 'OpenVPN log'],
  ['ipsec.conf', 'strongSwan ipsec.conf'],
  ['swanctl', 'strongSwan swanctl.conf'],
  ['xl2tpd', 'xl2tpd config'],
  ['ppp-options', 'pppd options'],
  ['networkmanager', 'NetworkManager connection'],
]);

/** The human name of a format id, for the status bar; each parser names its own format, and unknown ids stand for themselves. */
export function formatLabel(format: string): string {
  return parserById(format)?.label ?? OTHER_LABELS.get(format) ?? format;
}
