import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assembleCapture,
  type CaptureCommand,
  captureCommandsFor,
  captureFailure,
  describeFailure,
  promptLine,
} from '../../client/src/captureCommands';

function argv(platform: string): string[] {
  return (captureCommandsFor(platform) ?? []).map((command) => promptLine(command));
}

function linux(index: number): CaptureCommand {
  const command = captureCommandsFor('linux')?.[index];
  assert.ok(command);
  return command;
}

describe('capture commands', () => {
  test('each platform runs its own fixed commands', () => {
    assert.deepEqual(argv('linux'), ['$ ip -4 route show table all', '$ ip -6 route show table all', '$ ip rule']);
    assert.deepEqual(argv('darwin'), ['$ netstat -rn']);
    assert.deepEqual(argv('win32'), ['$ route print']);
    assert.equal(captureCommandsFor('aix'), undefined);
  });

  test('only the first Linux command is required', () => {
    assert.deepEqual(captureCommandsFor('linux')?.map((command) => command.optional), [false, true, true]);
  });

  test('ip is also looked for in sbin, by absolute path', () => {
    for (const command of captureCommandsFor('linux') ?? []) assert.deepEqual(command.fallbacks, ['/usr/sbin/ip', '/sbin/ip']);
  });

  test('arguments are separate words, never a shell line', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      for (const command of captureCommandsFor(platform) ?? []) {
        assert.match(command.file, /^[a-z0-9]+$/);
        for (const arg of command.args) assert.doesNotMatch(arg, /[\s;|&$`<>]/);
      }
    }
  });
});

describe('assembleCapture', () => {
  const at = new Date('2025-03-01T12:00:00Z');

  test('puts each output under its prompt, after a comment header', () => {
    const text = assembleCapture(
      [
        { command: linux(0), stdout: 'default via 192.168.1.1 dev eth0\n\n' },
        { command: linux(1), stdout: '::1 dev lo proto kernel metric 256 pref medium\n' },
        { command: linux(2), stdout: '0:\tfrom all lookup local\n' },
      ],
      'linux',
      at,
    );
    assert.equal(
      text,
      `# Routing table of this machine (linux), captured 2025-03-01T12:00:00.000Z by Route Lens.

$ ip -4 route show table all
default via 192.168.1.1 dev eth0

$ ip -6 route show table all
::1 dev lo proto kernel metric 256 pref medium

$ ip rule
0:\tfrom all lookup local
`,
    );
  });

  test('turns CRLF into LF and keeps an empty output as a bare prompt', () => {
    const route = captureCommandsFor('win32')?.[0];
    assert.ok(route);
    const text = assembleCapture([{ command: route, stdout: 'IPv4 Route Table\r\n====\r\n' }], 'win32', at);
    assert.ok(text.endsWith('$ route print\nIPv4 Route Table\n====\n'));
    assert.ok(!text.includes('\r'));
    const empty = assembleCapture([{ command: linux(2), stdout: '' }], 'linux', at);
    assert.ok(empty.endsWith('\n\n$ ip rule\n'));
  });

  test('a failed optional command leaves a comment under its prompt', () => {
    const text = assembleCapture(
      [
        { command: linux(0), stdout: 'default dev ppp0\n' },
        { command: linux(1), failure: 'IPv6 is off\nhere' },
      ],
      'linux',
      at,
    );
    assert.ok(text.endsWith('$ ip -6 route show table all\n# Not captured: IPv6 is off here\n'));
  });
});

describe('failures', () => {
  test('only a required command failing stops the capture', () => {
    assert.equal(captureFailure([{ command: linux(0), stdout: '' }, { command: linux(1), failure: 'no IPv6' }]), undefined);
    assert.equal(captureFailure([{ command: linux(0), failure: 'no ip' }, { command: linux(1), stdout: '' }]), 'no ip');
  });

  test('each kind of failure gets its own sentence', () => {
    assert.equal(describeFailure(linux(0), { code: 'ENOENT' }), '`ip` was not found on this machine. Install iproute2 (the `ip` command).');
    assert.equal(
      describeFailure(linux(0), { killed: true, signal: 'SIGTERM', code: null }, 10_000),
      '`ip -4 route show table all` did not finish within 10 seconds.',
    );
    assert.equal(
      describeFailure(linux(0), { code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' }),
      '`ip -4 route show table all` printed more than 16 MB, so it was stopped.',
    );
    assert.equal(
      describeFailure(linux(1), { code: 2, stderr: 'RTNETLINK answers: Address family not supported by protocol\n' }),
      '`ip -6 route show table all` failed with exit code 2: RTNETLINK answers: Address family not supported by protocol',
    );
    assert.equal(describeFailure(linux(2), { code: 1, stderr: '' }), '`ip rule` failed with exit code 1.');
    assert.equal(describeFailure(linux(0), { code: 'ABORT_ERR' }), 'The capture was cancelled.');
  });
});
