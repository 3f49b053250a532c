// The mask being painted: one byte per image pixel (1 = may change). Painting is binary on
// purpose: the API reads "fully transparent" pixels, so soft brush edges would mark nothing.
// Kept as a list of operations, so Undo replays them instead of storing a copy per step.

export interface Point {
  x: number;
  y: number;
}

/** The part of the image a change touched, in whole pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Operation = { kind: 'stroke'; points: Point[]; radius: number; erase: boolean } | { kind: 'clear' };

export class MaskBitmap {
  readonly painted: Uint8Array;
  private readonly ops: Operation[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.painted = new Uint8Array(width * height);
  }

  /** An independent copy, so an editing session can be thrown away with Cancel. */
  clone(): MaskBitmap {
    const copy = new MaskBitmap(this.width, this.height);
    copy.painted.set(this.painted);
    for (const op of this.ops) copy.ops.push(op.kind === 'stroke' ? { ...op, points: [...op.points] } : op);
    return copy;
  }

  /** Starts a stroke with one dab of the brush at `p` (image pixels). */
  begin(p: Point, radius: number, erase: boolean): Rect {
    this.ops.push({ kind: 'stroke', points: [p], radius, erase });
    return this.capsule(p, p, radius, erase ? 0 : 1);
  }

  /** Continues the current stroke in a straight line to `p`. */
  extend(p: Point): Rect | undefined {
    const op = this.ops[this.ops.length - 1];
    if (op?.kind !== 'stroke') return undefined;
    const last = op.points[op.points.length - 1];
    op.points.push(p);
    return this.capsule(last, p, op.radius, op.erase ? 0 : 1);
  }

  clear(): void {
    if (!this.isEmpty()) this.ops.push({ kind: 'clear' });
    this.painted.fill(0);
  }

  canUndo(): boolean {
    return this.ops.length > 0;
  }

  /** Takes back the last stroke (or Clear). */
  undo(): void {
    this.ops.pop();
    this.painted.fill(0);
    for (const op of this.ops) {
      if (op.kind === 'clear') {
        this.painted.fill(0);
        continue;
      }
      const value = op.erase ? 0 : 1;
      op.points.forEach((p, i) => this.capsule(op.points[Math.max(0, i - 1)], p, op.radius, value));
    }
  }

  count(): number {
    let n = 0;
    for (const v of this.painted) n += v;
    return n;
  }

  isEmpty(): boolean {
    return !this.painted.includes(1);
  }

  /**
   * Sets every pixel whose centre lies within `radius` of the segment a-b. Centres, not
   * coverage: the same stroke always marks the same pixels, whatever the zoom.
   */
  private capsule(a: Point, b: Point, radius: number, value: number): Rect {
    const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius));
    const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(a.x, b.x) + radius));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(a.y, b.y) + radius));
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const r2 = radius * radius;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const cx = x + 0.5;
        const cy = y + 0.5;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / len2));
        const ex = cx - (a.x + t * dx);
        const ey = cy - (a.y + t * dy);
        if (ex * ex + ey * ey <= r2) this.painted[y * this.width + x] = value;
      }
    }
    return { x: x0, y: y0, width: Math.max(0, x1 - x0 + 1), height: Math.max(0, y1 - y0 + 1) };
  }
}

/** How much of the image is marked, in %: never 0 for a mask that marks something, nor 100 for one that leaves a pixel. */
export function markedPercent(bitmap: MaskBitmap): number {
  const share = (100 * bitmap.count()) / (bitmap.width * bitmap.height);
  return share > 0 && share < 1 ? Math.round(share * 10) / 10 : Math.floor(share);
}
