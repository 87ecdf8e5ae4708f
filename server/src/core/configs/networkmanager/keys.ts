import { editDistance } from '../editDistance';

// Keys of the keyfile format (`man nm-settings-keyfile`, `man nm-settings-nmcli`, NetworkManager 1.42).

/** Keyfile setting names; the long D-Bus names are aliases the keyfile reader also accepts. */
const SETTING_ALIASES: Readonly<Record<string, string>> = {
  '802-3-ethernet': 'ethernet',
  '802-11-wireless': 'wifi',
  '802-11-wireless-security': 'wifi-security',
};

const IP_COMMON = 'method addresses address gateway dns dns-search dns-options dns-priority never-default ignore-auto-routes ignore-auto-dns routes route-metric route-table routing-rules may-fail required-timeout dhcp-hostname dhcp-hostname-flags dhcp-send-hostname dhcp-timeout dhcp-iaid replace-local-rule auto-route-ext-gw';

/** Keys per setting. Numbered keys (`address1`, `route1`, `route1_options`, `routing-rule1`) are matched separately. */
const KEYS: Readonly<Record<string, string>> = {
  connection: 'id uuid type interface-name autoconnect autoconnect-priority autoconnect-retries autoconnect-slaves permissions zone master slave-type secondaries timestamp read-only stable-id metered lldp mdns llmnr dns-over-tls mptcp-flags multi-connect auth-retries gateway-ping-timeout wait-device-timeout wait-activation-delay mud-url',
  ethernet: 'mac-address cloned-mac-address mtu auto-negotiate duplex speed port wake-on-lan wake-on-lan-password mac-address-blacklist generate-mac-address-mask accept-all-mac-addresses s390-nettype s390-options s390-subchannels',
  wifi: 'ssid mode band channel bssid mac-address cloned-mac-address mtu hidden powersave rate tx-power seen-bssids mac-address-blacklist mac-address-randomization generate-mac-address-mask wake-on-wlan ap-isolation',
  'wifi-security': 'key-mgmt auth-alg proto pairwise group pmf psk psk-flags wep-key0 wep-key1 wep-key2 wep-key3 wep-key-flags wep-key-type wep-tx-keyidx leap-username leap-password leap-password-flags wps-method fils',
  ipv4: `${IP_COMMON} dhcp-client-id dhcp-fqdn dhcp-reject-servers dhcp-vendor-class-identifier dad-timeout link-local`,
  ipv6: `${IP_COMMON} addr-gen-mode ip6-privacy token mtu ra-timeout dhcp-duid`,
  wireguard: 'private-key private-key-flags listen-port fwmark peer-routes mtu ip4-auto-default-route ip6-auto-default-route',
  'wireguard-peer': 'endpoint allowed-ips preshared-key preshared-key-flags persistent-keepalive',
  vpn: 'service-type user-name persistent timeout',
  proxy: 'method browser-only pac-url pac-script',
  match: 'interface-name driver path kernel-command-line',
};

/** Settings whose keys Route Lens does not check one by one: any key is accepted there. */
const OPAQUE = new Set(['vpn-secrets', '802-1x', 'ethtool', 'user', 'tun', 'vlan', 'bond', 'bridge', 'bridge-port', 'team', 'team-port', 'ppp', 'pppoe', 'gsm', 'cdma', 'serial', 'loopback', 'dummy', 'generic', 'macvlan', 'vxlan', 'ip-tunnel', 'macsec', 'infiniband', 'bond-port', 'ovs-bridge', 'ovs-port', 'ovs-interface', 'tc', 'sriov', 'hostname', 'ethernet-s390', 'dcb', 'wpan', '6lowpan', 'olpc-mesh', 'wifi-p2p', 'veth', 'vrf', 'adsl', 'bluetooth', 'link', 'hsr', 'ovs-dpdk', 'ovs-patch', 'ovs-external-ids', 'ovs-other-config', 'wimax']);

