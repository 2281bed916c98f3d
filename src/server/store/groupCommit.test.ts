import { describe, expect, it } from 'vitest';
import { groupCommit } from './groupCommit.ts';

/** A write that holds each round open until released, recording what each round contained. */
function heldWrite(fail: (items: readonly string[]) => boolean = () => false) {
  const rounds: string[][] = [];
  const releases: (() => void)[] = [];
  const write = (items: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      rounds.push([...items]);
      releases.push(() => (fail(items) ? reject(new Error('write failed')) : resolve(items.filter((i) => !i.startsWith('old')))));
    });
  const releaseNext = async () => {
    await new Promise((r) => setTimeout(r, 0));
    releases.shift()?.();
  };
  return { rounds, write, releaseNext };
}

const resultFor = (item: string, results: ReadonlySet<string>) => (results.has(item) ? item : undefined);

describe('groupCommit', () => {
  it('writes the calls of one turn of the event loop together, and those that arrive during a write in the next round, each caller getting its own results', async () => {
    const held = heldWrite();
    const append = groupCommit(held.write, resultFor);
    const first = append(['a']);
    const second = append(['b']);
    await new Promise((r) => setImmediate(r));
    const third = append(['c', 'old-d']);
    const fourth = append(['e']);
    await held.releaseNext();
    await held.releaseNext();
    expect(await Promise.all([first, second, third, fourth])).toEqual([['a'], ['b'], ['c'], ['e']]);
    expect(held.rounds).toEqual([['a', 'b'], ['c', 'old-d', 'e']]);
  });

  it('fails only the callers of the round that failed, and keeps writing after it', async () => {
    const held = heldWrite((items) => items.includes('bad'));
    const append = groupCommit(held.write, resultFor);
    const first = append(['a']);
    await new Promise((r) => setImmediate(r));
    const second = append(['bad']);
    const third = append(['c']);
    await held.releaseNext();
    await held.releaseNext();
    await expect(first).resolves.toEqual(['a']);
    await expect(second).rejects.toThrow('write failed');
    await expect(third).rejects.toThrow('write failed');
    const fourth = append(['e']);
    await held.releaseNext();
    await expect(fourth).resolves.toEqual(['e']);
    expect(held.rounds).toEqual([['a'], ['bad', 'c'], ['e']]);
  });

  it('answers an empty call at once without a write', async () => {
    const held = heldWrite();
    await expect(groupCommit(held.write, resultFor)([])).resolves.toEqual([]);
    expect(held.rounds).toEqual([]);
  });
});
