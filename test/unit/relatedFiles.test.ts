import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigDocuments } from '../../server/src/configDocuments';
import { MachineDumps } from '../../server/src/machineDump';
import { MAX_RELATED_BYTES } from '../../server/src/relatedFiles';
import { defaultSettings } from '../../server/src/settings';
import { fixtures } from './configs/simulateHelpers';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'route-lens-related-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function configs(): ConfigDocuments {
  return new ConfigDocuments(new MachineDumps(() => undefined));
}

function open(dir: string, name: string, languageId: string, version = 1): TextDocument {
  return TextDocument.create(pathToFileURL(join(dir, name)).toString(), languageId, version, readFileSync(join(dir, name), 'utf8'));
}

const XL2TPD = (path: string): string => `[lac corp]\nlns = 203.0.113.77\npppoptfile = ${path}\n`;
const ROUTES = 'default via 192.168.101.1 dev eth0 proto dhcp metric 100\n192.168.101.0/24 dev eth0 proto kernel scope link src 192.168.101.23 metric 100\n';

describe('xl2tpd pppoptfile from disk', () => {
  test('a relative path is read next to the config, and its routing options decide the prediction', () => {
    const dir = folder({ 'xl2tpd.conf': XL2TPD('options.client'), 'options.client': 'defaultroute\nreplacedefaultroute\n', 'routes.txt': ROUTES });
    const doc = configs().get(open(dir, 'xl2tpd.conf', 'xl2tpd'), defaultSettings);
    assert.deepEqual(doc.findings.filter((f) => f.code === 'pppoptfile-missing'), []);
    const table = doc.config.simulate();
    assert.ok(table?.text.includes('default dev ppp0 scope link  # + xl2tpd.conf'), table?.text);
    assert.equal(table?.removed.length, 1);
  });

  test('a missing file gets a warning at the pppoptfile value', () => {
    const dir = folder({ 'xl2tpd.conf': XL2TPD('options.gone') });
    const doc = configs().get(open(dir, 'xl2tpd.conf', 'xl2tpd'), defaultSettings);
    const missing = doc.findings.find((f) => f.code === 'pppoptfile-missing');
    assert.equal(missing?.severity, 'warning');
    assert.deepEqual(missing?.span, { line: 2, col: 13, endLine: 2, endCol: 25 });
    assert.match(missing?.message ?? '', /options\.gone does not exist/);
  });

  test('a huge file is not read, and the finding says why instead of calling it missing', () => {
    const dir = folder({ 'xl2tpd.conf': XL2TPD('options.big'), 'options.big': `defaultroute\n${'#'.repeat(MAX_RELATED_BYTES)}\n` });
    const doc = configs().get(open(dir, 'xl2tpd.conf', 'xl2tpd'), defaultSettings);
    const finding = doc.findings.find((f) => f.code === 'pppoptfile-missing');
    assert.equal(finding?.severity, 'information');
    assert.match(finding?.message ?? '', /options\.big was not read \(larger than 256 KiB/);
  });

  test('an absolute path missing on this machine is found by its name next to the config', () => {
    const dir = folder({ 'xl2tpd.conf': XL2TPD('/etc/ppp/route-lens-test-options.client'), 'route-lens-test-options.client': 'defaultroute\n' });
    const doc = configs().get(open(dir, 'xl2tpd.conf', 'xl2tpd'), defaultSettings);
    assert.deepEqual(doc.findings.filter((f) => f.code === 'pppoptfile-missing'), []);
  });

  test('an edited options file on disk makes a new analysis of the same config version', () => {
    const dir = folder({ 'xl2tpd.conf': XL2TPD('options.client'), 'options.client': 'nodefaultroute\n', 'routes.txt': ROUTES });
    const cache = configs();
    const document = open(dir, 'xl2tpd.conf', 'xl2tpd');
    const before = cache.get(document, defaultSettings).config.simulate();
    assert.ok(!before?.text.includes('dev ppp0 scope link'));
    writeFileSync(join(dir, 'options.client'), 'defaultroute\nreplacedefaultroute\n');
    utimesSync(join(dir, 'options.client'), new Date(), new Date(Date.now() + 5000));
    const afterEdit = cache.get(document, defaultSettings).config.simulate();
    assert.ok(afterEdit?.text.includes('default dev ppp0 scope link'), afterEdit?.text);
  });
});

describe('NetworkManager sibling profiles', () => {
  test('the other profiles of the folder are passed to the core for cross-profile findings', () => {
    const read = (name: string): string => readFileSync(join(fixtures, 'networkmanager', name), 'utf8');
    const dir = folder({ 'home-wifi.nmconnection': read('home-wifi.nmconnection'), 'l2tp-full-tunnel.nmconnection': read('l2tp-full-tunnel.nmconnection') });
    const wifi = configs().get(open(dir, 'home-wifi.nmconnection', 'networkmanager'), defaultSettings);
    assert.deepEqual(wifi.findings.map((f) => `${f.code}@${f.span.line + 1}`), ['ignore-auto-routes-off-on-vpn-host@17', 'dns-leak@18']);
    const alone = folder({ 'home-wifi.nmconnection': read('home-wifi.nmconnection') });
    assert.deepEqual(configs().get(open(alone, 'home-wifi.nmconnection', 'networkmanager'), defaultSettings).findings, []);
  });
});

describe('the machine dump next to a config', () => {
  test('the folder is listed again only when a file comes or goes, and the better name then wins', () => {
    const dir = folder({ 'wg0.conf': '[Interface]\nAddress = 10.0.0.2/24\n', 'routes.txt': ROUTES });
    const dumps = new MachineDumps(() => undefined);
    const config = pathToFileURL(join(dir, 'wg0.conf')).toString();
    assert.equal(dumps.find(config, '', undefined)?.name, 'routes.txt');
    assert.equal(dumps.find(config, '', undefined)?.name, 'routes.txt');
    // A `.routes` file ranks first; adding it moves the folder's mtime, so the next request sees it.
    writeFileSync(join(dir, 'laptop.routes'), ROUTES);
    utimesSync(dir, new Date(), new Date(Date.now() + 5000));
    assert.equal(dumps.find(config, '', undefined)?.name, 'laptop.routes');
  });
});