/** Keys each VPN plugin reads from [vpn]; used only to suggest a spelling, since plugins ignore what they do not know. */
export const PLUGIN_KEYS: Readonly<Record<string, string>> = {
  openvpn: 'remote connection-type ca cert key cert-pass-flags password-flags username dev dev-type proto-tcp port comp-lzo compress cipher data-ciphers auth ta ta-dir tls-crypt tls-crypt-v2 remote-cert-tls verify-x509-name tunnel-mtu mssfix reneg-seconds static-key static-key-direction local-ip remote-ip challenge-response-flags ping ping-exit ping-restart tap-dev remote-random tls-version-min tls-version-max allow-pull-fqdn mtu-disc float fragment-size connect-timeout push-peer-info http-proxy http-proxy-port socks-proxy socks-proxy-port proxy-type proxy-server proxy-port',
  l2tp: 'gateway user password-flags domain ipsec-enabled ipsec-psk-flags ipsec-gateway-id ipsec-remote-id ipsec-ike ipsec-esp ipsec-pfs ipsec-forceencaps ipsec-ikelifetime ipsec-salifetime ipsec-ipcomp machine-auth-type user-auth-type machine-ca machine-cert machine-key user-ca user-cert user-key refuse-eap refuse-pap refuse-chap refuse-mschap refuse-mschapv2 require-mppe require-mppe-40 require-mppe-128 mppe-stateful nobsdcomp nodeflate novj novjcomp nopcomp noaccomp lcp-echo-failure lcp-echo-interval mru mtu',
  strongswan: 'address certificate method user usercert userkey virtual encap ipcomp proposal ike esp password-flags remote-identity local-identity server-port',
  vpnc: 'IPSec gateway|IPSec ID|IPSec secret-flags|Xauth username|Xauth password-flags|Vendor|NAT Traversal Mode|IKE DH Group|Perfect Forward Secrecy|Local Port|DPD idle timeout (our side)|Domain|Enable Single DES|Enable no encryption|IKE Authmode|CA-File|Cisco UDP Encapsulation Port|Application Version|Interface name|Interface MTU|Device type|ipsec-secret-type|xauth-password-type',
  openconnect: 'gateway protocol cacert usercert userkey authtype xmlconfig lasthost autoconnect certsigs pem_passphrase_fsid prevent_invalid_cert stoken_source useragent reported_os csd_enable csd_wrapper proxy enable_csd_trojan mtu cookie-flags gwcert-flags gateway-flags',
  pptp: 'gateway user password-flags domain refuse-eap refuse-pap refuse-chap refuse-mschap refuse-mschapv2 require-mppe require-mppe-40 require-mppe-128 mppe-stateful nobsdcomp nodeflate no-vj-comp lcp-echo-failure lcp-echo-interval',
  fortisslvpn: 'gateway user password-flags otp-flags 2fa-flags trusted-cert ca cert key realm',
};

const BY_SETTING = new Map(Object.entries(KEYS).map(([s, list]) => [s, new Set(list.split(' '))]));
const PLUGIN_SETS = new Map(Object.entries(PLUGIN_KEYS).map(([p, list]) => [p, list.split(p === 'vpnc' ? '|' : ' ')]));

const NUMBERED = /^(?:address|addresses|route|routes|routing-rule)\d+$|^(?:route|routes)\d+_options$/;

/** The keyfile name of a setting, or undefined when NetworkManager has no such setting. */
export function settingName(written: string): string | undefined {
  const name = SETTING_ALIASES[written] ?? written;
  if (name.startsWith('wireguard-peer.')) return 'wireguard-peer';
  return BY_SETTING.has(name) || OPAQUE.has(name) ? name : undefined;
}

export const SETTING_NAMES: readonly string[] = [...BY_SETTING.keys(), ...OPAQUE].filter((s) => s !== 'wireguard-peer');

