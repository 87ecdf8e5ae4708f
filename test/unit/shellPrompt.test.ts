// Pasted prompts: which `#` lines are a root prompt before a command and which are comments.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePromptLine } from '../../server/src/core/formats/shellPrompt';

describe('shell prompts', () => {
  test('a root prompt before a command Route Lens reads', () => {
    for (const line of [
      '# ip route', '# ip -6 route show table all', '# ip r', '# ip rule', '# ip -j route', '# sudo ip ro li',
      '# route -n', '# route', '# route print', '# netstat -rn', '# wg show', '# wg', '# wg-quick up wg0',
      '# ipconfig /all', '# cat /proc/net/route', '# Get-NetRoute', '# Get-NetRoute -AddressFamily IPv4',
      'root@gw:~# ip route show table 100',
    ]) {
      assert.ok(parsePromptLine(line), line);
    }
  });

  test('a comment that starts with a tool name stays a comment', () => {
    for (const line of [
      '# wg-quick with AllowedIPs = 0.0.0.0/0 puts its default route in table 51820 and relies on',
      '# ip routes below come from the gateway', '# route tables differ per VRF', '# netstat output follows',
      '# cat the file first', '# ip', '# wg keys are hidden',
    ]) {
      assert.equal(parsePromptLine(line), undefined, line);
    }
  });

  test('other prompts are not limited to known tools', () => {
    assert.deepEqual(parsePromptLine('$ ip route')?.argv, ['ip', 'route']);
    assert.deepEqual(parsePromptLine('user@host ~ % netstat -rn')?.argv, ['netstat', '-rn']);
  });
});
