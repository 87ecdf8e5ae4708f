// `route-lens simulate`: the predicted table as text and JSON, the dump it finds, and exit codes.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertOneLineError, json, root, runCli, scratch } from './helpers';

interface SimulatedJson {
  config: string;
  format: string;
  dump: string | null;
  text: string;
  lines: { line: number; text: string; origin: 'dump' | 'vpn' | 'other'; dumpLine: number | null; configLine: number | null }[];
  removed: { text: string; dumpLine: number | null; why: string }[];
  notes: string[];
}

const fixture = (path: string): string => join(root, 'test/fixtures', path);

describe('route-lens simulate', () => {
  test('prints the predicted table, which check then reads as a dump without errors', () => {
    const result = runCli(['simulate', fixture('openvpn/client-full-tunnel.ovpn'), '--with', fixture('openvpn/home-laptop.routes')]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^0\.0\.0\.0\/1 dev tun0 proto static {2}# \+ client-full-tunnel\.ovpn line 16: `redirect-gateway def1`/m);
    assert.match(result.stdout, /^default via 192\.168\.1\.1 dev wlan0 proto dhcp src 192\.168\.1\.23 metric 600$/m);
    const dir = scratch({ 'predicted.routes': result.stdout });
    const checked = runCli(['check', '--format', 'json', join(dir, 'predicted.routes')]);
    const files = json<{ format: string; diagnostics: { code: string; severity: string }[] }[]>(checked);
    assert.equal(files[0]?.format, 'linux-ip-route');
    assert.ok(files[0]?.diagnostics.every((d) => d.severity !== 'error'));
    assert.ok(files[0]?.diagnostics.some((d) => d.code === 'shadowed-route'));
    // And resolve answers from it: the two halves take everything into the tunnel.
    const resolved = runCli(['resolve', '--json', join(dir, 'predicted.routes'), '8.8.8.8']);
    assert.equal(json<{ route: { interface: string } }[]>(resolved)[0]?.route.interface, 'tun0');
  });

  test('--json: every line with its origin and 1-based dump and config lines', () => {
    const result = runCli(['simulate', '--json', fixture('l2tp/peers-full-tunnel'), '--with', fixture('l2tp/routes.txt')]);
    assert.equal(result.status, 0, result.stderr);
    const out = json<SimulatedJson>(result);
    assert.equal(out.format, 'ppp-options');
    assert.equal(out.dump, fixture('l2tp/routes.txt'));
    assert.deepEqual(out.removed.map((r) => r.dumpLine), [1]);
    const added = out.lines.filter((l) => l.origin === 'vpn');
    assert.deepEqual(added.map((l) => [l.text.replace(/\s+#.*$/, ''), l.configLine]), [['default dev ppp0 scope link', 5]]);
    assert.ok(out.lines.filter((l) => l.origin === 'dump').every((l) => l.dumpLine !== null));
    assert.equal(out.text.split('\n').length - 1, out.lines.length);
  });

  test('without --with, the dump next to the config is used; with none, only the VPN\'s routes and a note', () => {
    const dir = scratch({});
    copyFileSync(fixture('wireguard/ipv6-leak.conf'), join(dir, 'wg0.conf'));
    const alone = runCli(['simulate', join(dir, 'wg0.conf')]);
    assert.equal(alone.status, 0, alone.stderr);
    assert.match(alone.stdout, /# Note: No dump of this machine is known: only the VPN's own routes are shown/);
    copyFileSync(fixture('wireguard/routes.txt'), join(dir, 'routes.txt'));
    const withDump = json<SimulatedJson>(runCli(['simulate', '--json', join(dir, 'wg0.conf')]));
    assert.equal(withDump.dump, 'routes.txt');
    assert.ok(withDump.lines.some((l) => l.text.startsWith('default dev wg0 table 51820')));
    assert.ok(withDump.lines.some((l) => l.origin === 'dump' && l.text.startsWith('default via fe80::1 dev eth0')));
  });

  test('xl2tpd.conf: the pppoptfile next to it is read', () => {
    const dir = scratch({ 'xl2tpd.conf': '[lac corp]\nlns = 203.0.113.77\npppoptfile = options.client\n', 'options.client': 'defaultroute\nreplacedefaultroute\n' });
    const result = runCli(['simulate', join(dir, 'xl2tpd.conf'), '--with', fixture('l2tp/routes.txt')]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^default dev ppp0 scope link {2}# \+ xl2tpd\.conf/m);
    assert.match(result.stdout, /^# - default via 192\.168\.101\.1/m);
    const check = json<{ diagnostics: { code: string }[] }[]>(runCli(['check', '--format', 'json', join(dir, 'xl2tpd.conf')]));
    assert.ok(!check[0]?.diagnostics.some((d) => d.code === 'pppoptfile-missing'));
    const missing = scratch({ 'xl2tpd.conf': '[lac corp]\nlns = 203.0.113.77\npppoptfile = options.gone\n' });
    const reported = json<{ diagnostics: { code: string; line: number; column: number; severity: string }[] }[]>(runCli(['check', '--format', 'json', join(missing, 'xl2tpd.conf')]));
    const finding = reported[0]?.diagnostics.find((d) => d.code === 'pppoptfile-missing');
    assert.deepEqual([finding?.line, finding?.column, finding?.severity], [3, 14, 'warning']);
  });

  test('resolve reads the pppoptfile too: replacedefaultroute decides where 8.8.8.8 goes', () => {
    const ask = (options: string): string => {
      const dir = scratch({ 'xl2tpd.conf': '[lac corp]\nlns = 203.0.113.77\npppoptfile = options.client\n', 'options.client': options });
      const result = runCli(['resolve', join(dir, 'xl2tpd.conf'), '8.8.8.8', '--with', fixture('l2tp/routes.txt')]);
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    assert.match(ask('defaultroute\nreplacedefaultroute\n'), /goes into the tunnel \(ppp0/);
    assert.match(ask('defaultroute\n'), /goes outside the tunnel, through eth0 via 192\.168\.101\.1/);
  });

  test('check and resolve use the dump a config names, as simulate does', () => {
    const config = join(root, 'examples/wg0.conf');
    const checked = json<{ diagnostics: { code: string; message: string }[] }[]>(runCli(['check', '--format', 'json', config]));
    const leak = checked[0]?.diagnostics.find((d) => d.code === 'ipv6-leak');
    assert.match(leak?.message ?? '', /via eth0 via fe80::1 \(line 12 of laptop\.routes\)/);
    const resolved = runCli(['resolve', config, '192.168.1.50', '1.1.1.1']);
    assert.equal(resolved.status, 0, resolved.stderr);
    assert.match(resolved.stdout, /192\.168\.1\.50 → outside the tunnel/);
    assert.match(resolved.stdout, /1\.1\.1\.1 → through the tunnel/);
  });

  test('bad input exits with 2 and one line on stderr', () => {
    for (const args of [
      ['simulate'],
      ['simulate', fixture('wireguard/routes.txt')],
      ['simulate', fixture('l2tp/chap-secrets')],
      ['simulate', fixture('wireguard/ipv6-leak.conf'), 'extra'],
      ['simulate', fixture('wireguard/ipv6-leak.conf'), '--with', fixture('wireguard/nope.txt')],
      ['simulate', fixture('wireguard/ipv6-leak.conf'), '--with', fixture('wireguard/ipv6-leak.conf')],
      ['simulate', '--bogus', fixture('wireguard/ipv6-leak.conf')],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assertOneLineError(result);
    }
  });

  test('no secret of the config reaches the output', () => {
    const result = runCli(['simulate', '--json', fixture('wireguard/ipv6-leak.conf'), '--with', fixture('wireguard/routes.txt')]);
    assert.equal(result.status, 0);
    assert.ok(!result.stdout.includes('uFC/fqXskuy2KuhACHQpynrp7frBN/RU9ndy5ObzVmM='));
    const ppp = runCli(['simulate', fixture('l2tp/options.l2tpd.client')]);
    assert.ok(!ppp.stdout.includes('Tr0ub4dor'));
  });

  test('--help names the command', () => {
    const result = runCli(['simulate', '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /route-lens simulate \[--json\] \[--with DUMP\] CONFIG/);
  });
});
