/** The rules wg-quick adds for a full tunnel, with the kernel's own, as `ip rule` prints them under a prompt. */
export const WG_QUICK_RULES: readonly string[] = [
  '$ ip rule',
  '0:\tfrom all lookup local',
  '32764:\tfrom all lookup main suppress_prefixlength 0',
  '32765:\tnot from all fwmark 0xca6c lookup 51820',
  '32766:\tfrom all lookup main',
  '32767:\tfrom all lookup default',
];

/** A small table under those rules: the tunnel's default in table 51820, the LAN's default and subnet in main. */
export const WG_QUICK_TABLE: readonly string[] = [
  '$ ip route show table all',
  'default dev wg0 table 51820 scope link',
  'default via 192.168.1.1 dev eth0 proto dhcp metric 100',
  '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.20',
];
