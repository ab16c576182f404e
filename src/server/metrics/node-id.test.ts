import { describe, expect, it } from 'vitest';
import { defaultNodeId, nodeIdFrom, NodeIdError, NODE_ID_ENV } from './node-id.js';

describe('the node id setting', () => {
  it('comes from the option, else the environment; empty or blank is none', () => {
    expect(nodeIdFrom('node-a', {})).toBe('node-a');
    expect(nodeIdFrom(undefined, { [NODE_ID_ENV]: ' guide-2:8080 ' })).toBe('guide-2:8080');
    expect(nodeIdFrom('node-a', { [NODE_ID_ENV]: 'node-b' })).toBe('node-a');
    expect(nodeIdFrom(undefined, {})).toBeNull();
    expect(nodeIdFrom(undefined, { [NODE_ID_ENV]: '' })).toBeNull();
    expect(nodeIdFrom('   ', {})).toBeNull();
    expect(nodeIdFrom('a'.repeat(64), {})).toBe('a'.repeat(64));
  });

  it('refuses a value that is no plain label, saying what it must be and what was set', () => {
    for (const bad of [
      'node a',
      'node"a',
      'node\na',
      'node{a}',
      '-node',
      '.node',
      'knude-æ',
      'a'.repeat(65),
      'x'.repeat(500),
    ]) {
      expect(() => nodeIdFrom(undefined, { [NODE_ID_ENV]: bad }), bad).toThrow(NodeIdError);
      expect(() => nodeIdFrom(bad, {}), bad).toThrow(/CITIZEN_GUIDE_NODE_ID must be 1–64 letters/);
    }
    // The message stays one line and short, whatever was set.
    try {
      nodeIdFrom(`a\n${'b'.repeat(300)}`, {});
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
      expect((err as Error).message.length).toBeLessThan(250);
    }
  });

  it('defaults to the host name and port, always a valid id', () => {
    expect(defaultNodeId(8080, 'guide-2')).toBe('guide-2:8080');
    expect(defaultNodeId(8080, 'weird host_')).toBe('weird-host_:8080');
    expect(defaultNodeId(1, '')).toBe('node:1');
    expect(defaultNodeId(1, '--')).toBe('node:1');
    for (const host of ['guide-2', 'weird host_', '', '_x', 'h'.repeat(300)])
      expect(nodeIdFrom(defaultNodeId(65535, host), {}), host).not.toBeNull();
  });
});
