import { nearestInDirection } from '../../../web/src/keyboardNav';

const from = { id: 'a', x: 0, y: 0 };
const pts = [from, { id: 'right', x: 50, y: 0 }, { id: 'right-off-axis', x: 30, y: 30 }, { id: 'up', x: 5, y: -50 }, { id: 'steep', x: 10, y: 50 }];

describe('nearestInDirection', () => {
  it('goes where the arrow points, preferring nodes on its axis', () => {
    // Nearer, but off to the side: the one straight ahead wins.
    expect(nearestInDirection(from, pts, 'right')?.id).toBe('right');
    expect(nearestInDirection(from, pts.filter((p) => p.id !== 'right'), 'right')?.id).toBe('right-off-axis');
    expect(nearestInDirection(from, pts, 'up')?.id).toBe('up');
    expect(nearestInDirection(from, pts, 'down')?.id).toBe('steep');
  });

  it('finds nothing where there is nothing in that direction', () => {
    expect(nearestInDirection(from, pts, 'left')).toBeNull();
    expect(nearestInDirection(from, [from], 'right')).toBeNull();
  });

  it('ignores nodes beside rather than ahead', () => {
    expect(nearestInDirection(from, [from, { id: 'beside', x: 10, y: 200 }], 'right')).toBeNull();
  });
});
