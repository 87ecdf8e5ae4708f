/** The rules wg-quick adds for a full tunnel, with the kernel's own, as `ip rule` prints them under a prompt. */
export const WG_QUICK_RULES: readonly string[] = [
  '$ ip rule',
  '0:\tfrom all lookup local',
  '32764:\tfrom all lookup main suppress_prefixlength 0',
  '32765:\tnot from all fwmark 0xca6c lookup 51820',
  '32766:\tfrom all lookup main',
  '32767:\tfrom all lookup default',
];