/** Whether `setting` reads `key`; VPN plugin keys in [vpn] always pass, since each plugin reads its own. */
export function knownKey(setting: string, key: string, plugin?: string): boolean {
  if (OPAQUE.has(setting)) return true;
  if ((setting === 'ipv4' || setting === 'ipv6') && NUMBERED.test(key)) return true;
  if (BY_SETTING.get(setting)?.has(key) === true) return true;
  if (setting === 'vpn') return plugin === undefined || !closeToPlugin(key, plugin) || PLUGIN_SETS.get(plugin)?.includes(key) === true;
  return false;
}

/** A VPN key that is a likely misspelling of one the plugin reads. */
function closeToPlugin(key: string, plugin: string): boolean {
  const keys = PLUGIN_SETS.get(plugin);
  return keys !== undefined && !keys.includes(key) && nearest(key, keys) !== undefined;
}

/** The known key (or setting, with `settings`) closest to what was written, or undefined when nothing is close. */
export function suggestKey(setting: string, key: string, plugin?: string): string | undefined {
  const pool = [...(BY_SETTING.get(setting) ?? [])];
  if (setting === 'vpn' && plugin) pool.push(...(PLUGIN_SETS.get(plugin) ?? []));
  if (setting === 'ipv4' || setting === 'ipv6') pool.push('address1', 'route1', 'route1_options', 'routing-rule1');
  return nearest(key, pool);
}

export function suggestSetting(written: string): string | undefined {
  return nearest(written, [...SETTING_NAMES, 'wireguard-peer.PUBLICKEY', ...Object.keys(SETTING_ALIASES)]);
}

function nearest(written: string, pool: readonly string[]): string | undefined {
  const lower = written.toLowerCase().slice(0, 64);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of pool) {
    const d = candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(lower.length / 4)) ? best : undefined;
}

/**
 * Whether a value is a secret. Every [vpn-secrets] value is; elsewhere the key decides. `*-flags` and
 * `*-type` keys only say where a secret is stored, so they are not secrets.
 */
export function isSecretKey(setting: string, key: string): boolean {
  if (setting === 'vpn-secrets') return true;
  if (/-flags$|-type$|_fsid$/i.test(key)) return false;
  if (/^wep-key\d$|^psk$|^private-key$|^preshared-key$|^wake-on-lan-password$/.test(key)) return true;
  return /pass(?:word|phrase)?|psk|secret|^pin$|stoken_string|cookie|private-key/i.test(key);
}

/** One sentence of hover text for the keys that change where traffic goes. */
export const KEY_DOCS: Readonly<Record<string, string>> = {
  'never-default': 'NetworkManager never gives this connection the default route; only its own routes (addresses, `routeN`, routes the server or DHCP pushes) go through it.',
  'route-table': 'Puts every route of this connection (prefix, default, DHCP and static routes) in this table instead of main. The kernel looks there only when a routing rule sends lookups to it.',
  'ignore-auto-routes': 'With `true`, routes from DHCP (including classless static routes, option 121), router advertisements or the VPN server are dropped; only `routeN` keys apply.',
  'ignore-auto-dns': 'With `true`, DNS servers from DHCP, RA or the VPN server are dropped; only `dns` applies.',
  'dns-priority': 'Orders DNS servers across active connections: lower is preferred; negative values exclude every connection with a higher value. 0 means the default: 50 for VPNs (WireGuard included), 100 for others.',
  'route-metric': 'The metric for this connection\'s routes that give none; -1 (default) picks by type: 50 for VPNs, 100 ethernet, 600 wifi.',
  'peer-routes': 'With `true` (default), NetworkManager adds a route for every peer\'s allowed-ips; with `false` they are accepted by WireGuard but nothing routes to them.',
  'service-type': 'The VPN plugin that runs this connection.',
  method: 'How addresses are configured: auto (DHCP/SLAAC), manual, link-local, shared, disabled, or ignore (IPv6 only: leave it alone).',
  'allowed-ips': 'Prefixes this peer receives (cryptokey routing) and may send from; with peer-routes they also become routes.',
  fwmark: 'The mark on WireGuard\'s own UDP packets; with a default route in allowed-ips it also names the table of that route.',
};
